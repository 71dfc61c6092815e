/**
 * The smallest Fluent UI v9 app: a provider and a button. bench/addin/bundles.ts builds it with the
 * task pane's own webpack configuration as the yardstick for the pane's initial JavaScript.
 */
import { Button, FluentProvider, webLightTheme } from "@fluentui/react-components";
import { createRoot } from "react-dom/client";

createRoot(document.getElementById("root")!).render(
  <FluentProvider theme={webLightTheme}>
    <Button appearance="primary">Hello</Button>
  </FluentProvider>,
);
