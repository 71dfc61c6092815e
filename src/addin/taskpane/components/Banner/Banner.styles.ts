import { makeStyles, tokens } from "@fluentui/react-components";

// Griffel takes no shorthands: one border colour, four sides.
const borderColor = (c: string) => ({
  borderTopColor: c,
  borderRightColor: c,
  borderBottomColor: c,
  borderLeftColor: c,
});

export const useBannerStyles = makeStyles({
  root: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalS,
    paddingBlock: tokens.spacingVerticalS,
    paddingInline: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid transparent`,
    borderInlineStartWidth: tokens.strokeWidthThickest,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    color: tokens.colorNeutralForeground1,
  },
  info: { backgroundColor: tokens.colorNeutralBackground3, ...borderColor(tokens.colorNeutralStroke1) },
  success: {
    backgroundColor: tokens.colorStatusSuccessBackground1,
    ...borderColor(tokens.colorStatusSuccessBorder1),
  },
  warning: {
    backgroundColor: tokens.colorStatusWarningBackground1,
    ...borderColor(tokens.colorStatusWarningBorder1),
  },
  error: {
    backgroundColor: tokens.colorStatusDangerBackground1,
    ...borderColor(tokens.colorStatusDangerBorder1),
  },
  body: { flexGrow: 1, flexBasis: "12em", margin: 0 },
  title: { fontWeight: tokens.fontWeightSemibold, marginInlineEnd: tokens.spacingHorizontalXS },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});
