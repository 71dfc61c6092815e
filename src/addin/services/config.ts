/**
 * Where the backend is and how the add-in authenticates. The origin is fixed at build time
 * (`LABELBRIDGE_API_BASE`, default https://localhost:3000 — the URL the manifest points at); the
 * classic Outlook runtime cannot resolve relative URLs, so every URL we build is absolute.
 * `LABELBRIDGE_ADDIN_AUTH` (webpack.config.js), `LABELBRIDGE_CLIENT_ID` and `LABELBRIDGE_API_RESOURCE`
 * are build settings too.
 */
import type { AuthMode } from "../ports/tokens";

export type { AuthMode } from "../ports/tokens";

declare const __LABELBRIDGE_API_BASE__: string | undefined;
declare const __LABELBRIDGE_AUTH__: string | undefined;
declare const __LABELBRIDGE_CLIENT_ID__: string | undefined;
declare const __LABELBRIDGE_API_RESOURCE__: string | undefined;

export interface AddinConfig {
  /** Absolute origin of the backend, no trailing slash. */
  apiBase: string;
  /**
   * `naa`: nested app authentication (MSAL) in the task pane, then Office SSO; `sso`: Office SSO
   * (`OfficeRuntime.auth.getAccessToken`); `dev`: a development token only. Every mode falls back
   * to the development token; event handlers never use NAA.
   */
  auth: AuthMode;
  /** Application (client) id of the add-in's Entra app registration; "" when not configured. */
  clientId: string;
  /**
   * Application ID URI of the backend's API (the manifest's WebApplicationInfo Resource); "" means
   * `api://<apiBase host>/<clientId>` (see apiScope).
   */
  apiResource: string;
  /** A cached policy younger than this is used without asking the backend (unless it says otherwise). */
  policyTtlMs: number;
  /** The longest the send handler waits for the network when it has no policy at all. */
  sendNetworkBudgetMs: number;
  /** The longest the send handler runs before it completes with the policy's fallback. */
  handlerDeadlineMs: number;
  /** The longest the other handlers (compose, label changed, recipients, attachments) run. */
  eventDeadlineMs: number;
}

export const DEFAULT_API_BASE = "https://localhost:3000";

export function defaultConfig(overrides: Partial<AddinConfig> = {}): AddinConfig {
  const apiBase = typeof __LABELBRIDGE_API_BASE__ === "string" ? __LABELBRIDGE_API_BASE__ : DEFAULT_API_BASE;
  const auth = typeof __LABELBRIDGE_AUTH__ === "string" ? __LABELBRIDGE_AUTH__ : "";
  return {
    apiBase: apiBase.replace(/\/+$/, ""),
    auth: auth === "naa" || auth === "sso" ? auth : "dev",
    clientId: typeof __LABELBRIDGE_CLIENT_ID__ === "string" ? __LABELBRIDGE_CLIENT_ID__ : "",
    apiResource: typeof __LABELBRIDGE_API_RESOURCE__ === "string" ? __LABELBRIDGE_API_RESOURCE__ : "",
    policyTtlMs: 60 * 60 * 1000,
    sendNetworkBudgetMs: 1500,
    handlerDeadlineMs: 4000,
    eventDeadlineMs: 30_000,
    ...overrides,
  };
}

/**
 * `api://<host>/<client id>` (host with its port, as in the manifest's `<Resources>` URLs): the
 * Application ID URI Office SSO requires (docs/reference/office-js.md §7), so one app registration serves both.
 */
export function defaultApiResource(apiBase: string, clientId: string): string {
  const host = apiBase.replace(/^[a-z][a-z0-9+.-]*:\/\//i, "").split(/[/?#]/)[0];
  return `api://${host}/${clientId}`;
}

/** The delegated scope the backend accepts (`scp = access_as_user`), for MSAL. */
export function apiScope(config: Pick<AddinConfig, "apiBase" | "clientId" | "apiResource">): string {
  const resource = config.apiResource || defaultApiResource(config.apiBase, config.clientId);
  return `${resource.replace(/\/+$/, "")}/access_as_user`;
}

export function apiUrl(config: AddinConfig, path: string): string {
  return `${config.apiBase}${path.startsWith("/") ? path : `/${path}`}`;
}
