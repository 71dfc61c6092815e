/**
 * Bearer tokens for the backend. Production: nested app authentication in the task pane
 * (src/addin/hosts/naa.ts) and Office SSO (`OfficeRuntime.auth.getAccessToken`, adapted in
 * src/addin/hosts/runtime.ts). Development: a token from `labelbridge token` that the person pastes
 * in the pane's settings (kept in the store) or that the build configured.
 */
import type { KeyValueStore } from "./storage";
import { STORE_PREFIX } from "./storage";

/**
 * How the add-in signs in (a build setting, services/config.ts): `naa` nested app authentication in
 * the pane, then Office SSO; `sso` Office SSO; `dev` a development token only.
 */
export type AuthMode = "naa" | "sso" | "dev";

export const DEV_TOKEN_KEY = `${STORE_PREFIX}devToken`;

export interface TokenRequest {
  /** False in event handlers: they cannot show a sign-in or consent prompt. */
  interactive: boolean;
}

export interface TokenProvider {
  readonly kind: string;
  /** A token, or null when this provider has none (the next provider is asked). */
  token(request: TokenRequest): Promise<string | null>;
}

export type SsoGetAccessToken = (options: {
  allowSignInPrompt: boolean;
  allowConsentPrompt: boolean;
  forMSGraphAccess: boolean;
}) => Promise<string>;

export function ssoTokenProvider(getAccessToken: SsoGetAccessToken | null): TokenProvider {
  return {
    kind: "sso",
    async token(request) {
      if (!getAccessToken) return null;
      // Office caches SSO tokens itself; we must not (docs/reference/office-js.md §7).
      return getAccessToken({
        allowSignInPrompt: request.interactive,
        allowConsentPrompt: request.interactive,
        forMSGraphAccess: false,
      });
    },
  };
}

/** A JWT-looking value: three base64url parts. Rejects pasted text with spaces or quotes early. */
export function looksLikeToken(value: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(value.trim());
}

export function devTokenProvider(store: KeyValueStore, configured?: string | null): TokenProvider {
  return {
    kind: "dev",
    async token() {
      const stored = await store.get(DEV_TOKEN_KEY).catch(() => null);
      return stored && stored.trim() !== "" ? stored.trim() : (configured ?? null);
    },
  };
}

export async function saveDevToken(store: KeyValueStore, token: string | null): Promise<void> {
  if (token === null || token.trim() === "") await store.remove(DEV_TOKEN_KEY);
  else await store.set(DEV_TOKEN_KEY, token.trim());
}

/** Asks each provider in turn; a provider that throws is skipped, and the last error is kept. */
export function firstToken(providers: TokenProvider[]): TokenProvider {
  return {
    kind: providers.map((p) => p.kind).join("+"),
    async token(request) {
      let lastError: unknown = null;
      for (const provider of providers) {
        try {
          const token = await provider.token(request);
          if (token) return token;
        } catch (error) {
          lastError = error;
        }
      }
      if (lastError) throw lastError;
      return null;
    },
  };
}

/**
 * The providers the build's auth mode asks, in order: NAA (`naa`, task pane only) → Office SSO
 * (`naa`, `sso`) → the development token(s), which stay last in every mode so a development token
 * pasted in the settings works in any build.
 */
export function tokenChain(
  auth: AuthMode,
  providers: { naa?: TokenProvider; sso: TokenProvider; dev: TokenProvider[] },
): TokenProvider {
  return firstToken([
    ...(auth === "naa" && providers.naa ? [providers.naa] : []),
    ...(auth !== "dev" ? [providers.sso] : []),
    ...providers.dev,
  ]);
}
