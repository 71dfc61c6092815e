/**
 * Page script for test/browser/naa.test.ts: the pane's token chain as index.tsx builds it for an
 * `naa` build (NAA → Office SSO → development token), with the real @azure/msal-browser (loaded by
 * naaTokenProvider's import(), so as its own chunk) talking to the fake bridge, a fake Office.js
 * requirement check and a fake OfficeRuntime.auth.getAccessToken.
 */
import { naaTokenProvider } from "../../../../src/addin/hosts/naa";
import { apiScope, defaultConfig } from "../../../../src/addin/services/config";
import { memoryStore } from "../../../../src/addin/ports/storage";
import {
  DEV_TOKEN_KEY,
  devTokenProvider,
  ssoTokenProvider,
  tokenChain,
} from "../../../../src/addin/ports/tokens";
import { installNaaBridge, type NaaBridgeOptions, type NaaBridgeRequest } from "./bridge";

export interface NaaScenario {
  clientId: string;
  apiBase: string;
  /** What `isSetSupported("NestedAppAuth", "1.1")` answers. */
  nestedAppAuth: boolean;
  /** null: no `window.nestedAppAuthBridge` (a host that claims the set but has no bridge). */
  bridge: NaaBridgeOptions | null;
  /** Office SSO's token, or null for a host whose SSO fails (e.g. 13003). */
  ssoToken: string | null;
  devToken: string | null;
  /** Token requests, in order, each interactive or not. */
  requests: boolean[];
}

export interface NaaOutcome {
  /** Per request: the token the chain gave, or the error it threw. */
  results: Array<{ token: string | null } | { error: string }>;
  bridge: NaaBridgeRequest[];
  isSetSupportedCalls: Array<[string, string | undefined]>;
  ssoCalls: Array<{ allowSignInPrompt: boolean; allowConsentPrompt: boolean }>;
}

async function run(scenario: NaaScenario): Promise<NaaOutcome> {
  const bridge = scenario.bridge
    ? installNaaBridge(window as unknown as { nestedAppAuthBridge?: unknown }, scenario.bridge)
    : { requests: [] };
  const isSetSupportedCalls: NaaOutcome["isSetSupportedCalls"] = [];
  const office = {
    context: {
      requirements: {
        isSetSupported(name: string, minVersion?: string) {
          isSetSupportedCalls.push([name, minVersion]);
          return name === "NestedAppAuth" && scenario.nestedAppAuth;
        },
      },
    },
  };
  const ssoCalls: NaaOutcome["ssoCalls"] = [];
  const store = memoryStore();
  if (scenario.devToken) await store.set(DEV_TOKEN_KEY, scenario.devToken);
  const config = defaultConfig({ auth: "naa", apiBase: scenario.apiBase, clientId: scenario.clientId });
  const tokens = tokenChain(config.auth, {
    naa: naaTokenProvider({ clientId: config.clientId, scopes: [apiScope(config)], office: () => office }),
    sso: ssoTokenProvider(async (options) => {
      ssoCalls.push({
        allowSignInPrompt: options.allowSignInPrompt,
        allowConsentPrompt: options.allowConsentPrompt,
      });
      if (scenario.ssoToken === null) throw Object.assign(new Error("SSO unavailable"), { code: 13003 });
      return scenario.ssoToken;
    }),
    dev: [devTokenProvider(store)],
  });
  const results: NaaOutcome["results"] = [];
  for (const interactive of scenario.requests) {
    try {
      results.push({ token: await tokens.token({ interactive }) });
    } catch (error) {
      const e = error as { errorCode?: string; message?: string };
      results.push({ error: e.errorCode ?? e.message ?? String(error) });
    }
  }
  return { results, bridge: bridge.requests, isSetSupportedCalls, ssoCalls };
}

(window as unknown as { __naaTest: { run: typeof run } }).__naaTest = { run };
