/**
 * Server configuration from the environment. Every setting has one name (documented in
 * docs/deploy.md) and every bad value is refused at start with the variable's name, because a
 * server that starts half-configured fails later and less clearly.
 */
import { isIP } from "node:net";
import { resolve } from "node:path";
import { DEVELOPMENT_SITE_ID, isGuid, normalizeGuid } from "../core/policy";
import { loadGraphConfig, type GraphConfig } from "./graph/config";
import { type KeyringConfig, KeyringError, keyringFromEnv } from "./keys/keyring";
import { loadScanJobsConfig, type ScanJobsConfig } from "./scanJobs/config";

export type AuthMode = "entra" | "dev";

export interface AuthConfig {
  mode: AuthMode;
  /** Application (client) id: the `aud` of accepted tokens. */
  clientId: string;
  /** Tenant ids (`tid`) whose tokens are accepted. */
  tenants: string[];
  /** App role that grants the admin API. */
  adminRole: string;
  /** JWKS location per tenant; `{tid}` is replaced. */
  jwksUrlTemplate: string;
  /** Seconds of clock skew tolerated on `exp`/`nbf`. */
  clockToleranceSeconds: number;
  /**
   * Development tokens on a server configured to be reached from elsewhere, allowed by
   * LABELBRIDGE_ALLOW_DEV_AUTH_REMOTE=I-understand (logged as a warning at every start).
   */
  devRemoteOverride: boolean;
}

/** What one user, and one tenant, may send to POST /audit per window (429 beyond). */
export interface AuditQuotaConfig {
  userEvents: number;
  userBytes: number;
  tenantEvents: number;
  tenantBytes: number;
  windowMs: number;
}

export interface AuditConfig {
  quota: AuditQuotaConfig;
  /** Events that happened more than this many days ago are removed (and refused at intake). */
  retentionDays: number;
  /** How far past the server's clock an event's time may be (clients' clocks drift). */
  futureToleranceMs: number;
}

export interface ServerConfig {
  host: string;
  port: number;
  /** The URL people and Office use to reach this server (printed, used for CORS and the well-known file). */
  publicUrl: string;
  /** TLS files, or null to serve plain HTTP (behind a TLS-terminating proxy). */
  tls: { certFile: string; keyFile: string } | null | "dev-certs";
  trustProxy: boolean;
  dataDir: string;
  databaseUrl?: string;
  /** The add-in build served at `/` when it exists. */
  staticDir: string;
  /** Origins allowed to call the API from a browser (besides the server's own). */
  allowedOrigins: string[];
  /** Script URLs listed in /.well-known/microsoft-officeaddins-allowed.json; empty = every .js in staticDir and its direct subfolders. */
  addinScripts: string[];
  bodyLimitBytes: number;
  rateLimit: { max: number; windowMs: number };
  audit: AuditConfig;
  /** `Cache-Control: max-age` of GET /policy. */
  policyMaxAgeSeconds: number;
  /**
   * Milliseconds an instance serves a tenant's policy version without asking the database again
   * (0 = ask on every request). A change saved through another instance reaches this one within it.
   */
  policyCacheMs: number;
  /** Seeds the default taxonomy for allowed tenants without a configuration. */
  seedDefaultPolicy: boolean;
  auth: AuthConfig;
  /** Microsoft Graph (label sync, group overage); null when no app registration is configured. */
  graph: GraphConfig | null;
  /** Content scan jobs and their scanner nodes (docs/scanner-cluster.md). */
  scanJobs: ScanJobsConfig;
  logLevel: string;
  /** LABELBRIDGE_KEK (+ _RETIRED): wraps escrowed file keys; unset = dev KEK in dataDir, or no escrow. */
  keyEncryption?: KeyringConfig | null;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

export const DEV_CLIENT_ID = "labelbridge-dev";
/** The value of LABELBRIDGE_ALLOW_DEV_AUTH_REMOTE that lets development tokens be used from elsewhere. */
export const DEV_REMOTE_OVERRIDE = "I-understand";
export const ENTRA_JWKS_TEMPLATE = "https://login.microsoftonline.com/{tid}/discovery/v2.0/keys";

export function isLoopbackHost(host: string): boolean {
  if (host === "localhost") return true;
  if (isIP(host) === 4) return host.startsWith("127.");
  return host === "::1" || host === "[::1]";
}

type Env = Record<string, string | undefined>;

export function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new ConfigError(`${name}=${raw}: must be a whole number from ${min} to ${max}`);
  return value;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === "") return fallback;
  if (["1", "true", "yes", "on"].includes(raw)) return true;
  if (["0", "false", "no", "off"].includes(raw)) return false;
  throw new ConfigError(`${name}=${env[name]}: must be true or false`);
}

