import { makeStyles } from "@fluentui/react-components";

export const usePoliciesViewStyles = makeStyles({
  // A policy's name and phase over the line saying whom it scopes.
  stack: { display: "flex", flexDirection: "column", alignItems: "flex-start" },
});
