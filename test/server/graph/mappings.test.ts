/**
 * Label mappings through the admin API and out to the add-in: saved with the tenant policy,
 * refused with path and reason when wrong, served in GET /api/v1/policy, read back by the CLI.
 */
import { randomUUID } from "node:crypto";
import { DEFAULT_LABEL_IDS as L, defaultTenantPolicy, type LabelMapping } from "../../../src/core/policy";
import { parseEffectivePolicy } from "../../../src/cli/scan/policySource";
import type { Store } from "../../../src/server/storage/store";
import { ENGINES, type Engine } from "../support/engines";
import { entraToken, startFakeEntra, type FakeEntra } from "../support/entra";
import { call, startTestServer, testConfig, type TestServer } from "../support/server";

const TITUS: LabelMapping = {
  type: "customProperty",
  name: "Titus",
  property: "Information Classification",
  value: "General",
  labelId: L.general,
};

describe.each(ENGINES)("label mappings in the tenant policy on %s", (_name, factory) => {
  const TENANT = randomUUID();
  let entra: FakeEntra;
  let engine: Engine;
  let store: Store;
  let server: TestServer;
  let admin: string;
  let user: string;

  beforeAll(async () => {
    entra = await startFakeEntra();
    engine = await factory();
    store = engine.open();
    await store.migrate();
    server = await startTestServer(testConfig([TENANT], entra.jwksTemplate), store);
    admin = await entraToken(entra.key, { tid: TENANT, oid: randomUUID(), roles: ["Labelbridge.Admin"] });
    user = await entraToken(entra.key, { tid: TENANT, oid: randomUUID() });
  });
  afterAll(async () => {
    await server?.close();
    await store?.close();
    await engine?.dispose();
    await entra?.close();
  });

  test("a bad pattern or an unknown target is a 400 naming the path; nothing is saved", async () => {
    const doc = {
      ...defaultTenantPolicy({ siteId: TENANT }),
      labelMappings: [{ ...TITUS, value: undefined, pattern: "(" }],
    };
    const bad = await call(server.url, "/api/v1/admin/policy", {
      method: "PUT",
      token: admin,
      body: doc,
      headers: { "if-none-match": "*" },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.issues[0]).toMatchObject({ path: "labelMappings[0].pattern", rule: "bad-pattern" });
    const unknown = randomUUID();
    const missing = await call(server.url, "/api/v1/admin/policy", {
      method: "PUT",
      token: admin,
      body: { ...doc, labelMappings: [{ ...TITUS, labelId: unknown }] },
      headers: { "if-none-match": "*" },
    });
    expect(missing.json.message).toBe(
      `labelMappings[0].labelId: label ${unknown} does not exist; nothing was saved`,
    );
    expect((await call(server.url, "/api/v1/admin/policy", { token: admin })).status).toBe(404);
  });

  test("saved mappings reach the add-in in GET /api/v1/policy, and the CLI's --server reading keeps them", async () => {
    const saved = await call(server.url, "/api/v1/admin/policy", {
      method: "PUT",
      token: admin,
      body: { ...defaultTenantPolicy({ siteId: TENANT }), labelMappings: [TITUS] },
      headers: { "if-none-match": "*" },
    });
    expect(saved.status).toBe(201);
    const served = await call(server.url, "/api/v1/policy", { token: user });
    expect(served.json.labelMappings).toEqual([TITUS]);
    expect(parseEffectivePolicy(served.json, "the server").labelMappings).toEqual([TITUS]);
  });
});
