/**
 * A fake Office host's nested app authentication bridge: `window.nestedAppAuthBridge`, the object
 * MSAL's BridgeProxy (@azure/msal-browser src/naa/BridgeProxy.ts) talks to. The protocol, as MSAL
 * 5.30 speaks it:
 *
 * - MSAL registers one listener (`addEventListener("message", cb)`) and sends JSON strings through
 *   `postMessage`: `{ messageType: "NestedAppAuthRequest", method, requestId, sendTime,
 *   clientLibrary, clientLibraryVersion, tokenParams? }`, method `GetInitContext` (once, when the
 *   client is created), `GetToken` (silent) or `GetTokenPopup` (interactive); `tokenParams` carries
 *   `clientId`, `scope` (space-separated), `correlationId`, `authority`…
 * - the host answers asynchronously with a JSON string (or `{ data: string }`): `{ messageType:
 *   "NestedAppAuthResponse", requestId, success, initContext? | token?, account? | error? }` where
 *   `token` is `{ access_token, expires_in, id_token, properties, scope }` and `error` is
 *   `{ status: "USER_INTERACTION_REQUIRED" | …, code?, description? }`.
 *
 * Runs in the page (bundled into the test's browser entry); Node-free.
 */

export type BridgeMethod = "GetInitContext" | "GetToken" | "GetTokenPopup";

export interface NaaTokenParams {
  clientId: string;
  scope: string;
  correlationId: string;
  authority?: string;
  [key: string]: unknown;
}

/** A request as the host received it (parsed from MSAL's JSON). */
export interface NaaBridgeRequest {
  messageType: string;
  method: BridgeMethod;
  requestId: string;
  clientLibrary?: string;
  clientLibraryVersion?: string;
  tokenParams?: NaaTokenParams;
}

export interface NaaBridgeAccount {
  name: string;
  username: string;
  tenantId: string;
  localAccountId: string;
}

export interface NaaBridgeOptions {
  /** Access token for a silent request, or "interaction_required" (the host must show a prompt). */
  silent: { accessToken: string } | "interaction_required";
  /** Access token the host returns after its sign-in popup; "user_cancel" when the person closes it. */
  popup?: { accessToken: string } | "user_cancel";
  account?: NaaBridgeAccount;
}

export interface FakeNaaBridge {
  /** Every request MSAL sent, in order. */
  readonly requests: NaaBridgeRequest[];
}

export const DEFAULT_ACCOUNT: NaaBridgeAccount = {
  name: "Sam Lee",
  username: "sam@contoso.com",
  tenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47",
  localAccountId: "2995ae49-d9dd-409d-8d62-ba969ce58a81",
};

function base64url(text: string): string {
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** An unsigned ID token: MSAL only decodes the host's ID token (the host validated it). */
function idToken(clientId: string, account: NaaBridgeAccount): string {
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    aud: clientId,
    iss: `https://login.microsoftonline.com/${account.tenantId}/v2.0`,
    iat: now,
    nbf: now,
    exp: now + 3600,
    name: account.name,
    preferred_username: account.username,
    oid: account.localAccountId,
    sub: account.localAccountId,
    tid: account.tenantId,
    ver: "2.0",
  };
  return `${base64url(JSON.stringify({ alg: "none", typ: "JWT" }))}.${base64url(JSON.stringify(claims))}.`;
}

type Listener = (response: string | { data: string }) => void;

export function installNaaBridge(
  target: { nestedAppAuthBridge?: unknown },
  options: NaaBridgeOptions,
): FakeNaaBridge {
  const account = options.account ?? DEFAULT_ACCOUNT;
  const requests: NaaBridgeRequest[] = [];
  const listeners = new Set<Listener>();

  const tokenAnswer = (request: NaaBridgeRequest, accessToken: string) => ({
    success: true,
    token: {
      access_token: accessToken,
      expires_in: 3600,
      id_token: idToken(request.tokenParams?.clientId ?? "", account),
      properties: null,
      scope: request.tokenParams?.scope,
    },
    account: {
      environment: "login.microsoftonline.com",
      homeAccountId: `${account.localAccountId}.${account.tenantId}`,
      tenantId: account.tenantId,
      localAccountId: account.localAccountId,
      username: account.username,
      name: account.name,
    },
  });
  const failure = (status: string, code: string, description: string) => ({
    success: false,
    error: { status, code, description },
  });

  const answer = (request: NaaBridgeRequest): Record<string, unknown> => {
    switch (request.method) {
      case "GetInitContext":
        return {
          success: true,
          initContext: { sdkName: "fake-office", sdkVersion: "1.0.0", capabilities: { queryAccount: false } },
        };
      case "GetToken":
        return options.silent === "interaction_required"
          ? failure("USER_INTERACTION_REQUIRED", "interaction_required", "AADSTS65001: consent required")
          : tokenAnswer(request, options.silent.accessToken);
      case "GetTokenPopup":
        if (!options.popup || options.popup === "user_cancel")
          return failure("USER_CANCEL", "user_cancelled", "The person closed the sign-in window");
        return tokenAnswer(request, options.popup.accessToken);
      default:
        return failure("PERSISTENT_ERROR", "unknown_method", `no method ${String(request.method)}`);
    }
  };

  target.nestedAppAuthBridge = {
    addEventListener(eventName: string, callback: Listener) {
      if (eventName === "message") listeners.add(callback);
    },
    removeEventListener(eventName: string, callback: Listener) {
      if (eventName === "message") listeners.delete(callback);
    },
    postMessage(message: string) {
      const request = JSON.parse(message) as NaaBridgeRequest;
      requests.push(request);
      if (request.messageType !== "NestedAppAuthRequest") return;
      const response = JSON.stringify({
        messageType: "NestedAppAuthResponse",
        requestId: request.requestId,
        ...answer(request),
      });
      // A host answers later, never inside postMessage.
      setTimeout(() => {
        for (const listener of listeners) listener(response);
      }, 0);
    },
  };
  return { requests };
}
