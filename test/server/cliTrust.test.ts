/**
 * The `labelbridge` command reaching the development server (issue 11 item 12): Node does not
 * trust the CA `npm start` creates, so a bare call fails with UNABLE_TO_VERIFY_LEAF_SIGNATURE; the
 * error now says what to do (for localhost, the development CA's path), `--ca FILE` trusts a CA for
 * one run, and NODE_EXTRA_CA_CERTS works as Node documents it.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateCertificates } from "office-addin-dev-certs";
import { DEVELOPMENT_SITE_ID } from "../../src/core/policy";
import { fetchPolicy } from "../../src/cli/scan/server";
import { explainTlsFailure } from "../../src/cli/tls";
import { buildApp } from "../../src/server/app";
import { loadOrCreateDevKey, mintDevToken } from "../../src/server/auth/dev";
import { loadConfig } from "../../src/server/config";
import { seedDefaultPolicies } from "../../src/server/seed";
import type { FastifyInstance } from "fastify";
import type { Store } from "../../src/server/storage/store";
import { sqliteEngine, type Engine } from "./support/engines";

const ROOT = join(__dirname, "..", "..");

describe("the labelbridge command and a server with a development certificate", () => {
  const certs = mkdtempSync(join(tmpdir(), "lb-cli-certs-"));
  const caFile = join(certs, "ca.crt");
  let engine: Engine;
  let store: Store;
  let app: FastifyInstance;
  let url: string;
  let token: string;
  let folder: string;

  beforeAll(async () => {
    await generateCertificates(caFile, join(certs, "localhost.crt"), join(certs, "localhost.key"), 30);
    engine = await sqliteEngine();
    store = engine.open();
    await store.migrate();
    const dataDir = mkdtempSync(join(tmpdir(), "lb-cli-data-"));
    const config = loadConfig({
      HOST: "localhost",
      PORT: "0",
      LABELBRIDGE_DATA_DIR: dataDir,
      LABELBRIDGE_TLS_CERT: join(certs, "localhost.crt"),
      LABELBRIDGE_TLS_KEY: join(certs, "localhost.key"),
      LOG_LEVEL: "silent",
    });
    await seedDefaultPolicies(store, config.auth.tenants);
    app = await buildApp(config, store, {
      logger: false,
      https: {
        cert: readFileSync(join(certs, "localhost.crt")),
        key: readFileSync(join(certs, "localhost.key")),
      },
    });
    await app.listen({ host: "localhost", port: 0 });
    url = `https://localhost:${(app.server.address() as { port: number }).port}`;
    token = await mintDevToken(await loadOrCreateDevKey(dataDir), {
      tenantId: DEVELOPMENT_SITE_ID,
      clientId: "labelbridge-dev",
      user: "scanner@contoso.com",
    });
    folder = mkdtempSync(join(tmpdir(), "lb-cli-files-"));
    mkdirSync(join(folder, "docs"));
    writeFileSync(join(folder, "docs", "note.txt"), "nothing sensitive here\n");
  });

  afterAll(async () => {
    await app.close();
    await store.close();
    await engine.dispose();
  });

  test("untrusted: the error names Node's code and says to use --ca, with the development CA for localhost", async () => {
    await expect(fetchPolicy(url, token)).rejects.toThrow(
      `GET ${url}/api/v1/policy failed: the server's certificate is not trusted by Node (UNABLE_TO_VERIFY_LEAF_SIGNATURE). ` +
        "Give the CA that issued it with --ca FILE or NODE_EXTRA_CA_CERTS=FILE. " +
        "For the development server on this machine that is the CA npm start created: --ca ~/.office-addin-dev-certs/ca.crt.",
    );
    expect(explainTlsFailure("UNABLE_TO_VERIFY_LEAF_SIGNATURE", "https://labels.example.com")).toBe(
      "the server's certificate is not trusted by Node (UNABLE_TO_VERIFY_LEAF_SIGNATURE). Give the CA that issued it with --ca FILE or NODE_EXTRA_CA_CERTS=FILE.",
    );
    expect(explainTlsFailure("ECONNREFUSED", url)).toBeNull();
  });

  // The built command in its own process, as a person runs it: fetch's global dispatcher (what
  // --ca sets) is the process's, which a test sandbox does not share.
  // Not spawnSync: the server answering it runs in this process.
  const run = (args: string[], env: Record<string, string> = {}) =>
    new Promise<{ status: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [join(ROOT, "bin", "labelbridge.js"), ...args], {
        env: { ...process.env, ...env },
        stdio: ["ignore", "ignore", "pipe"],
      });
      let stderr = "";
      child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
      child.once("error", reject);
      child.once("close", (status) => resolve({ status, stderr }));
    });
  const scan = () => ["scan", folder, "--server", url, "--token", token, "--no-progress"];

  test("the command without the CA: refused, with what to do", async () => {
    const untrusted = await run(scan());
    expect(untrusted.stderr).toContain("not trusted by Node (UNABLE_TO_VERIFY_LEAF_SIGNATURE)");
    expect(untrusted.stderr).toContain("--ca ~/.office-addin-dev-certs/ca.crt");
    expect(untrusted.status).toBe(1);
  });

  test("NODE_EXTRA_CA_CERTS, and --ca FILE before or after the command", async () => {
    const result = async (r: ReturnType<typeof run>) => Object.values(await r);
    expect(await result(run(scan(), { NODE_EXTRA_CA_CERTS: caFile }))).toEqual([0, ""]);
    expect(await result(run(["--ca", caFile, ...scan()]))).toEqual([0, ""]);
    expect(await result(run([...scan(), "--ca", caFile]))).toEqual([0, ""]);
    const missing = await run([...scan(), "--ca", join(certs, "missing.crt")]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain(`--ca ${join(certs, "missing.crt")}: ENOENT`);
    const notPem = await run([...scan(), "--ca", join(certs, "localhost.key")]);
    expect(notPem.stderr).toContain("not a PEM certificate");
  });
});
