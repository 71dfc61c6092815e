import { makeStyles, tokens } from "@fluentui/react-components";

export const useFieldStyles = makeStyles({ error: { color: tokens.colorPaletteRedForeground1 } });
