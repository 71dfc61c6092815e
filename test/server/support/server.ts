/** Starts the real app on a loopback port over real HTTP, configured as an Entra deployment. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { buildApp, type AppOptions } from "../../../src/server/app";
import { loadOrCreateDevKey, mintDevToken } from "../../../src/server/auth/dev";
import { DEV_CLIENT_ID, loadConfig, type ServerConfig } from "../../../src/server/config";
import { seedDefaultPolicies } from "../../../src/server/seed";
import type { Store } from "../../../src/server/storage/store";
import { CLIENT_ID } from "./entra";
import { sqliteEngine } from "./engines";

export interface TestServer {
  url: string;
  app: FastifyInstance;
  config: ServerConfig;
  close(): Promise<void>;
}

export function testConfig(
  tenants: string[],
  jwksTemplate: string,
  env: Record<string, string> = {},
): ServerConfig {
  const scratch = mkdtempSync(join(tmpdir(), "labelbridge-server-"));
  return loadConfig(
    {
      HOST: "127.0.0.1",
      PORT: "0",
      LABELBRIDGE_AUTH: "entra",
      LABELBRIDGE_CLIENT_ID: CLIENT_ID,
      LABELBRIDGE_TENANTS: tenants.join(","),
      LABELBRIDGE_JWKS_URL: jwksTemplate,
      LABELBRIDGE_TLS: "off",
      LABELBRIDGE_DATA_DIR: join(scratch, "data"),
      LABELBRIDGE_STATIC_DIR: join(scratch, "dist"),
      LABELBRIDGE_PUBLIC_URL: "https://labels.example.com",
      LOG_LEVEL: "silent",
      // Suites send events on fixed dates; the intake window must not move them out as years pass.
      LABELBRIDGE_AUDIT_RETENTION_DAYS: "36500",
      ...env,
    },
    scratch,
  );
}

export async function startTestServer(
  config: ServerConfig,
  store: Store,
  options: AppOptions = {},
): Promise<TestServer> {
  const app = await buildApp(config, store, { logger: false, ...options });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, app, config, close: () => app.close() };
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

export async function call(
  base: string,
  path: string,
  init: { method?: string; token?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...(init.headers ?? {}) };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let body: string | undefined;
  if (init.body !== undefined) {
    body = typeof init.body === "string" ? init.body : JSON.stringify(init.body);
    headers["content-type"] ??= "application/json";
  }
  const res = await fetch(`${base}${path}`, { method: init.method ?? "GET", headers, body });
  const text = await res.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

export interface DevTestServer extends TestServer {
  store: Store;
  dataDir: string;
  /** A development token for `user` on the development tenant. */
  token(user: string, options?: { admin?: boolean; clientId?: string }): Promise<string>;
}

/**
 * The real app in development mode (loopback, plain HTTP) on a fresh SQLite database seeded with
 * the default labels; `env` adds or overrides settings. close() also closes and removes the database.
 */
export async function startDevServer(env: Record<string, string> = {}): Promise<DevTestServer> {
  const engine = await sqliteEngine();
  const store = engine.open();
  await store.migrate();
  const dataDir = mkdtempSync(join(tmpdir(), "lb-dev-server-"));
  const config = loadConfig({
    HOST: "127.0.0.1",
    PORT: "0",
    LABELBRIDGE_TLS: "off",
    LABELBRIDGE_DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    LABELBRIDGE_AUDIT_RETENTION_DAYS: "36500",
    ...env,
  });
  await seedDefaultPolicies(store, config.auth.tenants);
  const server = await startTestServer(config, store);
  return {
    ...server,
    store,
    dataDir,
    token: async (user, options = {}) =>
      mintDevToken(await loadOrCreateDevKey(dataDir), {
        tenantId: config.auth.tenants[0],
        clientId: options.clientId ?? DEV_CLIENT_ID,
        user,
        admin: options.admin,
      }),
    close: async () => {
      await server.close();
      await store.close();
      await engine.dispose();
    },
  };
}
