import { makeStyles, tokens } from "@fluentui/react-components";

export const useRolloutStyles = makeStyles({
  card: { padding: tokens.spacingHorizontalM },
  next: { outline: `2px solid ${tokens.colorBrandStroke1}` },
  list: {
    margin: 0,
    paddingLeft: 0,
    listStyleType: "none",
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
  },
  item: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "flex-start" },
  done: { color: tokens.colorPaletteGreenForeground1, flexShrink: 0 },
  todo: { color: tokens.colorNeutralForeground3, flexShrink: 0 },
  how: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground3,
    display: "block",
  },
  features: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXS },
});
