import { makeStyles, tokens } from "@fluentui/react-components";

export const useHistoryStyles = makeStyles({
  clickable: { cursor: "pointer" },
  selected: { backgroundColor: tokens.colorNeutralBackground1Selected },
  changes: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  change: { borderLeft: `3px solid ${tokens.colorBrandStroke1}`, paddingLeft: tokens.spacingHorizontalM },
  field: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  before: { color: tokens.colorPaletteRedForeground1, textDecorationLine: "line-through" },
  after: { color: tokens.colorPaletteGreenForeground1 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
});
