/**
 * Start and stop: `startServer` (what `npm start` runs) over HTTPS with a dev certificate, a restart
 * that keeps the data and does not re-seed, and a graceful shutdown that finishes the write in flight.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { request as httpsRequest } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateCertificates } from "office-addin-dev-certs";
import { DEVELOPMENT_SITE_ID } from "../../src/core/policy";
import { loadOrCreateDevKey, mintDevToken } from "../../src/server/auth/dev";
import { ensureDevCertificate } from "../../src/server/certs";
import { loadConfig } from "../../src/server/config";
import { startServer } from "../../src/server/main";
import type { Store } from "../../src/server/storage/store";
import { seedDefaultPolicies } from "../../src/server/seed";
import { sqliteEngine } from "./support/engines";
import { call, startTestServer } from "./support/server";

function httpsGet(url: string, ca: Buffer, token?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    // agent: false — a pooled keep-alive socket would hide whether the port still accepts connections.
    const req = httpsRequest(
      url,
      { ca, agent: false, headers: token ? { authorization: `Bearer ${token}` } : {} },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

describe("startServer (npm start)", () => {
  const certDir = mkdtempSync(join(tmpdir(), "lb-certs-"));
  const dataDir = mkdtempSync(join(tmpdir(), "lb-data-"));

  beforeAll(async () => {
    await generateCertificates(
      join(certDir, "ca.crt"),
      join(certDir, "localhost.crt"),
      join(certDir, "localhost.key"),
      30,
    );
  });

  test("an existing, fresh development certificate is reused as it is", async () => {
    const before = readFileSync(join(certDir, "localhost.crt"));
    const material = await ensureDevCertificate(certDir);
    expect(material.cert.equals(before)).toBe(true);
    expect(material.caFile).toBe(join(certDir, "ca.crt"));
    expect(material.trustWarning).toBeUndefined();
    expect(material.validTo.getTime()).toBeGreaterThan(Date.now() + 20 * 86_400_000);
  });

  test("serves HTTPS with the seeded development tenant, keeps data across a restart, stops cleanly", async () => {
    const env = {
      HOST: "localhost",
      PORT: "0",
      LABELBRIDGE_TLS_CERT: join(certDir, "localhost.crt"),
      LABELBRIDGE_TLS_KEY: join(certDir, "localhost.key"),
      LABELBRIDGE_DATA_DIR: dataDir,
      LOG_LEVEL: "silent",
    };
    const ca = readFileSync(join(certDir, "ca.crt"));
    const first = await startServer(loadConfig(env));
    expect(first.seeded).toEqual([DEVELOPMENT_SITE_ID]);
    const port = (first.app.server.address() as { port: number }).port;
    const base = `https://localhost:${port}`;
    expect(await httpsGet(`${base}/healthz`, ca)).toEqual({ status: 200, body: '{"status":"ok"}' });
    expect(await httpsGet(`${base}/readyz`, ca)).toEqual({
      status: 200,
      body: '{"status":"ready","database":"sqlite"}',
    });
    const key = await loadOrCreateDevKey(dataDir);
    const token = await mintDevToken(key, {
      tenantId: DEVELOPMENT_SITE_ID,
      clientId: "labelbridge-dev",
      user: "sam@contoso.com",
    });
    const policy = await httpsGet(`${base}/api/v1/policy`, ca, token);
    expect(policy.status).toBe(200);
    expect(JSON.parse(policy.body).tenantName).toBe("Development tenant");
    await first.close();
    await expect(httpsGet(`${base}/healthz`, ca)).rejects.toThrow(/ECONNREFUSED/);

    const second = await startServer(loadConfig(env));
    try {
      expect(second.seeded).toEqual([]);
      expect(await second.store.currentVersion(DEVELOPMENT_SITE_ID)).toBe(1);
    } finally {
      await second.close();
    }
  });
});

describe("graceful shutdown", () => {
  test("a write in flight when shutdown starts is stored whole and answered; then the port is closed", async () => {
    const engine = await sqliteEngine();
    const real = engine.open();
    await real.migrate();
    let entered!: () => void;
    const inWrite = new Promise<void>((resolve) => (entered = resolve));
    // The database is slow: shutdown begins while the audit write is under way.
    const slow: Store = Object.assign(Object.create(real) as Store, {
      recordAudit: async (...args: Parameters<Store["recordAudit"]>) => {
        entered();
        await new Promise((r) => setTimeout(r, 400));
        return real.recordAudit(...args);
      },
    });
    const dataDir = mkdtempSync(join(tmpdir(), "lb-drain-"));
    const config = loadConfig({
      HOST: "127.0.0.1",
      PORT: "0",
      LABELBRIDGE_TLS: "off",
      LABELBRIDGE_DATA_DIR: dataDir,
      LOG_LEVEL: "silent",
      LABELBRIDGE_AUDIT_RETENTION_DAYS: "36500",
    });
    await seedDefaultPolicies(real, config.auth.tenants);
    const server = await startTestServer(config, slow);
    const key = await loadOrCreateDevKey(dataDir);
    const token = await mintDevToken(key, {
      tenantId: DEVELOPMENT_SITE_ID,
      clientId: "labelbridge-dev",
      user: "sam@contoso.com",
    });
    const events = Array.from({ length: 20 }, (_, i) => ({
      id: randomUUID(),
      type: "label-applied",
      time: `2026-06-01T08:${String(i).padStart(2, "0")}:00Z`,
      app: "Excel",
    }));

    const inFlight = call(server.url, "/api/v1/audit", { method: "POST", token, body: { events } });
    await Promise.race([
      inWrite,
      inFlight.then((r) => Promise.reject(new Error(`answered before the write: ${r.status} ${r.text}`))),
    ]);
    const started = Date.now();
    const closed = server.close();
    const reply = await inFlight;
    await closed;
    // Drained, not left waiting for the keep-alive timeout (72 s) of the connection that carried it.
    expect(Date.now() - started).toBeLessThan(5000);
    expect(reply.status).toBe(202);
    expect(reply.json).toEqual({ received: 20, accepted: 20, duplicates: 0 });
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();

    const range = { from: "2026-06-01T00:00:00.000Z", to: "2026-06-02T00:00:00.000Z" };
    expect(await real.dailyActivity(DEVELOPMENT_SITE_ID, range)).toEqual([
      { day: "2026-06-01", type: "label-applied", count: 20 },
    ]);
    await real.close();
    await engine.dispose();
  });
});
