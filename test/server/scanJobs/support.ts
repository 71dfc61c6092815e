/**
 * A backend for the scan job suites (real HTTP, real database) and a node that speaks the scanner
 * API by hand, so the suites decide exactly when a node claims, reports, falls silent or comes back.
 */
import { randomUUID } from "node:crypto";
import type { Store } from "../../../src/server/storage/store";
import type { ClaimAnswer, ClaimedUnit, FileResult, WalkReport } from "../../../src/server/scanJobs/wire";
import type { Engine, EngineFactory } from "../support/engines";
import { entraToken, startFakeEntra, type FakeEntra } from "../support/entra";
import { call, startTestServer, testConfig, type Reply, type TestServer } from "../support/server";

export interface Backend {
  tenant: string;
  server: TestServer;
  store: Store;
  admin: string;
  scanner: string;
  user: string;
  /** A second identity holding the scanner role. */
  otherScanner: string;
  close(): Promise<void>;
}

export async function startBackend(
  factory: EngineFactory,
  env: Record<string, string> = {},
): Promise<Backend> {
  const tenant = randomUUID();
  const entra: FakeEntra = await startFakeEntra();
  const engine: Engine = await factory();
  const store = engine.open();
  await store.migrate();
  const server = await startTestServer(
    testConfig([tenant], entra.jwksTemplate, {
      LABELBRIDGE_SCAN_HEARTBEAT_SECONDS: "1",
      LABELBRIDGE_SCAN_NODE_TIMEOUT_SECONDS: "5",
      ...env,
    }),
    store,
  );
  const token = (roles: string[]) => entraToken(entra.key, { tid: tenant, oid: randomUUID(), roles });
  return {
    tenant,
    server,
    store,
    admin: await token(["Labelbridge.Admin"]),
    scanner: await token(["Labelbridge.Scanner"]),
    user: await token([]),
    otherScanner: await token(["Labelbridge.Scanner"]),
    async close() {
      await server.close();
      await store.close();
      await engine.dispose();
      await entra.close();
    },
  };
}

export function adminCall(
  b: Backend,
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<Reply> {
  return call(b.server.url, `/api/v1/admin${path}`, { ...init, token: b.admin });
}

export async function defineJob(b: Backend, definition: Record<string, unknown>): Promise<string> {
  const r = await adminCall(b, "/scan-jobs", { method: "POST", body: definition });
  if (r.status !== 201) throw new Error(`POST /scan-jobs answered ${r.status}: ${r.text}`);
  return r.json.jobId as string;
}

export async function startRun(b: Backend, jobId: string, query = ""): Promise<string> {
  const r = await adminCall(b, `/scan-jobs/${jobId}/runs${query}`, { method: "POST" });
  if (r.status !== 202) throw new Error(`POST /scan-jobs/${jobId}/runs answered ${r.status}: ${r.text}`);
  return r.json.runId as string;
}

/** A scanner node driven step by step by the test. */
export class HandNode {
  constructor(
    private readonly b: Backend,
    readonly name: string,
    private readonly token: string = b.scanner,
  ) {}

  private post(path: string, body: unknown = {}): Promise<Reply> {
    return call(this.b.server.url, `/api/v1/scanner${path}`, { method: "POST", token: this.token, body });
  }

  register(): Promise<Reply> {
    return this.post("/nodes", { node: this.name, jobs: 1, host: "test", version: "test" });
  }

  heartbeat(units: string[] = []): Promise<Reply> {
    return this.post(`/nodes/${this.name}/heartbeat`, {
      units,
      stats: { filesDone: 0, bytesDone: 0, errors: 0, activeUnits: units.length },
    });
  }

  async claim(): Promise<ClaimAnswer> {
    const r = await this.post(`/nodes/${this.name}/claim`);
    if (r.status !== 200) throw new Error(`claim answered ${r.status}: ${r.text}`);
    return r.json as ClaimAnswer;
  }

  /** A listing of the unit's folder (`dir` defaults to the folder the unit names). */
  walk(unit: ClaimedUnit, report: Omit<WalkReport, "claim" | "dir"> & { dir?: string }): Promise<Reply> {
    const dir = report.dir ?? (unit.kind === "walk" ? unit.dir : "");
    return this.post(`/nodes/${this.name}/units/${unit.runId}/${unit.unitId}/walk`, {
      claim: unit.claim,
      ...report,
      dir,
    });
  }

  results(unit: ClaimedUnit, results: FileResult[], done: boolean, claim = unit.claim): Promise<Reply> {
    return this.post(`/nodes/${this.name}/units/${unit.runId}/${unit.unitId}/results`, {
      claim,
      results,
      done,
    });
  }

  leave(): Promise<Reply> {
    return this.post(`/nodes/${this.name}/leave`);
  }
}

/** A report row as the scanner makes it for a file it read (src/cli/scan/row.ts). */
export function scannedRow(path: string, size: number, extra: Record<string, unknown> = {}) {
  return {
    path,
    size,
    type: "txt",
    labels: [],
    currentLabel: null,
    mapping: null,
    labelNotes: [],
    infoTypes: [],
    scannedChars: size,
    proposed: null,
    reason: "",
    action: "reported",
    error: null,
    errorCode: null,
    warnings: [],
    audit: [],
    ...extra,
  };
}

export function scanned(path: string, size = 10, extra: Record<string, unknown> = {}): FileResult {
  return {
    path,
    outcome: "scanned",
    size,
    mtimeMs: 1_700_000_000_000,
    hash: "h-" + path,
    row: scannedRow(path, size, extra) as FileResult["row"],
  };
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  ms = 15_000,
): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
