import { makeStyles, tokens } from "@fluentui/react-components";

export const useReportsStyles = makeStyles({
  filters: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalM, alignItems: "flex-end" },
  totals: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXL },
  total: { display: "flex", flexDirection: "column" },
});
