/**
 * The admin console's entry. Styles go through one Griffel renderer whose style elements carry the
 * page's CSP nonce, so the page needs no 'unsafe-inline'.
 */
import * as React from "react";
import { createRoot } from "react-dom/client";
import {
  createDOMRenderer,
  FluentProvider,
  makeStaticStyles,
  RendererProvider,
  webLightTheme,
} from "@fluentui/react-components";
import { App } from "./shell/App";

const nonce = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content ?? "";
const renderer = createDOMRenderer(document, { styleElementAttributes: nonce ? { nonce } : {} });

const useGlobalStyles = makeStaticStyles({
  "html, body": { margin: 0, padding: 0 },
  // Controls fill their field, and a field in a grid may shrink below the control's natural width.
  ".fui-Field": { minWidth: 0 },
  ".fui-Field > .fui-Input, .fui-Field > .fui-Dropdown, .fui-Field > .fui-Combobox, .fui-Field > .fui-Textarea":
    {
      minWidth: 0,
      width: "100%",
      boxSizing: "border-box",
    },
});

function Global(props: { children: React.ReactNode }) {
  useGlobalStyles();
  return <>{props.children}</>;
}

createRoot(document.getElementById("root")!).render(
  <React.StrictMode>
    <RendererProvider renderer={renderer} targetDocument={document}>
      <FluentProvider theme={webLightTheme}>
        <Global>
          <App />
        </Global>
      </FluentProvider>
    </RendererProvider>
  </React.StrictMode>,
);
