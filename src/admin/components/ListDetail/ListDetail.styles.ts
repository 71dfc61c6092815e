import { makeStyles, tokens } from "@fluentui/react-components";

export const useListDetailStyles = makeStyles({
  layout: {
    display: "grid",
    gridTemplateColumns: "minmax(260px, 340px) 1fr",
    gap: tokens.spacingHorizontalL,
  },
  wide: { gridTemplateColumns: "minmax(320px, 420px) 1fr" },
  detail: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  toolbar: { display: "flex", gap: tokens.spacingHorizontalS, marginBottom: tokens.spacingVerticalS },
});
