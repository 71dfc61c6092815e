import { makeStyles, tokens } from "@fluentui/react-components";

export const useAppStyles = makeStyles({
  center: { padding: tokens.spacingVerticalXXXL, display: "flex", justifyContent: "center" },
});
