/**
 * The Graph sync end to end over real HTTP: the backend against a fake Graph and token endpoint
 * (test/server/graph/fakeGraph.ts) serving Microsoft's documented examples, on SQLite and PostgreSQL.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Store } from "../../../src/server/storage/store";
import { ENGINES, type Engine } from "../support/engines";
import { entraToken, startFakeEntra, type FakeEntra } from "../support/entra";
import { call, startTestServer, testConfig, type TestServer } from "../support/server";
import { FIXTURES, fixture, graphEnv, startFakeGraph, type FakeGraph } from "./fakeGraph";

const BETA = fixture("graphdocs_beta_security_informationProtection_sensitivityLabels_list.json").value;
const SETTINGS = fixture("graphdocs_beta_security_informationProtection_labelPolicySettings_get.json");
const V1 = fixture("graphdocs_v1.0_security_dataSecurityAndGovernance_sensitivityLabels_list.json").value;
const PUBLIC = "285ccb20-8260-4b1a-9e08-b5e051ffc848";
const CONFIDENTIAL = "8cf764ac-ef2b-4787-8ccd-0a8a65e7bafa";
const FTE = "a20cbae4-0c05-448c-b342-cb6c618d0957";
const LABELS_PATH = "/beta/security/informationProtection/sensitivityLabels";

describe.each(ENGINES)("Graph sync on %s", (_name, factory) => {
  const TENANT = randomUUID();
  let entra: FakeEntra;
  let graph: FakeGraph;
  let engine: Engine;
  let store: Store;
  let server: TestServer;
  let admin: string;
  let user: string;

  const sync = (query = "", token = admin) =>
    call(server.url, `/api/v1/admin/graph/sync${query}`, { method: "POST", token });
  const status = () => call(server.url, "/api/v1/admin/graph/status", { token: admin });
  const policy = () => call(server.url, "/api/v1/admin/policy", { token: admin });

  beforeAll(async () => {
    entra = await startFakeEntra();
    graph = await startFakeGraph();
    graph.tenants.set(TENANT, { labels: JSON.parse(JSON.stringify(BETA)), settings: SETTINGS, labelsV1: V1 });
    engine = await factory();
    store = engine.open();
    await store.migrate();
    server = await startTestServer(testConfig([TENANT], entra.jwksTemplate, graphEnv(graph)), store, {
      graph: { maxRetries: 3, maxWaitSeconds: 5 },
    });
    admin = await entraToken(entra.key, {
      tid: TENANT,
      oid: randomUUID(),
      name: "Dana",
      roles: ["Labelbridge.Admin"],
    });
    user = await entraToken(entra.key, { tid: TENANT, oid: randomUUID() });
  });

  afterAll(async () => {
    await server?.close();
    await store?.close();
    await engine?.dispose();
    await graph?.close();
    await entra?.close();
  });

  beforeEach(() => {
    graph.requests.length = 0;
    graph.pageSize = 100;
    graph.down = false;
  });

  test("before any sync: the status says so, and only admins may sync", async () => {
    expect((await status()).json).toEqual({
      configured: true,
      apiVersion: "beta",
      syncIntervalMinutes: 0,
      lastAttemptAt: null,
      lastSuccessAt: null,
      lastAppliedVersion: null,
      lastError: null,
      lastOutcome: null,
    });
    const refused = await sync("", user);
    expect(refused.status).toBe(403);
  });

  test("a dry run answers the diff and applies nothing", async () => {
    const dry = await sync("?dryRun=true");
    expect(dry.status).toBe(200);
    expect(dry.json).toMatchObject({ dryRun: true, applied: false, basedOn: null, version: null });
    expect(dry.json.diff.labels.added.map((l: { id: string }) => l.id)).toEqual([PUBLIC, CONFIDENTIAL, FTE]);
    expect(dry.json.diff.policies.added).toEqual([
      { id: expect.any(String), name: "Microsoft Purview labels" },
    ]);
    expect((await policy()).status).toBe(404);
    expect((await status()).json).toMatchObject({ lastOutcome: "dry-run", lastError: null });
  });

  test("an applied sync is a version of kind sync with Purview's GUIDs, hierarchy and settings, read page by page", async () => {
    graph.pageSize = 1;
    const applied = await sync();
    expect(applied.status).toBe(200);
    expect(applied.json).toMatchObject({ applied: true, basedOn: null, version: 1 });
    const pages = graph.requests.filter((r) => r.path.startsWith(LABELS_PATH));
    expect(pages.map((r) => r.path)).toEqual([
      LABELS_PATH,
      `${LABELS_PATH}?%24skiptoken=1`,
      `${LABELS_PATH}?%24skiptoken=2`,
    ]);
    const doc = (await policy()).json;
    expect(doc.labels.map((l: { id: string; parentId: string | null }) => [l.id, l.parentId])).toEqual([
      [PUBLIC, null],
      [CONFIDENTIAL, null],
      [FTE, CONFIDENTIAL],
    ]);
    expect(doc.policies[0].settings).toMatchObject({
      justificationRequired: true,
      moreInfoUrl: "https://contoso.com/MIPInfo",
    });
    const versions = (await call(server.url, "/api/v1/admin/policy/versions", { token: admin })).json
      .versions;
    expect(versions[0]).toMatchObject({ version: 1, kind: "sync", actor: { name: expect.any(String) } });
    const s = (await status()).json;
    expect(s).toMatchObject({ lastOutcome: "applied", lastAppliedVersion: 1, lastError: null });
    expect(s.lastSuccessAt).toBe(applied.json.syncedAt);
  });

  test("the user's pane gets the synced labels with Purview's GUIDs once the policy is deployed", async () => {
    const current = await policy();
    const policies = current.json.policies.map((p: Record<string, unknown>) => ({ ...p, phase: "deploy" }));
    const put = await call(server.url, "/api/v1/admin/policies", {
      method: "PUT",
      token: admin,
      body: policies,
      headers: { "if-match": current.headers.get("etag")! },
    });
    expect(put.status).toBe(200);
    const mine = await call(server.url, "/api/v1/policy", { token: user });
    expect(mine.status).toBe(200);
    // The inactive parent comes along as the heading of its published sublabel.
    expect(mine.json.labels.map((l: { id: string }) => l.id)).toEqual([PUBLIC, CONFIDENTIAL, FTE]);
    expect(mine.json.settings.moreInfoUrl).toBe("https://contoso.com/MIPInfo");
  });

  test("Labelbridge's markings stay on; a Purview edit is a field-level change; a removed label is retired; rollback restores", async () => {
    const current = await policy();
    const labels = current.json.labels.map((l: Record<string, unknown>) =>
      l.id === FTE ? { ...l, marking: { footer: { text: "FTE ONLY" } } } : l,
    );
    const put = await call(server.url, "/api/v1/admin/labels", {
      method: "PUT",
      token: admin,
      body: labels,
      headers: { "if-match": current.headers.get("etag")! },
    });
    expect(put.status).toBe(200);

    const tenant = graph.tenants.get(TENANT)!;
    tenant.labels = JSON.parse(JSON.stringify(BETA)).filter((l: { id: string }) => l.id !== PUBLIC);
    (tenant.labels[1] as { tooltip: string }).tooltip = "Full-time employees only.";
    const applied = await sync();
    expect(applied.status).toBe(200);
    const { diff, version } = applied.json;
    expect(diff.labels.retired).toEqual([
      expect.objectContaining({ id: PUBLIC, name: "Contoso Public", retiredAt: applied.json.syncedAt }),
    ]);
    expect(diff.labels.changed.find((c: { id: string }) => c.id === FTE).changes).toEqual([
      {
        field: "tooltip",
        before: "Data labeled as Contoso Confidential \\ Full Time Employees.",
        after: "Full-time employees only.",
      },
      { field: "sensitivity", before: 20, after: 10 },
    ]);
    const doc = (await policy()).json;
    const fte = doc.labels.find((l: { id: string }) => l.id === FTE);
    expect(fte.marking.footer.text).toBe("FTE ONLY");
    expect(doc.labels.find((l: { id: string }) => l.id === PUBLIC)).toMatchObject({ isActive: false });

    const history = await call(server.url, `/api/v1/admin/policy/versions/${version}`, { token: admin });
    expect(history.json.kind).toBe("sync");
    expect(history.json.before.labels.find((l: { id: string }) => l.id === PUBLIC).isActive).toBe(true);
    expect(history.json.after.labels.find((l: { id: string }) => l.id === PUBLIC).isActive).toBe(false);

    const rollback = await call(server.url, "/api/v1/admin/policy/rollback", {
      method: "POST",
      token: admin,
      body: { version: version - 1 },
      headers: { "if-match": `"${version}"` },
    });
    expect(rollback.status).toBe(200);
    expect((await policy()).json.labels.find((l: { id: string }) => l.id === PUBLIC).isActive).toBe(true);
    // Purview still lacks the label: the next sync retires it again.
    expect((await sync()).json.diff.labels.retired.map((l: { id: string }) => l.id)).toEqual([PUBLIC]);
    expect((await sync()).json).toMatchObject({ applied: false, diff: { empty: true } });
  });

  test("throttling: Retry-After is honoured; past the bound nothing changes and the status says why", async () => {
    graph.throttle(2, "1");
    const ok = await sync();
    expect(ok.status).toBe(200);
    expect(graph.requests.filter((r) => r.path === LABELS_PATH)).toHaveLength(3);

    const before = await policy();
    const lastGood = (await status()).json.lastSuccessAt;
    graph.throttle(10, "1");
    const refused = await sync();
    expect(refused.status).toBe(502);
    expect(refused.json).toMatchObject({ code: "graph-unavailable", graphError: "throttled" });
    expect(refused.json.message).toMatch(
      /Graph answered 429 to GET \/beta\/security\/informationProtection\/sensitivityLabels 4 times/,
    );
    graph.throttle(0, "1");
    expect((await policy()).headers.get("etag")).toBe(before.headers.get("etag"));
    const s = (await status()).json;
    expect(s).toMatchObject({
      lastOutcome: "failed",
      lastSuccessAt: lastGood,
      lastError: { code: "throttled" },
    });
  });

  test("an expired token is refreshed once", async () => {
    const tokensBefore = graph.tokenRequests;
    graph.expireTokens();
    const ok = await sync("?dryRun=true");
    expect(ok.status).toBe(200);
    expect(graph.tokenRequests).toBe(tokensBefore + 1);
  });

  test("Graph down: 502, the last good policy is still served, the status keeps the last success", async () => {
    const lastGood = (await status()).json.lastSuccessAt;
    graph.down = true;
    const refused = await sync();
    expect(refused.status).toBe(502);
    expect(refused.json.message).toMatch(/did not answer/);
    graph.down = false;
    expect((await call(server.url, "/api/v1/policy", { token: user })).status).toBe(200);
    expect((await status()).json).toMatchObject({
      lastSuccessAt: lastGood,
      lastError: { code: "unreachable", message: expect.stringMatching(/did not answer/) },
    });
    expect((await sync("?dryRun=true")).status).toBe(200);
    expect((await status()).json.lastError).toBeNull();
  });

  test("Purview data that does not fit is refused with the issue, nothing applied", async () => {
    const tenant = graph.tenants.get(TENANT)!;
    const saved = tenant.labels;
    tenant.labels = [
      ...saved,
      { ...(BETA[0] as object), id: randomUUID(), name: "Bad;Name", sensitivity: 9 },
    ];
    const refused = await sync();
    tenant.labels = saved;
    expect(refused.status).toBe(409);
    expect(refused.json.code).toBe("sync-invalid");
    expect(refused.json.issues[0]).toMatchObject({ rule: "graph.name-characters" });
    expect(refused.json.message).toMatch(
      /^Purview's labels do not fit the configuration: graph\.sensitivityLabels\[2\]\.name/,
    );
  });
});

describe("Graph sync credentials and versions", () => {
  const TENANT = randomUUID();
  let entra: FakeEntra;
  let graph: FakeGraph;
  let engine: Engine;
  let store: Store;

  beforeAll(async () => {
    entra = await startFakeEntra();
    graph = await startFakeGraph();
    graph.tenants.set(TENANT, { labels: BETA, settings: SETTINGS, labelsV1: V1 });
    engine = await ENGINES[0][1]();
    store = engine.open();
    await store.migrate();
  });

  afterAll(async () => {
    await store?.close();
    await engine?.dispose();
    await graph?.close();
    await entra?.close();
  });

  const adminToken = () =>
    entraToken(entra.key, { tid: TENANT, oid: randomUUID(), roles: ["Labelbridge.Admin"] });

  test("a certificate credential signs a client assertion the token endpoint verifies", async () => {
    graph.trustCertificate(readFileSync(join(FIXTURES, "test-app-cert.pem"), "utf8"));
    const env = graphEnv(graph, {
      LABELBRIDGE_GRAPH_CLIENT_SECRET: "",
      LABELBRIDGE_GRAPH_CERTIFICATE: join(FIXTURES, "test-app-cert.pem"),
      LABELBRIDGE_GRAPH_CERTIFICATE_KEY: join(FIXTURES, "test-app-key.pem"),
    });
    const server = await startTestServer(testConfig([TENANT], entra.jwksTemplate, env), store);
    try {
      const dry = await call(server.url, "/api/v1/admin/graph/sync?dryRun=true", {
        method: "POST",
        token: await adminToken(),
      });
      expect(dry.status).toBe(200);
      expect(dry.json.diff.labels.added).toHaveLength(3);
    } finally {
      await server.close();
    }
  });

  test("a wrong secret is the token endpoint's refusal, named", async () => {
    const env = graphEnv(graph, { LABELBRIDGE_GRAPH_CLIENT_SECRET: "wrong" });
    const server = await startTestServer(testConfig([TENANT], entra.jwksTemplate, env), store);
    try {
      const refused = await call(server.url, "/api/v1/admin/graph/sync", {
        method: "POST",
        token: await adminToken(),
      });
      expect(refused.status).toBe(502);
      expect(refused.json.graphError).toBe("token");
      expect(refused.json.message).toContain(
        "invalid_client: AADSTS7000215: Invalid client secret provided.",
      );
    } finally {
      await server.close();
    }
  });

  test("LABELBRIDGE_GRAPH_API=v1.0 reads the v1.0 list (no settings there)", async () => {
    const server = await startTestServer(
      testConfig([TENANT], entra.jwksTemplate, graphEnv(graph, { LABELBRIDGE_GRAPH_API: "v1.0" })),
      store,
    );
    try {
      const dry = await call(server.url, "/api/v1/admin/graph/sync?dryRun=true", {
        method: "POST",
        token: await adminToken(),
      });
      expect(dry.status).toBe(200);
      expect(dry.json.apiVersion).toBe("v1.0");
      expect(dry.json.diff.labels.added).toEqual([
        { id: "4e4234dd-377b-42a3-935b-0e42f138fa23", name: "General", displayName: "General" },
      ]);
    } finally {
      await server.close();
    }
  });

  test("without a Graph app registration: 503 naming the settings, status not configured", async () => {
    const server = await startTestServer(testConfig([TENANT], entra.jwksTemplate), store);
    try {
      const token = await adminToken();
      const refused = await call(server.url, "/api/v1/admin/graph/sync", { method: "POST", token });
      expect(refused.status).toBe(503);
      expect(refused.json.message).toMatch(/LABELBRIDGE_GRAPH_CLIENT_ID/);
      expect((await call(server.url, "/api/v1/admin/graph/status", { token })).json).toEqual({
        configured: false,
      });
    } finally {
      await server.close();
    }
  });
});
