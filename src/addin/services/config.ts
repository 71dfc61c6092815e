/**
 * Where the backend is and how the add-in authenticates. The origin is fixed at build time
 * (`LABELBRIDGE_API_BASE`, default https://localhost:3000 — the URL the manifest points at); the
 * classic Outlook runtime cannot resolve relative URLs, so every URL we build is absolute.
 */

declare const __LABELBRIDGE_API_BASE__: string | undefined;
declare const __LABELBRIDGE_AUTH__: string | undefined;

export type AuthMode = "sso" | "dev";

export interface AddinConfig {
  /** Absolute origin of the backend, no trailing slash. */
  apiBase: string;
  /** `sso`: Office SSO (`OfficeRuntime.auth.getAccessToken`); `dev`: a development token. */
  auth: AuthMode;
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
  const auth: AuthMode =
    typeof __LABELBRIDGE_AUTH__ === "string" && __LABELBRIDGE_AUTH__ === "sso" ? "sso" : "dev";
  return {
    apiBase: apiBase.replace(/\/+$/, ""),
    auth,
    policyTtlMs: 60 * 60 * 1000,
    sendNetworkBudgetMs: 1500,
    handlerDeadlineMs: 4000,
    eventDeadlineMs: 30_000,
    ...overrides,
  };
}

export function apiUrl(config: AddinConfig, path: string): string {
  return `${config.apiBase}${path.startsWith("/") ? path : `/${path}`}`;
}
