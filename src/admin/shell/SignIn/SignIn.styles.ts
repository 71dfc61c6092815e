import { makeStyles, tokens } from "@fluentui/react-components";

export const useSignInStyles = makeStyles({
  page: { display: "flex", justifyContent: "center", padding: tokens.spacingVerticalXXXL },
  card: { width: "min(640px, 100%)", padding: tokens.spacingHorizontalXL },
  command: {
    fontFamily: tokens.fontFamilyMonospace,
    backgroundColor: tokens.colorNeutralBackground3,
    padding: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
    display: "block",
    overflowX: "auto",
  },
  column: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
});
