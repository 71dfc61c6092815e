/**
 * Group overage: a token whose groups did not fit gets them from Graph (transitiveMemberOf, paged,
 * cached), so group-scoped policies apply; when Graph cannot say, the everyone-policies apply, the
 * response says `Labelbridge-Groups: unresolved` and the log says why. Over real HTTP, both databases.
 */
import { randomUUID } from "node:crypto";
import { Writable } from "node:stream";
import { DEFAULT_LABEL_IDS as L, defaultTenantPolicy, type TenantPolicy } from "../../../src/core/policy";
import { GraphClient } from "../../../src/server/graph/client";
import { loadGraphConfig } from "../../../src/server/graph/config";
import { GroupResolver } from "../../../src/server/graph/overage";
import { GraphTokenProvider } from "../../../src/server/graph/token";
import type { Store } from "../../../src/server/storage/store";
import { ENGINES, type Engine } from "../support/engines";
import { entraToken, startFakeEntra, type FakeEntra } from "../support/entra";
import { call, startTestServer, testConfig, type TestServer } from "../support/server";
import { graphEnv, startFakeGraph, type FakeGraph } from "./fakeGraph";

const FINANCE = "7c1e0a52-3f4d-4b6a-8e9f-0a1b2c3d4e5f";
const OVERAGE_CLAIMS = {
  _claim_names: { groups: "src1" },
  _claim_sources: { src1: { endpoint: "https://graph.windows.net/tenant/users/oid/getMemberObjects" } },
};

function financePolicy(tenantId: string): TenantPolicy {
  const doc = defaultTenantPolicy({ siteId: tenantId });
  doc.policies[0].labels = [L.public, L.general];
  doc.policies.push({
    ...doc.policies[0],
    id: randomUUID(),
    name: "Finance",
    scope: { everyone: false, users: [], groups: [FINANCE] },
    priority: 1,
    labels: [L.confidential, L.confidentialAllEmployees],
  });
  return doc;
}

describe.each(ENGINES)("group overage on %s", (_name, factory) => {
  const TENANT = randomUUID();
  let entra: FakeEntra;
  let graph: FakeGraph;
  let engine: Engine;
  let store: Store;
  let server: TestServer;
  let bare: TestServer;
  const logged: Array<Record<string, unknown>> = [];

  const labelsOf = async (base: string, token: string) => {
    const reply = await call(base, "/api/v1/policy", { token });
    expect(reply.status).toBe(200);
    return {
      ids: reply.json.labels.map((l: { id: string }) => l.id),
      groups: reply.headers.get("labelbridge-groups"),
    };
  };
  const overageToken = (oid: string, extra: Record<string, unknown> = OVERAGE_CLAIMS) =>
    entraToken(entra.key, { tid: TENANT, oid, groups: null, extra });

  beforeAll(async () => {
    entra = await startFakeEntra();
    graph = await startFakeGraph();
    engine = await factory();
    store = engine.open();
    await store.migrate();
    const written = await store.writePolicy(TENANT, {
      expectedVersion: null,
      document: financePolicy(TENANT),
      actor: { id: "test", name: null },
      kind: "seed",
      at: new Date().toISOString(),
    });
    expect(written.ok).toBe(true);
    const log = new Writable({
      write(chunk, _enc, done) {
        logged.push(JSON.parse(String(chunk)));
        done();
      },
    });
    server = await startTestServer(testConfig([TENANT], entra.jwksTemplate, graphEnv(graph)), store, {
      logger: { level: "warn", stream: log },
      graph: { maxRetries: 0 },
    });
    bare = await startTestServer(testConfig([TENANT], entra.jwksTemplate), store, {
      logger: { level: "warn", stream: log },
    });
  });

  afterAll(async () => {
    await server?.close();
    await bare?.close();
    await store?.close();
    await engine?.dispose();
    await graph?.close();
    await entra?.close();
  });

  test("overage (_claim_names): groups come from Graph, page by page, and the group's policy applies", async () => {
    const oid = randomUUID();
    const others = Array.from({ length: 4 }, () => randomUUID());
    graph.tenants.set(TENANT, { labels: [], groups: { [oid]: [...others, FINANCE.toUpperCase()] } });
    graph.pageSize = 2;
    graph.requests.length = 0;
    const mine = await labelsOf(server.url, await overageToken(oid));
    expect(mine.ids).toEqual([L.public, L.general, L.confidential, L.confidentialAllEmployees]);
    expect(mine.groups).toBeNull();
    const calls = graph.requests.filter((r) => r.path.includes("transitiveMemberOf"));
    expect(calls).toHaveLength(3);
    expect(calls[0]).toEqual({
      method: "GET",
      path: `/v1.0/users/${oid}/transitiveMemberOf/microsoft.graph.group?$select=id&$top=999`,
      consistencyLevel: "eventual",
    });
    // Another token of the same user within the cache's lifetime: Graph is not asked again.
    await labelsOf(server.url, await overageToken(oid));
    expect(graph.requests.filter((r) => r.path.includes("transitiveMemberOf"))).toHaveLength(3);
  });

  test("hasgroups: true is overage too; a token with its groups is never sent to Graph", async () => {
    const oid = randomUUID();
    graph.tenants.set(TENANT, { labels: [], groups: { [oid]: [FINANCE] } });
    expect((await labelsOf(server.url, await overageToken(oid, { hasgroups: true }))).ids).toContain(
      L.confidentialAllEmployees,
    );
    graph.requests.length = 0;
    const carried = await entraToken(entra.key, { tid: TENANT, oid: randomUUID(), groups: [FINANCE] });
    expect((await labelsOf(server.url, carried)).ids).toContain(L.confidentialAllEmployees);
    expect(graph.requests).toEqual([]);
  });

  test("Graph unreachable: the everyone-policies, the header, a clear log line", async () => {
    const oid = randomUUID();
    graph.tenants.set(TENANT, { labels: [], groups: { [oid]: [FINANCE] } });
    graph.down = true;
    logged.length = 0;
    const token = await overageToken(oid);
    const mine = await labelsOf(server.url, token);
    graph.down = false;
    expect(mine).toEqual({ ids: [L.public, L.general], groups: "unresolved" });
    expect(logged).toContainEqual(
      expect.objectContaining({
        msg: "group overage: Microsoft Graph could not list the user's groups; only the policies for everyone apply",
        tenantId: TENANT,
        userId: oid,
        reason: expect.stringMatching(/did not answer/),
      }),
    );
  });

  test("Graph not configured: the everyone-policies and the header", async () => {
    const mine = await labelsOf(bare.url, await overageToken(randomUUID()));
    expect(mine).toEqual({ ids: [L.public, L.general], groups: "unresolved" });
    expect(logged.map((l) => l.msg)).toContain(
      "group overage: the token's groups did not fit and Microsoft Graph is not configured (LABELBRIDGE_GRAPH_CLIENT_ID); only the policies for everyone apply",
    );
  });
});

