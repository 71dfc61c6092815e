import { makeStyles, tokens } from "@fluentui/react-components";

export const useTryMappingStyles = makeStyles({
  card: { padding: tokens.spacingHorizontalM, position: "sticky", top: tokens.spacingVerticalXXL },
});
