/**
 * What an attacker and an operator found (issue 11): audit `details` nested thousands deep (a 500
 * from JSON.stringify), audit times in year 9999, the database readable by every local user, the
 * development verifier's audience check untested, and dev tokens on a server reached from
 * elsewhere with nothing in the log.
 */
import { randomUUID } from "node:crypto";
import { chmodSync, existsSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { DEVELOPMENT_SITE_ID } from "../../src/core/policy";
import { buildApp } from "../../src/server/app";
import { loadOrCreateDevKey, devIssuer } from "../../src/server/auth/dev";
import { loadConfig } from "../../src/server/config";
import { seedDefaultPolicies } from "../../src/server/seed";
import { openSqliteStore } from "../../src/server/storage/sqlite";
import { SignJWT } from "jose";
import { call, startDevServer, type DevTestServer } from "./support/server";

const DAY = "2026-06-01";
const range = { from: `${DAY}T00:00:00.000Z`, to: "2026-06-02T00:00:00.000Z" };

function devConfig(dataDir: string, env: Record<string, string> = {}) {
  return loadConfig({
    HOST: "127.0.0.1",
    PORT: "0",
    LABELBRIDGE_TLS: "off",
    LABELBRIDGE_DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    ...env,
  });
}

const event = (time = `${DAY}T09:00:00Z`, extra: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  type: "scan-result",
  time,
  app: "Scanner",
  ...extra,
});

/** `{"a":{"a":…{}}}`, `depth` objects deep, as JSON text (JSON.stringify itself overflows at 5,000). */
const nestedJson = (depth: number) => `${'{"a":'.repeat(depth - 1)}{}${"}".repeat(depth - 1)}`;

describe("POST /audit refuses hostile batches with a 400 that names the event, and stores nothing", () => {
  let server: DevTestServer;
  let token: string;

  beforeAll(async () => {
    server = await startDevServer();
    token = await server.token("mallory@contoso.com");
  });

  afterAll(() => server.close());

  const stored = async () => (await server.store.dailyActivity(DEVELOPMENT_SITE_ID, range)).length;

  test("details nested 5,000 deep: 400 naming the field and the depth limit", async () => {
    const events = [
      JSON.stringify(event()),
      JSON.stringify(event()).replace(/}$/, `,"details":${nestedJson(5000)}}`),
    ];
    const body = `{"events":[${events.join(",")}]}`;
    const reply = await call(server.url, "/api/v1/audit", { method: "POST", token, body });
    expect(reply.status).toBe(400);
    expect(reply.json.code).toBe("invalid-audit-batch");
    expect(reply.json.message).toBe(
      "events[1].details: nested more than 32 levels deep; at most 32 are allowed; nothing was stored",
    );
    expect(await stored()).toBe(0);
  });

  test("details exactly 32 levels deep are stored", async () => {
    const reply = await call(server.url, "/api/v1/audit", {
      method: "POST",
      token,
      body: { events: [event(undefined, { details: JSON.parse(nestedJson(32)) })] },
    });
    expect(reply.status).toBe(202);
    expect(await stored()).toBe(1);
  });

  test("a time far past the server's clock: 400 naming the event index and the bound", async () => {
    const before = Date.now();
    const events = [event(), event(), event("9999-12-31T23:59:59Z")];
    const reply = await call(server.url, "/api/v1/audit", { method: "POST", token, body: { events } });
    expect(reply.status).toBe(400);
    const m =
      /^events\[2\]\.time: 9999-12-31T23:59:59Z is after (\S+), the latest time this server accepts \(the server's clock \+ 60 minutes\); nothing was stored$/.exec(
        reply.json.message,
      );
    expect(m).not.toBeNull();
    const bound = Date.parse(m![1]);
    expect(bound).toBeGreaterThanOrEqual(before + 3_600_000);
    expect(bound).toBeLessThanOrEqual(Date.now() + 3_600_000);
    expect(await stored()).toBe(1);
  });
});

