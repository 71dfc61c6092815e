/** The scheduled sync: every allowed tenant in turn, never overlapping, a failure logged and survived. */
import { randomUUID } from "node:crypto";
import { fixture, graphEnv, startFakeGraph, type FakeGraph } from "./fakeGraph";
import { loadGraphConfig } from "../../../src/server/graph/config";
import { SyncSchedule } from "../../../src/server/graph/schedule";
import { createGraphServices } from "../../../src/server/graph/services";
import type { Store } from "../../../src/server/storage/store";
import { sqliteEngine, type Engine } from "../support/engines";

const BETA = fixture("graphdocs_beta_security_informationProtection_sensitivityLabels_list.json").value;

describe("scheduled Graph sync", () => {
  let graph: FakeGraph;
  let engine: Engine;
  let store: Store;

  beforeAll(async () => {
    graph = await startFakeGraph();
    engine = await sqliteEngine();
    store = engine.open();
    await store.migrate();
  });
  afterAll(async () => {
    await store?.close();
    await engine?.dispose();
    await graph?.close();
  });

  test("syncs each tenant, logs a tenant Graph refuses, and goes on", async () => {
    const ok = randomUUID();
    const unknown = randomUUID();
    graph.tenants.set(ok, { labels: BETA });
    const services = createGraphServices(loadGraphConfig(graphEnv(graph), "/")!, store, { maxRetries: 0 });
    const lines: Array<[string, Record<string, unknown>]> = [];
    const log = {
      info: (d: Record<string, unknown>, m: string) => lines.push([m, d]),
      warn: (d: Record<string, unknown>, m: string) => lines.push([m, d]),
    };
    const schedule = new SyncSchedule(services.sync, [unknown, ok], 40, log);
    schedule.start(0);
    while (lines.filter(([, d]) => d.tenantId === ok).length < 2) await new Promise((r) => setTimeout(r, 20));
    await schedule.stop();

    expect(lines[0]).toEqual([
      "Graph sync failed; the last good policy stays in force",
      { tenantId: unknown, code: "graph-unavailable", reason: expect.stringMatching(/404/) },
    ]);
    expect(lines[1]).toEqual([
      "Graph sync finished",
      { tenantId: ok, applied: true, version: 1, added: 3, changed: 0, retired: 0 },
    ]);
    expect(lines.find(([, d]) => d.tenantId === ok && d.applied === false)).toBeDefined();
    expect((await store.getPolicy(ok))?.kind).toBe("sync");
    expect(await store.getPolicy(unknown)).toBeNull();
    expect(await services.state.get(unknown)).toMatchObject({ lastOutcome: "failed", lastSuccessAt: null });
  });
});
