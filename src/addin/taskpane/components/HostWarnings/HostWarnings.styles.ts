import { makeStyles, tokens } from "@fluentui/react-components";

export const useHostWarningsStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
  },
});
