import { makeStyles, tokens } from "@fluentui/react-components";

export const useLayoutStyles = makeStyles({
  stack: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  // Forms stay readable on wide screens.
  form: { maxWidth: "860px" },
  inline: { display: "flex", gap: tokens.spacingHorizontalM, alignItems: "center", flexWrap: "wrap" },
  grid: { display: "grid", gap: tokens.spacingHorizontalM },
  narrow: { gridTemplateColumns: "repeat(auto-fit, minmax(170px, 1fr))" },
  field: { gridTemplateColumns: "repeat(auto-fit, minmax(220px, 1fr))", alignItems: "start" },
  card: { gridTemplateColumns: "repeat(auto-fit, minmax(260px, 1fr))" },
  wide: { gridTemplateColumns: "repeat(auto-fit, minmax(360px, 1fr))", gap: tokens.spacingHorizontalL },
  chart: { gridTemplateColumns: "repeat(auto-fit, minmax(440px, 1fr))" },
  muted: { color: tokens.colorNeutralForeground3 },
});
