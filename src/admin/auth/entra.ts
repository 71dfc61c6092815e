/**
 * Microsoft Entra ID sign-in for the console: the OAuth 2.0 authorization-code flow with PKCE, as an
 * SPA (what MSAL.js does, without the library): redirect to the authority's /authorize, come back to
 * /admin/ with `#code=…&state=…` (response_mode=fragment keeps the code out of server logs), redeem
 * the code at /token with the verifier (Entra answers SPA redirect URIs with CORS).
 *
 * Setup (docs/deploy.md): in the add-in's app registration add the platform "Single-page
 * application" with redirect URI https://<server>/admin/, and give admins the app role the server
 * checks (Labelbridge.Admin).
 */
export interface EntraSettings {
  clientId: string;
  authority: string;
  scope: string;
}

const PENDING_KEY = "labelbridge.admin.pkce";

function base64Url(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function randomString(bytes = 32): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

export function redirectUri(): string {
  return `${location.origin}/admin/`;
}

/** Leaves the page for the authority; `returnTo` is the console route to reopen afterwards. */
export async function startSignIn(settings: EntraSettings, returnTo: string): Promise<void> {
  const verifier = randomString(48);
  const state = randomString(16);
  const challenge = base64Url(
    new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier))),
  );
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ verifier, state, returnTo }));
  const q = new URLSearchParams({
    client_id: settings.clientId,
    response_type: "code",
    redirect_uri: redirectUri(),
    response_mode: "fragment",
    scope: `${settings.scope} openid profile`,
    code_challenge: challenge,
    code_challenge_method: "S256",
    state,
    prompt: "select_account",
  });
  location.assign(`${settings.authority}/oauth2/v2.0/authorize?${q}`);
}

export interface Redeemed {
  accessToken: string;
  returnTo: string;
}

/**
 * On the way back: redeems `#code=…` if this tab started a sign-in with the same state. Returns null
 * when the fragment is an ordinary console route.
 */
export async function completeSignIn(settings: EntraSettings, hash: string): Promise<Redeemed | null> {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  const error = params.get("error");
  const code = params.get("code");
  if (!code && !error) return null;
  const pending = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  if (error) throw new Error(`${error}: ${params.get("error_description") ?? "sign-in was not completed"}`);
  if (!pending) throw new Error("this tab did not start a sign-in; start again");
  const { verifier, state, returnTo } = JSON.parse(pending) as {
    verifier: string;
    state: string;
    returnTo: string;
  };
  if (params.get("state") !== state)
    throw new Error("the sign-in answer does not belong to this tab; start again");
  const response = await fetch(`${settings.authority}/oauth2/v2.0/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      client_id: settings.clientId,
      grant_type: "authorization_code",
      code: code!,
      redirect_uri: redirectUri(),
      code_verifier: verifier,
      scope: `${settings.scope} openid profile`,
    }),
  });
  const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok || typeof json.access_token !== "string")
    throw new Error(
      typeof json.error_description === "string"
        ? json.error_description
        : `the token endpoint answered ${response.status}`,
    );
  return { accessToken: json.access_token, returnTo };
}
