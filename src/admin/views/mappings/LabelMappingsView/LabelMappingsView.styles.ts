import { makeStyles, tokens } from "@fluentui/react-components";

export const useLabelMappingsStyles = makeStyles({
  layout: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 860px) minmax(280px, 380px)",
    gap: tokens.spacingHorizontalXL,
    alignItems: "start",
  },
});
