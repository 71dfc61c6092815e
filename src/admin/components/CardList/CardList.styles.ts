import { makeStyles, tokens } from "@fluentui/react-components";

export const useCardListStyles = makeStyles({ card: { padding: tokens.spacingHorizontalM } });
