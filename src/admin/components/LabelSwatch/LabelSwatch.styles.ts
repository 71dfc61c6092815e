import { makeStyles, tokens } from "@fluentui/react-components";

export const useLabelSwatchStyles = makeStyles({
  swatch: {
    display: "inline-block",
    width: "10px",
    height: "10px",
    borderRadius: tokens.borderRadiusCircular,
    marginRight: tokens.spacingHorizontalS,
    flexShrink: 0,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
  },
});
