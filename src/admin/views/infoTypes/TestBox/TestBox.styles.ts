import { makeStyles, tokens } from "@fluentui/react-components";

export const useTestBoxStyles = makeStyles({
  table: { borderCollapse: "collapse", width: "100%" },
  cell: {
    textAlign: "left",
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  match: { fontFamily: tokens.fontFamilyMonospace },
});
