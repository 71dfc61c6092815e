import { makeStyles, tokens } from "@fluentui/react-components";

export const useMarkingStyles = makeStyles({
  page: {
    position: "relative",
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: "#ffffff",
    minHeight: "220px",
    display: "flex",
    flexDirection: "column",
    justifyContent: "space-between",
    padding: tokens.spacingHorizontalM,
    overflow: "hidden",
    boxShadow: tokens.shadow4,
  },
  mark: { whiteSpace: "pre-wrap", minHeight: "1.2em", position: "relative", zIndex: 1 },
  Left: { textAlign: "left" },
  Center: { textAlign: "center" },
  Right: { textAlign: "right" },
  body: {
    color: tokens.colorNeutralForeground4,
    fontStyle: "italic",
    textAlign: "center",
    position: "relative",
    zIndex: 1,
  },
  watermark: {
    position: "absolute",
    inset: 0,
    display: "flex",
    alignItems: "center",
    justifyContent: "center",
    pointerEvents: "none",
    whiteSpace: "pre-wrap",
    textAlign: "center",
  },
  diagonal: { transform: "rotate(-35deg)" },
  variables: { fontFamily: tokens.fontFamilyMonospace, color: tokens.colorNeutralForeground3 },
});
