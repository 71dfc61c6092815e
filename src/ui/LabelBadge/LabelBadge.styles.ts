import { makeStyles, tokens } from "@fluentui/react-components";

export const useLabelBadgeStyles = makeStyles({
  root: {
    display: "inline-flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    maxWidth: "100%",
    paddingBlock: tokens.spacingVerticalXS,
    paddingInline: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase300,
  },
  swatch: {
    flexShrink: 0,
    width: "12px",
    height: "12px",
    borderRadius: tokens.borderRadiusCircular,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    // Windows high contrast drops background colours; keep the swatch visible as an outline.
    "@media (forced-colors: active)": { forcedColorAdjust: "none" },
  },
  none: { fontStyle: "italic", fontWeight: tokens.fontWeightRegular, color: tokens.colorNeutralForeground3 },
  name: { overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" },
});