describe("audit times older than the retention are refused at intake", () => {
  test("400 naming the event and the oldest day kept", async () => {
    const server = await startDevServer({ LABELBRIDGE_AUDIT_RETENTION_DAYS: "30" });
    const token = await server.token("sam@contoso.com");
    try {
      const old = new Date(Date.now() - 40 * 86_400_000).toISOString();
      const reply = await call(server.url, "/api/v1/audit", {
        method: "POST",
        token,
        body: { events: [event(new Date().toISOString()), event(old)] },
      });
      expect(reply.status).toBe(400);
      const oldestKept = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000 - 30 * 86_400_000);
      expect(reply.json.message).toBe(
        `events[1].time: ${old} is before ${oldestKept.toISOString()}, the oldest time this server keeps (audit events are kept 30 days); nothing was stored`,
      );
    } finally {
      await server.close();
    }
  });
});

describe("the SQLite database is private to its owner", () => {
  const mode = (path: string) => statSync(path).mode & 0o777;

  test("a new data directory is 0700, the database and its -wal/-shm files 0600", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "lb-modes-")), "data");
    const path = join(dir, "labelbridge.db");
    const store = openSqliteStore({ path });
    await store.migrate();
    await seedDefaultPolicies(store, [DEVELOPMENT_SITE_ID]);
    expect(mode(dir)).toBe(0o700);
    for (const file of [path, `${path}-wal`, `${path}-shm`]) {
      expect(existsSync(file)).toBe(true);
      expect([file, mode(file)]).toEqual([file, 0o600]);
    }
    await store.close();
  });

  test("a database an older version left readable by everyone is narrowed to 0600 when opened", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lb-modes-old-"));
    const path = join(dir, "labelbridge.db");
    writeFileSync(path, "");
    chmodSync(path, 0o644);
    const store = openSqliteStore({ path });
    await store.migrate();
    expect(mode(path)).toBe(0o600);
    expect(mode(`${path}-wal`)).toBe(0o600);
    await store.close();
  });

  test("the development signing key's new directory is 0700", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "lb-keydir-")), "data");
    await loadOrCreateDevKey(dir);
    expect(mode(dir)).toBe(0o700);
    expect(mode(join(dir, "dev-signing-key.json"))).toBe(0o600);
  });
});

describe("development tokens", () => {
  let server: DevTestServer;

  beforeAll(async () => {
    server = await startDevServer();
  });

  afterAll(() => server.close());

  test("a token signed with this server's key, tenant and issuer but for another audience is refused", async () => {
    const key = await loadOrCreateDevKey(server.dataDir);
    const good = await server.token("sam@contoso.com");
    expect((await call(server.url, "/api/v1/policy", { token: good })).status).toBe(200);
    const otherApp = await server.token("sam@contoso.com", { clientId: "some-other-app" });
    const refused = await call(server.url, "/api/v1/policy", { token: otherApp });
    expect(refused.status).toBe(401);
    expect(refused.json).toMatchObject({
      reason: "audience",
      message: "the token is for another application",
    });

    // No audience at all is refused the same way.
    const now = Math.floor(Date.now() / 1000);
    const noAudience = await new SignJWT({
      tid: DEVELOPMENT_SITE_ID,
      oid: randomUUID(),
      scp: "access_as_user",
    })
      .setProtectedHeader({ alg: "ES256", kid: key.kid, typ: "JWT" })
      .setIssuer(devIssuer(DEVELOPMENT_SITE_ID))
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .sign(key.privateKey);
    expect((await call(server.url, "/api/v1/policy", { token: noAudience })).json).toMatchObject({
      reason: "audience",
    });
  });

  test("the override that allows them from elsewhere is logged as a warning when the app is built", async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const config = devConfig(mkdtempSync(join(tmpdir(), "lb-override-")), {
      LABELBRIDGE_TRUST_PROXY: "true",
      LABELBRIDGE_PUBLIC_URL: "https://labels.example.com",
      LABELBRIDGE_ALLOW_DEV_AUTH_REMOTE: "I-understand",
      LOG_LEVEL: "info",
    });
    const app = await buildApp(config, server.store, { logger: { level: "info", stream: sink } });
    await app.close();
    const warnings = lines
      .map((l) => JSON.parse(l) as { level: number; msg: string })
      .filter((l) => l.level === 40);
    expect(warnings.map((w) => w.msg)).toEqual([
      expect.stringContaining("LABELBRIDGE_ALLOW_DEV_AUTH_REMOTE: this server accepts DEVELOPMENT tokens"),
    ]);
  });
});
