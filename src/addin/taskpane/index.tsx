/**
 * Task pane entry (taskpane.html, shared by Outlook, Word, Excel and PowerPoint): connect to the host, build
 * this runtime's wiring (runtime/wiring.ts), and render the pane. Everything Office-specific stays in
 * src/addin/hosts; everything the pane does is in controller.ts.
 */
import type { Theme } from "@fluentui/react-components";
import { StrictMode, useEffect, useState, useSyncExternalStore } from "react";
import { createRoot } from "react-dom/client";
import { connectToOffice, preloadHostFromUrl } from "../hosts/select";
import type { NaaOptions } from "../hosts/naa";
import { en } from "../i18n/en";
import { loadStrings } from "../i18n/load";
import { apiScope, defaultConfig } from "../services/config";
import { lazyAuditQueue } from "../services/lazyAuditQueue";
import type { TokenUser } from "../ports/tokenUser";
import type { TokenProvider } from "../ports/tokens";
import { createRuntime } from "../runtime/wiring";
import { App } from "./components/App";
import { PaneController } from "./controller";
import { pickTheme } from "./model/theme";
import { loadTheme } from "./themes";

declare const __LABELBRIDGE_AUTH__: string | undefined;

function Pane({ controller, theme: initialTheme }: { controller: PaneController; theme: Theme }) {
  const state = useSyncExternalStore(controller.subscribe, controller.getState);
  const [theme, setTheme] = useState<{ kind: string; theme: Theme }>({
    kind: state.theme,
    theme: initialTheme,
  });
  useEffect(() => {
    // Office's theme changed while the pane is open: fetch the Fluent theme for it (dark and high
    // contrast are chunks of their own).
    if (state.theme === theme.kind) return;
    let current = true;
    void loadTheme(state.theme).then((loaded) => {
      if (current) setTheme({ kind: state.theme, theme: loaded });
    });
    return () => {
      current = false;
    };
  }, [state.theme, theme.kind]);
  useEffect(() => {
    // The pane cannot see typing in the mail body: look again when the person comes back to it.
    const recheck = () => void controller.checkRecommendation();
    window.addEventListener("focus", recheck);
    return () => window.removeEventListener("focus", recheck);
  }, [controller]);
  return (
    <App
      state={state}
      theme={theme.theme}
      actions={{
        choose: (id) => void controller.chooseLabel(id),
        submitJustification: (reason, text) => void controller.submitJustification(reason, text),
        cancelJustification: () => void controller.cancelJustification(),
        acceptRecommendation: () => void controller.acceptRecommendation(),
        dismissRecommendation: () => void controller.dismissRecommendation(),
        dismissNotice: () => controller.clearNotice(),
        dismissPolicyNotice: () => controller.dismissPolicyNotice(),
        dismissWarning: (index) => controller.dismissWarning(index),
        saveToken: (token) => void controller.saveToken(token),
        flushAudit: () => void controller.flushAudit(true),
      }}
    />
  );
}

function OutsideOffice() {
  return (
    <main style={{ fontFamily: "Segoe UI, system-ui, sans-serif", padding: 16 }} data-testid="outside-office">
      <h1 style={{ fontSize: 20 }}>{en.title}</h1>
      <p>{en.outsideOffice}</p>
    </main>
  );
}

/**
 * The NAA adapter, fetched with its first token request (its own chunk; MSAL is another, fetched by
 * the adapter): neither is part of the pane's initial JavaScript. A chunk that failed to load is
 * tried again at the next request.
 */
function naaOnDemand(options: NaaOptions): TokenProvider {
  let adapter: Promise<TokenProvider> | null = null;
  return {
    kind: "naa",
    token(request) {
      const pending = (adapter ??= import(/* webpackChunkName: "naa" */ "../hosts/naa.js").then((m) =>
        m.naaTokenProvider(options),
      ));
      pending.catch(() => {
        if (adapter === pending) adapter = null;
      });
      return pending.then((p) => p.token(request));
    },
  };
}

async function start(): Promise<void> {
  preloadHostFromUrl(location.search);
  const root = createRoot(document.getElementById("root")!);
  const config = defaultConfig();
  const runtime = createRuntime({
    auditQueue: lazyAuditQueue,
    // The build setting itself, not config.auth: webpack folds it, so the other builds carry neither
    // the NAA adapter nor MSAL's chunk.
    naa:
      __LABELBRIDGE_AUTH__ === "naa"
        ? naaOnDemand({ clientId: config.clientId, scopes: [apiScope(config)] })
        : undefined,
  });
  const tokens = runtime.tokens;
  // The token the backend gets (NAA, Office SSO, or the development token) names the person for
  // documents; never interactive here: the policy load asks for sign-in when it must.
  // Only the document hosts need it (Outlook names the person itself): its own chunk, fetched on demand.
  const signedIn = () =>
    import(/* webpackChunkName: "token-user" */ "../ports/tokenUser.js").then((m) => m.signedInUser(tokens));
  let tokenUser: TokenUser | null = null;
  const connected = await connectToOffice({
    documentUser: () => tokenUser ?? { name: "", principalName: "" },
    beforeDocumentHost: async () => {
      tokenUser = await signedIn();
    },
  });
  if (!connected) {
    root.render(<OutsideOffice />);
    return;
  }
  const forcedColors = () => window.matchMedia?.("(forced-colors: active)").matches ?? false;
  const [strings, theme] = await Promise.all([
    loadStrings(connected.host.displayLanguage()),
    loadTheme(pickTheme(connected.host.theme(), forcedColors())),
  ]);
  const clients = runtime.clientsFor(connected.user);
  const controller = new PaneController({
    host: connected.host,
    strings,
    extras: connected.extras,
    policy: clients.policy,
    audit: clients.audit,
    store: runtime.store,
    newId: runtime.newId,
    forcedColors,
    shareDevToken: async (token) => {
      tokenUser = await signedIn();
      await connected.shareDevToken?.(token);
    },
  });
  root.render(
    <StrictMode>
      <Pane controller={controller} theme={theme} />
    </StrictMode>,
  );
  await controller.init();
}

void start();
