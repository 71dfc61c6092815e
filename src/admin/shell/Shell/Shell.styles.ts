import { makeStyles, tokens } from "@fluentui/react-components";

export const useShellStyles = makeStyles({
  shell: {
    display: "grid",
    gridTemplateColumns: "200px 1fr",
    gridTemplateRows: "auto 1fr",
    minHeight: "100vh",
  },
  header: {
    gridColumn: "1 / 3",
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalL,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
  },
  grow: { flexGrow: 1 },
  nav: {
    borderRight: `1px solid ${tokens.colorNeutralStroke2}`,
    paddingTop: tokens.spacingVerticalM,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  main: {
    padding: tokens.spacingHorizontalL,
    minWidth: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
  },
  onBrand: { color: tokens.colorNeutralForegroundOnBrand },
});
