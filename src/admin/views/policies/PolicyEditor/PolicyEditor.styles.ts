import { makeStyles, tokens } from "@fluentui/react-components";

export const usePolicyEditorStyles = makeStyles({
  tree: { display: "flex", flexDirection: "column" },
  child: { paddingLeft: tokens.spacingHorizontalXXL },
});
