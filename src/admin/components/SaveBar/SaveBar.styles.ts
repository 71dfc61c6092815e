import { makeStyles, tokens } from "@fluentui/react-components";

export const useSaveBarStyles = makeStyles({
  bar: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalM,
    position: "sticky",
    top: 0,
    zIndex: 2,
    backgroundColor: tokens.colorNeutralBackground1,
    paddingBottom: tokens.spacingVerticalS,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  grow: { flexGrow: 1 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  linkish: { cursor: "pointer", textDecorationLine: "underline" },
});
