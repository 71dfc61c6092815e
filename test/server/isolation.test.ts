/**
 * Tenant isolation with randomized tenants, users, label ids and audit events, on both databases:
 * no response to one tenant ever contains anything that belongs to another.
 */
import { randomUUID } from "node:crypto";
import { SENSITIVE_INFO_TYPES } from "../../src/core/detect";
import { defaultTenantPolicy, type TenantPolicy } from "../../src/core/policy";
import type { Store } from "../../src/server/storage/store";
import { ENGINES, type Engine } from "./support/engines";
import { entraToken, startFakeEntra, type FakeEntra } from "./support/entra";
import { call, startTestServer, testConfig, type TestServer } from "./support/server";

interface Tenant {
  id: string;
  doc: TenantPolicy;
  /** Strings only this tenant's data contains. */
  secrets: string[];
  user: string;
  admin: string;
}

/**
 * The default taxonomy with every label id replaced and every display name marked for this tenant
 * (Microsoft's information type ids in conditions stay: they are the same in every tenant).
 */
function randomTenantPolicy(tenantId: string, marker: string): TenantPolicy {
  let json = JSON.stringify(defaultTenantPolicy({ siteId: tenantId, name: `Tenant ${marker}` }));
  const ids = new Set(json.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? []);
  const shared = new Set([tenantId, ...SENSITIVE_INFO_TYPES.map((t) => t.id)]);
  for (const id of ids) if (!shared.has(id)) json = json.split(id).join(randomUUID());
  const doc = JSON.parse(json) as TenantPolicy;
  for (const label of doc.labels) label.displayName = `${label.displayName.slice(0, 40)} ${marker}`;
  return doc;
}

describe.each(ENGINES)("tenant isolation on %s", (_name, factory) => {
  let entra: FakeEntra;
  let engine: Engine;
  let store: Store;
  let server: TestServer;
  const tenants: Tenant[] = [];
  const count = 3 + Math.floor(Math.random() * 3);

  beforeAll(async () => {
    entra = await startFakeEntra();
    engine = await factory();
    store = engine.open();
    await store.migrate();
    const ids = Array.from({ length: count }, () => randomUUID());
    server = await startTestServer(testConfig(ids, entra.jwksTemplate), store);
    for (const id of ids) {
      const marker = `m${randomUUID().slice(0, 8)}`;
      const doc = randomTenantPolicy(id, marker);
      const adminOid = randomUUID();
      const userOid = randomUUID();
      const admin = await entraToken(entra.key, {
        tid: id,
        oid: adminOid,
        preferred_username: `admin-${marker}@t.example`,
        roles: ["Labelbridge.Admin"],
      });
      const user = await entraToken(entra.key, {
        tid: id,
        oid: userOid,
        preferred_username: `user-${marker}@t.example`,
      });
      const created = await call(server.url, "/api/v1/admin/policy", {
        method: "PUT",
        token: admin,
        body: doc,
        headers: { "if-none-match": "*" },
      });
      expect(created.status).toBe(201);
      tenants.push({
        id,
        doc,
        user,
        admin,
        secrets: [
          id,
          marker,
          adminOid,
          userOid,
          ...doc.labels.map((l) => l.id),
          ...doc.policies.map((p) => p.id),
        ],
      });
    }
  });

  afterAll(async () => {
    await server.close();
    await store.close();
    await engine.dispose();
    await entra.close();
  });

  test("every route answers each tenant with its own data only", async () => {
    // Events with ids chosen to collide across tenants: ids are scoped by tenant, not global.
    const sharedIds = Array.from({ length: 5 }, () => randomUUID());
    for (const t of tenants) {
      const labelId = t.doc.labels[2].id;
      const events = sharedIds.map((id, i) => ({
        id,
        type: i % 2 ? "label-changed" : "label-applied",
        time: "2026-05-05T12:00:00Z",
        app: "Word",
        labelId,
        oldLabelId: i % 2 ? t.doc.labels[3].id : null,
        downgrade: i % 2 === 1,
        justification: i % 2 ? { reason: `reason ${t.secrets[1]}` } : null,
        itemName: `file of ${t.secrets[1]}.docx`,
      }));
      const res = await call(server.url, "/api/v1/audit", {
        method: "POST",
        token: t.user,
        body: { events },
      });
      expect(res.json).toEqual({ received: 5, accepted: 5, duplicates: 0 });
    }

    const paths = [
      "/api/v1/policy",
      "/api/v1/admin/policy",
      "/api/v1/admin/labels",
      "/api/v1/admin/policies",
      "/api/v1/admin/policy/versions",
      "/api/v1/admin/policy/versions/1",
      "/api/v1/admin/graph/export",
      "/api/v1/reports/labels?from=2026-05-01&to=2026-05-31",
      "/api/v1/reports/daily?from=2026-05-01&to=2026-05-31",
      "/api/v1/reports/downgrades?from=2026-05-01&to=2026-05-31",
      "/api/v1/reports/blocked-sends?from=2026-05-01&to=2026-05-31",
      "/api/v1/reports/unlabeled?from=2026-05-01&to=2026-05-31",
    ];
    for (const t of tenants) {
      const others = tenants.filter((o) => o !== t).flatMap((o) => o.secrets);
      for (const path of paths) {
        const res = await call(server.url, path, {
          token: path.includes("/admin/") || path.includes("/reports/") ? t.admin : t.user,
        });
        expect(res.status).toBe(200);
        for (const secret of others) {
          if (res.text.includes(secret))
            throw new Error(`${path} for tenant ${t.id} contains ${secret} of another tenant`);
        }
      }
      const own = await call(server.url, "/api/v1/reports/downgrades?from=2026-05-01&to=2026-05-31", {
        token: t.admin,
      });
      expect(own.json.recent).toHaveLength(2);
      expect(own.json.byReason).toEqual([{ reason: `reason ${t.secrets[1]}`, count: 2 }]);
    }
  });

  test("an admin cannot write another tenant's configuration, even with its siteId", async () => {
    const [a, b] = tenants;
    const hijack = { ...b.doc, name: "hijacked" };
    const res = await call(server.url, "/api/v1/admin/policy", {
      method: "PUT",
      token: a.admin,
      body: hijack,
      headers: { "if-match": '"1"' },
    });
    expect(res.status).toBe(400);
    expect(res.json.issues[0]).toMatchObject({ path: "siteId", rule: "tenant-mismatch" });
    const still = await call(server.url, "/api/v1/admin/policy", { token: b.admin });
    expect(still.json.name).toBe(b.doc.name);
    expect(still.headers.get("etag")).toBe('"1"');
  });
});
