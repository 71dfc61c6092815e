import { makeStyles, tokens } from "@fluentui/react-components";

/** A small heading over a bulleted list, as the pane shows other tenants' labels and other markings. */
export const useHeadedListStyles = makeStyles({
  heading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  list: {
    margin: 0,
    paddingInlineStart: tokens.spacingHorizontalL,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
  },
});
