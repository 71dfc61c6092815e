import { makeStyles, tokens } from "@fluentui/react-components";

export const useItemListStyles = makeStyles({
  list: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    gap: "2px",
  },
  row: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalXS,
    borderRadius: tokens.borderRadiusMedium,
    paddingRight: tokens.spacingHorizontalXS,
    ":hover": { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  selected: { backgroundColor: tokens.colorNeutralBackground1Selected },
  indented: { paddingLeft: tokens.spacingHorizontalXL },
  name: { flexGrow: 1, justifyContent: "flex-start", minWidth: 0, textAlign: "left" },
});
