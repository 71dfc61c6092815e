import { makeStyles, tokens } from "@fluentui/react-components";

export const useCreateConfigurationStyles = makeStyles({
  card: {
    padding: tokens.spacingHorizontalXL,
    maxWidth: "640px",
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
  },
});
