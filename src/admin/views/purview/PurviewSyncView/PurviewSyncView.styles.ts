import { makeStyles, tokens } from "@fluentui/react-components";

export const usePurviewSyncStyles = makeStyles({
  card: { padding: tokens.spacingHorizontalM, maxWidth: "860px" },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  path: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
});
