import { makeStyles, tokens } from "@fluentui/react-components";

export const useHistoryStyles = makeStyles({
  clickable: { cursor: "pointer" },
  selected: { backgroundColor: tokens.colorNeutralBackground1Selected },
  changes: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  change: { borderLeft: `3px solid ${tokens.colorBrandStroke1}`, paddingLeft: tokens.spacingHorizontalM },
});
