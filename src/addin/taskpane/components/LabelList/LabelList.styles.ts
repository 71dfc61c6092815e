import { makeStyles, tokens } from "@fluentui/react-components";

export const useLabelListStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
    margin: 0,
    padding: 0,
    listStyle: "none",
  },
  heading: {
    margin: 0,
    marginBlockStart: tokens.spacingVerticalM,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground1,
  },
  group: {
    margin: 0,
    padding: 0,
    listStyle: "none",
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
  },
  parent: {
    paddingInline: tokens.spacingHorizontalS,
    paddingBlockStart: tokens.spacingVerticalS,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground2,
  },
  option: {
    width: "100%",
    justifyContent: "flex-start",
    textAlign: "start",
    minHeight: "44px",
    paddingBlock: tokens.spacingVerticalXS,
    alignItems: "flex-start",
  },
  sub: { paddingInlineStart: tokens.spacingHorizontalXL },
  selected: {
    backgroundColor: tokens.colorNeutralBackground1Selected,
    boxShadow: `inset 3px 0 0 ${tokens.colorBrandStroke1}`,
  },
  swatch: {
    flexShrink: 0,
    width: "10px",
    height: "10px",
    marginBlockStart: "5px",
    marginInlineEnd: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusCircular,
    "@media (forced-colors: active)": { forcedColorAdjust: "none" },
  },
  text: { display: "flex", flexDirection: "column", gap: "2px", minWidth: 0 },
  name: { fontWeight: tokens.fontWeightSemibold },
  tooltip: {
    fontWeight: tokens.fontWeightRegular,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground3,
  },
  applied: {
    marginInlineStart: "auto",
    paddingInlineStart: tokens.spacingHorizontalS,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorBrandForeground1,
  },
});