function list(env: Env, name: string): string[] {
  return (env[name] ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

function origin(value: string, name: string): string {
  try {
    const url = new URL(value);
    if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error();
    return url.origin;
  } catch {
    throw new ConfigError(`${name}: '${value}' is not an http(s) URL`);
  }
}

/**
 * Why the server can be reached from other machines (so development tokens, which anyone who can
 * read ./data can mint, must not be accepted), or null when it is local only.
 */
export function reachableFromElsewhere(
  host: string,
  trustProxy: boolean,
  publicUrl: string | undefined,
): string | null {
  if (!isLoopbackHost(host)) return `it listens on HOST=${host}, which is not a loopback address`;
  if (trustProxy) return "LABELBRIDGE_TRUST_PROXY=true says a proxy forwards other machines' requests";
  if (publicUrl !== undefined && !isLoopbackHost(new URL(publicUrl).hostname))
    return `LABELBRIDGE_PUBLIC_URL=${publicUrl} is not a localhost address`;
  return null;
}

function authMode(env: Env, clientId: string, reachable: string | null, override: boolean): AuthMode {
  const raw = env.LABELBRIDGE_AUTH?.trim().toLowerCase() ?? "";
  if (raw !== "" && raw !== "entra" && raw !== "dev")
    throw new ConfigError(`LABELBRIDGE_AUTH=${env.LABELBRIDGE_AUTH}: must be entra or dev`);
  const mode: AuthMode = raw === "" ? (clientId ? "entra" : "dev") : raw;
  if (mode === "entra" && clientId === "")
    throw new ConfigError(
      "LABELBRIDGE_AUTH=entra needs LABELBRIDGE_CLIENT_ID (the add-in's application id in Entra ID)",
    );
  if (mode === "dev" && reachable !== null && !override) {
    const why =
      raw === "" ? "LABELBRIDGE_CLIENT_ID is not set, so the server would use" : "LABELBRIDGE_AUTH=dev means";
    throw new ConfigError(
      `${why} development tokens, which anyone who can read ./data can mint, and the server is configured to be reached from elsewhere: ${reachable}. ` +
        "Set LABELBRIDGE_CLIENT_ID and LABELBRIDGE_TENANTS to use Microsoft Entra ID tokens " +
        `(or, on a test machine only, LABELBRIDGE_ALLOW_DEV_AUTH_REMOTE=${DEV_REMOTE_OVERRIDE}).`,
    );
  }
  return mode;
}

const MINUTE_MS = 60_000;

function auditConfig(env: Env): AuditConfig {
  return {
    quota: {
      userEvents: int(env, "LABELBRIDGE_AUDIT_USER_EVENTS", 20_000, 1, 100_000_000),
      userBytes: int(env, "LABELBRIDGE_AUDIT_USER_BYTES", 20 * 1024 * 1024, 1024, 2 ** 40),
      tenantEvents: int(env, "LABELBRIDGE_AUDIT_TENANT_EVENTS", 200_000, 1, 1_000_000_000),
      tenantBytes: int(env, "LABELBRIDGE_AUDIT_TENANT_BYTES", 200 * 1024 * 1024, 1024, 2 ** 40),
      windowMs: int(env, "LABELBRIDGE_AUDIT_WINDOW_SECONDS", 60, 1, 86400) * 1000,
    },
    retentionDays: int(env, "LABELBRIDGE_AUDIT_RETENTION_DAYS", 400, 1, 36_500),
    futureToleranceMs: int(env, "LABELBRIDGE_AUDIT_FUTURE_MINUTES", 60, 0, 7 * 24 * 60) * MINUTE_MS,
  };
}

export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): ServerConfig {
  const host = env.HOST?.trim() || "localhost";
  const port = int(env, "PORT", 3000, 0, 65535);
  const clientId = env.LABELBRIDGE_CLIENT_ID?.trim() ?? "";
  const trustProxy = flag(env, "LABELBRIDGE_TRUST_PROXY", false);
  const publicUrlSetting = env.LABELBRIDGE_PUBLIC_URL
    ? origin(env.LABELBRIDGE_PUBLIC_URL, "LABELBRIDGE_PUBLIC_URL")
    : undefined;
  const reachable = reachableFromElsewhere(host, trustProxy, publicUrlSetting);
  const devRemoteOverride = env.LABELBRIDGE_ALLOW_DEV_AUTH_REMOTE?.trim() === DEV_REMOTE_OVERRIDE;
  const mode = authMode(env, clientId, reachable, devRemoteOverride);
  const tenants = list(env, "LABELBRIDGE_TENANTS").map((t) => {
    const id = normalizeGuid(t);
    if (!isGuid(id)) throw new ConfigError(`LABELBRIDGE_TENANTS: '${t}' is not a tenant id (GUID)`);
    return id;
  });
  if (tenants.length === 0) {
    if (mode === "entra")
      throw new ConfigError("LABELBRIDGE_TENANTS: list the tenant ids (tid) whose users may sign in");
    tenants.push(DEVELOPMENT_SITE_ID);
  }

  const tlsSetting = env.LABELBRIDGE_TLS?.trim().toLowerCase();
  let tls: ServerConfig["tls"];
  if (env.LABELBRIDGE_TLS_CERT || env.LABELBRIDGE_TLS_KEY) {
    if (!env.LABELBRIDGE_TLS_CERT || !env.LABELBRIDGE_TLS_KEY)
      throw new ConfigError(
        "LABELBRIDGE_TLS_CERT and LABELBRIDGE_TLS_KEY go together (PEM certificate chain and key)",
      );
    tls = {
      certFile: resolve(cwd, env.LABELBRIDGE_TLS_CERT),
      keyFile: resolve(cwd, env.LABELBRIDGE_TLS_KEY),
    };
  } else if (tlsSetting === "off") tls = null;
  else if (tlsSetting === undefined || tlsSetting === "" || tlsSetting === "dev-certs") tls = "dev-certs";
  else
    throw new ConfigError(
      `LABELBRIDGE_TLS=${env.LABELBRIDGE_TLS}: must be off or dev-certs (or set LABELBRIDGE_TLS_CERT/KEY)`,
    );

  const scheme = tls === null ? "http" : "https";
  const displayHost =
    host === "0.0.0.0" || host === "::" ? "localhost" : host.includes(":") ? `[${host}]` : host;
  const publicUrl = publicUrlSetting ?? `${scheme}://${displayHost}:${port}`;

  return {
    host,
    port,
    publicUrl,
    tls,
    trustProxy,
    dataDir: resolve(cwd, env.LABELBRIDGE_DATA_DIR || "data"),
    databaseUrl: env.DATABASE_URL?.trim() || undefined,
    staticDir: resolve(cwd, env.LABELBRIDGE_STATIC_DIR || "dist"),
    allowedOrigins: list(env, "LABELBRIDGE_ALLOWED_ORIGINS").map((o) =>
      origin(o, "LABELBRIDGE_ALLOWED_ORIGINS"),
    ),
    addinScripts: list(env, "LABELBRIDGE_ADDIN_SCRIPTS"),
    bodyLimitBytes: int(env, "LABELBRIDGE_BODY_LIMIT", 1024 * 1024, 1024, 64 * 1024 * 1024),
    rateLimit: {
      max: int(env, "LABELBRIDGE_RATE_LIMIT", 600, 1, 1_000_000),
      windowMs: int(env, "LABELBRIDGE_RATE_WINDOW_SECONDS", 60, 1, 86400) * 1000,
    },
    audit: auditConfig(env),
    policyMaxAgeSeconds: int(env, "LABELBRIDGE_POLICY_MAX_AGE", 60, 0, 86400),
    policyCacheMs: int(env, "LABELBRIDGE_POLICY_CACHE_MS", 1000, 0, 2000),
    seedDefaultPolicy: flag(env, "LABELBRIDGE_SEED", true),
    auth: {
      mode,
      clientId: mode === "dev" ? clientId || DEV_CLIENT_ID : clientId,
      tenants,
      adminRole: env.LABELBRIDGE_ADMIN_ROLE?.trim() || "Labelbridge.Admin",
      jwksUrlTemplate: env.LABELBRIDGE_JWKS_URL?.trim() || ENTRA_JWKS_TEMPLATE,
      clockToleranceSeconds: int(env, "LABELBRIDGE_CLOCK_TOLERANCE", 60, 0, 600),
      devRemoteOverride: mode === "dev" && reachable !== null && devRemoteOverride,
    },
    graph: loadGraphConfig(env, cwd),
    scanJobs: loadScanJobsConfig(env),
    logLevel: env.LOG_LEVEL?.trim() || "info",
    keyEncryption: keyEncryptionFrom(env),
  };
}

function keyEncryptionFrom(env: Env): KeyringConfig | null {
  try {
    return keyringFromEnv(env);
  } catch (err) {
    if (err instanceof KeyringError) throw new ConfigError(err.message);
    throw err;
  }
}
