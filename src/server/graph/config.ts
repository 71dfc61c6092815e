/**
 * The Microsoft Graph connection: an app registration with client credentials (a secret, or a
 * certificate whose key signs a client assertion). Absent client id = no Graph: no sync, and a
 * token's group overage cannot be resolved. Every setting is documented in docs/deploy.md.
 */
import { resolve } from "node:path";
import { ConfigError, int } from "../config";

export type GraphApiVersion = "beta" | "v1.0";

export type GraphCredential =
  { kind: "secret"; secret: string } | { kind: "certificate"; certificateFile: string; keyFile: string };

export interface GraphConfig {
  /** Graph's root, no trailing slash (https://graph.microsoft.com; a national cloud or a fake elsewhere). */
  graphUrl: string;
  /** The Entra authority root (https://login.microsoftonline.com). */
  loginUrl: string;
  clientId: string;
  credential: GraphCredential;
  /** Which label API the sync reads: beta has label policy settings and per-user views, v1.0 has neither. */
  apiVersion: GraphApiVersion;
  /** Minutes between scheduled syncs of every allowed tenant; 0 = on demand only. */
  syncIntervalMinutes: number;
  /** How long a user's resolved groups are reused, and how many users are remembered. */
  groupCacheSeconds: number;
  groupCacheSize: number;
  /** Milliseconds one Graph or token request may take. */
  timeoutMs: number;
}

type Env = Record<string, string | undefined>;

function baseUrl(value: string | undefined, name: string, fallback: string): string {
  const raw = value?.trim() || fallback;
  try {
    const url = new URL(raw);
    if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error();
    return url.href.replace(/\/+$/, "");
  } catch {
    throw new ConfigError(`${name}: '${raw}' is not an http(s) URL`);
  }
}

function credentialOf(env: Env, cwd: string): GraphCredential {
  const secret = env.LABELBRIDGE_GRAPH_CLIENT_SECRET?.trim();
  const cert = env.LABELBRIDGE_GRAPH_CERTIFICATE?.trim();
  const key = env.LABELBRIDGE_GRAPH_CERTIFICATE_KEY?.trim();
  if (secret && (cert || key))
    throw new ConfigError(
      "LABELBRIDGE_GRAPH_CLIENT_SECRET and LABELBRIDGE_GRAPH_CERTIFICATE: give one credential, not both",
    );
  if (secret) return { kind: "secret", secret };
  if (cert && key)
    return { kind: "certificate", certificateFile: resolve(cwd, cert), keyFile: resolve(cwd, key) };
  if (cert || key)
    throw new ConfigError(
      "LABELBRIDGE_GRAPH_CERTIFICATE and LABELBRIDGE_GRAPH_CERTIFICATE_KEY go together (PEM certificate and its private key)",
    );
  throw new ConfigError(
    "LABELBRIDGE_GRAPH_CLIENT_ID needs a credential: LABELBRIDGE_GRAPH_CLIENT_SECRET, or LABELBRIDGE_GRAPH_CERTIFICATE with LABELBRIDGE_GRAPH_CERTIFICATE_KEY",
  );
}

export function loadGraphConfig(env: Env, cwd: string): GraphConfig | null {
  const clientId = env.LABELBRIDGE_GRAPH_CLIENT_ID?.trim() ?? "";
  if (clientId === "") {
    if (env.LABELBRIDGE_GRAPH_CLIENT_SECRET || env.LABELBRIDGE_GRAPH_CERTIFICATE)
      throw new ConfigError(
        "a Graph credential is set without LABELBRIDGE_GRAPH_CLIENT_ID (the app's client id)",
      );
    return null;
  }
  const api = env.LABELBRIDGE_GRAPH_API?.trim() || "beta";
  if (api !== "beta" && api !== "v1.0")
    throw new ConfigError(`LABELBRIDGE_GRAPH_API=${api}: must be beta or v1.0`);
  return {
    graphUrl: baseUrl(env.LABELBRIDGE_GRAPH_URL, "LABELBRIDGE_GRAPH_URL", "https://graph.microsoft.com"),
    loginUrl: baseUrl(
      env.LABELBRIDGE_LOGIN_URL,
      "LABELBRIDGE_LOGIN_URL",
      "https://login.microsoftonline.com",
    ),
    clientId,
    credential: credentialOf(env, cwd),
    apiVersion: api,
    syncIntervalMinutes: int(env, "LABELBRIDGE_GRAPH_SYNC_MINUTES", 60, 0, 7 * 24 * 60),
    groupCacheSeconds: int(env, "LABELBRIDGE_GRAPH_GROUP_CACHE_SECONDS", 900, 0, 86400),
    groupCacheSize: int(env, "LABELBRIDGE_GRAPH_GROUP_CACHE_SIZE", 10_000, 1, 1_000_000),
    timeoutMs: int(env, "LABELBRIDGE_GRAPH_TIMEOUT_MS", 10_000, 100, 120_000),
  };
}