describe("group cache", () => {
  let graph: FakeGraph;
  const TENANT = randomUUID();

  beforeAll(async () => {
    graph = await startFakeGraph();
  });
  afterAll(async () => graph?.close());

  function resolver(size: number, ttlMs: number, now: () => number) {
    const config = loadGraphConfig(graphEnv(graph), "/")!;
    const client = new GraphClient(config, new GraphTokenProvider(config), { maxRetries: 0 });
    return new GroupResolver(client, { ttlMs, size, now });
  }

  test("bounded: past its size the oldest user goes; past the TTL Graph is asked again", async () => {
    const users = [randomUUID(), randomUUID(), randomUUID()];
    graph.tenants.set(TENANT, { labels: [], groups: Object.fromEntries(users.map((u) => [u, [FINANCE]])) });
    let clock = 0;
    const groups = resolver(2, 1000, () => clock);
    const asked = () => graph.requests.filter((r) => r.path.includes("transitiveMemberOf")).length;
    graph.requests.length = 0;
    for (const u of users) expect(await groups.groups(TENANT, u)).toEqual([FINANCE]);
    expect(groups.size).toBe(2);
    await groups.groups(TENANT, users[2]);
    expect(asked()).toBe(3);
    await groups.groups(TENANT, users[0]);
    expect(asked()).toBe(4);
    clock = 1001;
    await groups.groups(TENANT, users[0]);
    expect(asked()).toBe(5);
  });

  test("a failure is remembered briefly, then Graph is asked again", async () => {
    const u = randomUUID();
    graph.tenants.set(TENANT, { labels: [], groups: { [u]: [FINANCE] } });
    let clock = 0;
    const groups = resolver(10, 60_000, () => clock);
    graph.down = true;
    await expect(groups.groups(TENANT, u)).rejects.toThrow(/did not answer/);
    graph.down = false;
    await expect(groups.groups(TENANT, u)).rejects.toThrow(/did not answer/);
    clock = 30_001;
    expect(await groups.groups(TENANT, u)).toEqual([FINANCE]);
  });

  test("users asking at once share one request", async () => {
    const u = randomUUID();
    graph.tenants.set(TENANT, { labels: [], groups: { [u]: [FINANCE] } });
    graph.requests.length = 0;
    const groups = resolver(10, 60_000, Date.now);
    await Promise.all([groups.groups(TENANT, u), groups.groups(TENANT, u), groups.groups(TENANT, u)]);
    expect(graph.requests.filter((r) => r.path.includes("transitiveMemberOf"))).toHaveLength(1);
  });
});
