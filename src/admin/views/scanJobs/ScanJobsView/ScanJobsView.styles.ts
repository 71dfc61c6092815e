import { makeStyles, tokens } from "@fluentui/react-components";

export const useScanJobsStyles = makeStyles({
  card: { padding: tokens.spacingHorizontalM },
  selected: { backgroundColor: tokens.colorNeutralBackground1Selected },
  row: { cursor: "pointer" },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  progress: { minWidth: "160px" },
});
