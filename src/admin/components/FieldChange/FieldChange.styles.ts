import { makeStyles, tokens } from "@fluentui/react-components";

export const useFieldChangeStyles = makeStyles({
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  field: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  before: { color: tokens.colorPaletteRedForeground1, textDecorationLine: "line-through" },
  after: { color: tokens.colorPaletteGreenForeground1 },
});
