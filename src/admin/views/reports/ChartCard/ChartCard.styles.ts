import { makeStyles, tokens } from "@fluentui/react-components";

export const useChartCardStyles = makeStyles({
  card: {
    padding: tokens.spacingHorizontalM,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    minWidth: 0,
  },
  head: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS },
  grow: { flexGrow: 1 },
  canvasBox: { position: "relative", height: "260px" },
  tableBox: { maxHeight: "220px", overflowY: "auto" },
  empty: { color: tokens.colorNeutralForeground3, padding: tokens.spacingVerticalL, textAlign: "center" },
});
