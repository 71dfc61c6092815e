/**
 * `npm start`: certificate, database (SQLite under ./data, or PostgreSQL with DATABASE_URL),
 * migrations, default taxonomy for the allowed tenants, then HTTPS on https://localhost:3000 and a
 * short note on what to do next. SIGINT/SIGTERM drain in-flight requests before closing the database.
 */
import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import type { FastifyInstance } from "fastify";
import { buildApp } from "./app";
import { ConfigError, loadConfig, type ServerConfig } from "./config";
import { ensureDevCertificate, loadTlsFiles, type TlsMaterial } from "./certs";
import { seedDefaultPolicies } from "./seed";
import { PAGES, SIDELOAD } from "./sideload";
import { describeStore, openStore } from "./storage/open";
import type { Store } from "./storage/store";

export interface RunningServer {
  app: FastifyInstance;
  store: Store;
  config: ServerConfig;
  url: string;
  /** Stops taking requests, waits for those in flight, closes the database. */
  close(): Promise<void>;
}

async function tlsFor(config: ServerConfig): Promise<TlsMaterial | null> {
  if (config.tls === null) return null;
  if (config.tls === "dev-certs") return ensureDevCertificate();
  return loadTlsFiles(config.tls.certFile, config.tls.keyFile);
}

export async function startServer(
  config: ServerConfig,
): Promise<RunningServer & { tls: TlsMaterial | null; seeded: string[] }> {
  const tls = await tlsFor(config);
  const store = openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await store.migrate();
  } catch (err) {
    await store.close().catch(() => undefined);
    throw new Error(`${describeStore(config)}: ${(err as Error).message}`);
  }
  const seeded = config.seedDefaultPolicy ? await seedDefaultPolicies(store, config.auth.tenants) : [];
  const app = await buildApp(config, store, tls ? { https: { key: tls.key, cert: tls.cert } } : {});
  await app.listen({ host: config.host, port: config.port });
  let closing: Promise<void> | null = null;
  return {
    app,
    store,
    config,
    tls,
    seeded,
    url: config.publicUrl,
    close: () =>
      (closing ??= (async () => {
        await app.close();
        await store.close();
      })()),
  };
}

export function banner(server: Awaited<ReturnType<typeof startServer>>): string {
  const { config, url, tls } = server;
  const cwd = process.cwd();
  const rel = (p: string) => relative(cwd, p) || ".";
  const cacert = tls?.caFile ? `--cacert ${tls.caFile} ` : "";
  const token = "node bin/labelbridge.js token --user sam@contoso.com";
  const devAuth = config.auth.devRemoteOverride
    ? "DEVELOPMENT tokens, reachable from elsewhere (LABELBRIDGE_ALLOW_DEV_AUTH_REMOTE): never with real users"
    : "development tokens (this machine only)";
  const lines = [
    "",
    `Labelbridge backend: ${url}`,
    `  database   ${describeStore(config)}${server.seeded.length ? ` (seeded the default labels for ${server.seeded.join(", ")})` : ""}`,
    `  auth       ${config.auth.mode === "dev" ? devAuth : `Entra ID, client ${config.auth.clientId}`}; tenants ${config.auth.tenants.join(", ")}`,
  ];
  if (tls) lines.push(`  TLS        ${tls.source}, valid until ${tls.validTo.toISOString().slice(0, 10)}`);
  if (tls?.trustWarning) lines.push(`  note       ${tls.trustWarning}`);
  lines.push(
    "",
    `  home       ${url}/`,
    `  admin      ${url}${PAGES.admin}`,
    `  task pane  ${url}${PAGES.taskpane}`,
    `  API docs   ${url}${PAGES.docs}`,
    `  health     ${url}/healthz   ${url}/readyz`,
  );
  if (config.auth.mode === "dev") {
    lines.push(
      "",
      "Get a development token (add --admin for the admin console) and ask for your policy:",
      `  TOKEN=$(${token})`,
      `  curl ${cacert}-H "Authorization: Bearer $TOKEN" ${url}/api/v1/policy`,
      `  admin: ${token} --admin   then open ${url}${PAGES.admin}`,
    );
    if (tls?.caFile)
      lines.push(
        `  the labelbridge command trusts this server with --ca ${tls.caFile} (or NODE_EXTRA_CA_CERTS)`,
      );
  }
  lines.push("", "Sideload the add-in:");
  for (const s of SIDELOAD) {
    const file = join(config.staticDir, s.manifest);
    lines.push(
      existsSync(file)
        ? `  ${s.host}: ${s.steps} (${url}/${s.manifest}, file ${rel(file)})`
        : `  ${s.host}: ${rel(file)} is not built yet: npm run build:addin, then restart to serve it.`,
    );
  }
  if (tls?.caFile)
    lines.push(
      `  Office must trust the development CA: import ${tls.caFile} on the machine where Office runs.`,
    );
  lines.push("", "Ctrl+C stops the server (in-flight requests finish first).", "");
  return lines.join("\n");
}

/** Stops the server when the process that started it is gone (npm's shell does not pass SIGTERM on). */
function stopWithParent(stop: (why: string) => void): void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== parent) {
      clearInterval(timer);
      stop("the process that started the server exited");
    }
  }, 500);
  timer.unref();
}

export interface MainOptions {
  /** `npm start`: stop when npm goes (scripts/start.js). */
  stopWithParent?: boolean;
}

export async function main(options: MainOptions = {}): Promise<void> {
  let config: ServerConfig;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`labelbridge server: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer(config);
  } catch (err) {
    process.stderr.write(`labelbridge server: could not start: ${(err as Error).message}\n`);
    process.exit(1);
  }
  process.stdout.write(banner(server) + "\n");

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      process.stderr.write(`${signal} again: exiting without waiting\n`);
      process.exit(1);
    }
    stopping = true;
    server.app.log.info({ signal }, "shutting down: draining in-flight requests");
    server.close().then(
      () => process.exit(0),
      (err) => {
        server.app.log.error({ err }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  if (options.stopWithParent) stopWithParent(stop);
}

if (require.main === module) {
  void main();
}
