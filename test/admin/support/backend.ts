/**
 * The real backend for the browser suite: buildApp on loopback over HTTP, SQLite in a scratch
 * directory, development tokens, the default taxonomy seeded, and the repository's dist/ (with the
 * built console in dist/admin) as its static directory.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { FastifyInstance } from "fastify";
import { DEVELOPMENT_SITE_ID } from "../../../src/core/policy";
import type { AuditEventInput } from "../../../src/core/audit";
import { buildApp, type AppOptions } from "../../../src/server/app";
import { loadConfig, type ServerConfig } from "../../../src/server/config";
import { loadOrCreateDevKey, mintDevToken } from "../../../src/server/auth/dev";
import { seedDefaultPolicies } from "../../../src/server/seed";
import { openSqliteStore } from "../../../src/server/storage/sqlite";
import type { Store } from "../../../src/server/storage/store";

export const REPO = resolve(__dirname, "../../..");
export const TENANT = DEVELOPMENT_SITE_ID;

export interface Backend {
  url: string;
  app: FastifyInstance;
  store: Store;
  config: ServerConfig;
  token(user: string, options?: { groups?: string[]; admin?: boolean; name?: string }): Promise<string>;
  /** POST /api/v1/audit as that user (so the events carry the user's groups). */
  audit(token: string, events: AuditEventInput[]): Promise<void>;
  api(
    path: string,
    token: string,
    init?: { method?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; headers: Headers; json: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  close(): Promise<void>;
}

/**
 * `store`: another engine's store (the backend migrates and seeds it; the caller disposes it).
 * `options`: the app's test hooks (e.g. the Graph client's retry bounds against a fake Graph).
 */
export async function startBackend(
  env: Record<string, string> = {},
  store?: Store,
  options: AppOptions = {},
): Promise<Backend> {
  const scratch = mkdtempSync(join(tmpdir(), "labelbridge-admin-"));
  const config = loadConfig(
    {
      HOST: "127.0.0.1",
      PORT: "0",
      LABELBRIDGE_AUTH: "dev",
      LABELBRIDGE_TLS: "off",
      LABELBRIDGE_DATA_DIR: join(scratch, "data"),
      LABELBRIDGE_STATIC_DIR: join(REPO, "dist"),
      LOG_LEVEL: "silent",
      // The suites' events carry fixed dates; the default 400-day retention would refuse them one day.
      LABELBRIDGE_AUDIT_RETENTION_DAYS: "36500",
      ...env,
    },
    scratch,
  );
  const owned = !store;
  const db = store ?? openSqliteStore({ path: join(scratch, "labelbridge.db") });
  await db.migrate();
  if (config.seedDefaultPolicy) await seedDefaultPolicies(db, config.auth.tenants);
  // The console plugin reads its sign-in settings (LABELBRIDGE_ADMIN_*) from the environment when
  // the app starts; they are set only for that moment.
  const saved = new Map<string, string | undefined>();
  for (const [k, v] of Object.entries(env))
    if (k.startsWith("LABELBRIDGE_ADMIN_")) {
      saved.set(k, process.env[k]);
      process.env[k] = v;
    }
  const app = await buildApp(config, db, { logger: false, ...options });
  try {
    await app.listen({ host: "127.0.0.1", port: 0 });
  } finally {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  const key = await loadOrCreateDevKey(config.dataDir);

  const api: Backend["api"] = async (path, token, init = {}) => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, ...(init.headers ?? {}) };
    if (init.body !== undefined) headers["content-type"] = "application/json";
    const res = await fetch(`${url}${path}`, {
      method: init.method ?? "GET",
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : undefined };
  };

  return {
    url,
    app,
    store: db,
    config,
    token: (user, options = {}) =>
      mintDevToken(key, {
        tenantId: TENANT,
        clientId: config.auth.clientId,
        user,
        name: options.name,
        groups: options.groups,
        admin: options.admin,
      }),
    audit: async (token, events) => {
      const r = await api("/api/v1/audit", token, { method: "POST", body: { events } });
      if (r.status !== 202) throw new Error(`audit intake answered ${r.status}: ${JSON.stringify(r.json)}`);
    },
    api,
    close: async () => {
      await app.close();
      if (owned) await db.close();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}
