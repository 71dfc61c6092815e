import { makeStyles, tokens } from "@fluentui/react-components";

export const useTenantSettingsStyles = makeStyles({
  row: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(260px, 1fr))",
    gap: tokens.spacingHorizontalM,
    alignItems: "start",
    maxWidth: "900px",
    marginBottom: tokens.spacingVerticalM,
  },
});
