/**
 * Nested app authentication (NAA) for the task pane: MSAL's nestable client asks the Office host
 * (through `window.nestedAppAuthBridge`) for a token for the backend's API, the way Microsoft
 * recommends for add-ins (docs/reference/office-js.md §7). MSAL is about as large as the whole pane, so it is
 * loaded with `import()` on the first token request: its own chunk, never in the pane's initial
 * JavaScript, and never in the event bundles (they cannot load chunks and must stay small; they use
 * Office SSO).
 */
import type { TokenProvider } from "../ports/tokens";

/** Work and school accounts of any tenant; the backend decides which tenants it accepts. */
export const NAA_AUTHORITY = "https://login.microsoftonline.com/common";

type Msal = typeof import("@azure/msal-browser");
type NestableClient = Awaited<ReturnType<Msal["createNestablePublicClientApplication"]>>;

/** The part of Office.js this adapter reads. */
export interface OfficeRequirementsLike {
  context?: { requirements?: { isSetSupported(name: string, minVersion?: string): boolean } };
}

export interface NaaOptions {
  /** Application (client) id of the add-in's Entra app registration. */
  clientId: string;
  /** E.g. `api://labels.example.com/<client id>/access_as_user`. */
  scopes: string[];
  /**
   * Office.js, read at each request: the pane builds its token chain before Office.onReady, and
   * `Office.context` exists only after it.
   */
  office?: () => OfficeRequirementsLike | undefined;
}

function globalOffice(): OfficeRequirementsLike | undefined {
  return (globalThis as { Office?: OfficeRequirementsLike }).Office;
}

/** Microsoft's documented check: only hosts with NestedAppAuth 1.1 have the bridge MSAL talks to. */
export function naaSupported(office: OfficeRequirementsLike | undefined): boolean {
  try {
    return office?.context?.requirements?.isSetSupported("NestedAppAuth", "1.1") === true;
  } catch {
    return false;
  }
}

/**
 * Null where the host has no NAA (the next provider — Office SSO — is asked). Silent first; a
 * prompt (MSAL's popup through the host) only when MSAL says interaction is required and the
 * request is interactive. Tokens are cached by MSAL, not here.
 */
export function naaTokenProvider(options: NaaOptions): TokenProvider {
  const office = options.office ?? globalOffice;
  let client: Promise<{ msal: Msal; pca: NestableClient }> | null = null;
  const connect = () => {
    if (!client) {
      const pending = (async () => {
        const msal = await import(/* webpackChunkName: "msal" */ "@azure/msal-browser");
        const pca = await msal.createNestablePublicClientApplication({
          auth: { clientId: options.clientId, authority: NAA_AUTHORITY },
        });
        return { msal, pca };
      })();
      // A chunk that failed to load (offline) is tried again at the next request.
      pending.catch(() => {
        if (client === pending) client = null;
      });
      client = pending;
    }
    return client;
  };
  return {
    kind: "naa",
    async token(request) {
      if (!options.clientId || !naaSupported(office())) return null;
      const { msal, pca } = await connect();
      const tokenRequest = { scopes: options.scopes };
      try {
        return (await pca.acquireTokenSilent(tokenRequest)).accessToken;
      } catch (error) {
        // A request that may not prompt (a background load) leaves it to the next provider. So does
        // every other error — e.g. no_account_error from the standard client MSAL falls back to
        // when the host has no bridge: its popup would need a redirect page we do not have.
        if (!request.interactive || !(error instanceof msal.InteractionRequiredAuthError)) throw error;
      }
      return (await pca.acquireTokenPopup(tokenRequest)).accessToken;
    },
  };
}
