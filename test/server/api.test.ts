/**
 * Every route over real HTTP on loopback, against SQLite and against PostgreSQL (the PostgreSQL run
 * fails, never skips, when the database is unreachable).
 */
import { randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { DEFAULT_LABEL_IDS as L, DEFAULT_POLICY_ID, type TenantPolicy } from "../../src/core/policy";
import type { AuditEventInput } from "../../src/core/audit";
import type { Store } from "../../src/server/storage/store";
import { seedDefaultPolicies } from "../../src/server/seed";
import { ENGINES, type Engine } from "./support/engines";
import { entraToken, startFakeEntra, type FakeEntra } from "./support/entra";
import { call, startTestServer, testConfig, type TestServer } from "./support/server";

const TENANT = randomUUID();

function event(overrides: Partial<AuditEventInput> & { type: AuditEventInput["type"] }): AuditEventInput {
  return { id: randomUUID(), time: "2026-03-02T09:00:00Z", app: "Outlook", ...overrides };
}

describe.each(ENGINES)("policy backend on %s", (_name, factory) => {
  let entra: FakeEntra;
  let engine: Engine;
  let store: Store;
  let server: TestServer;
  let second: TestServer;
  let user: string;
  let admin: string;
  let otherAdmin: string;
  const adminOid = randomUUID();
  const otherAdminOid = randomUUID();

  const startOn = async (s: Store, env: Record<string, string> = {}) => {
    const config = testConfig([TENANT], entra.jwksTemplate, env);
    mkdirSync(config.staticDir, { recursive: true });
    writeFileSync(`${config.staticDir}/taskpane.html`, "<!doctype html><title>Labelbridge</title>");
    writeFileSync(`${config.staticDir}/commands.js`, "/* ribbon commands */");
    mkdirSync(`${config.staticDir}/events`, { recursive: true });
    writeFileSync(`${config.staticDir}/events/launchevent.js`, "/* event handlers */");
    return startTestServer(config, s);
  };

  beforeAll(async () => {
    entra = await startFakeEntra();
    engine = await factory();
    store = engine.open();
    await store.migrate();
    expect(await seedDefaultPolicies(store, [TENANT])).toEqual([TENANT]);
    server = await startOn(store);
    // A second instance on the same database: nothing may depend on which one answers.
    second = await startOn(store);
    user = await entraToken(entra.key, {
      tid: TENANT,
      oid: randomUUID(),
      preferred_username: "sam@contoso.com",
    });
    admin = await entraToken(entra.key, {
      tid: TENANT,
      oid: adminOid,
      name: "Dana",
      preferred_username: "dana@contoso.com",
      roles: ["Labelbridge.Admin"],
    });
    otherAdmin = await entraToken(entra.key, {
      tid: TENANT,
      oid: otherAdminOid,
      preferred_username: "kim@contoso.com",
      roles: ["Labelbridge.Admin"],
    });
  });

  afterAll(async () => {
    await server?.close();
    await second?.close();
    await store?.close();
    await engine?.dispose();
    await entra?.close();
  });

  test("healthz answers without the database, readyz names it", async () => {
    expect((await call(server.url, "/healthz")).json).toEqual({ status: "ok" });
    const ready = await call(server.url, "/readyz");
    expect(ready.status).toBe(200);
    expect(ready.json).toEqual({ status: "ready", database: engine.name });
  });

  test("GET /policy: the default taxonomy, ETag and 304", async () => {
    const first = await call(server.url, "/api/v1/policy", { token: user });
    expect(first.status).toBe(200);
    expect(first.json.siteId).toBe(TENANT);
    expect(first.json.policyVersion).toBe(1);
    expect(first.json.phase).toBe("advance");
    expect(first.json.labels.map((l: { name: string }) => l.name)).toEqual([
      "Personal",
      "Public",
      "General",
      "Confidential",
      "Confidential_Anyone",
      "Confidential_AllEmployees",
      "Confidential_TrustedPeople",
      "HighlyConfidential",
      "HighlyConfidential_AllEmployees",
      "HighlyConfidential_SpecifiedPeople",
    ]);
    expect(first.json.settings.defaultMailLabel).toBe(L.general);
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(first.headers.get("cache-control")).toBe("private, max-age=60, must-revalidate");
    expect(first.headers.get("vary")).toContain("Authorization");

    // Same bytes and ETag from the other instance.
    const other = await call(second.url, "/api/v1/policy", { token: user });
    expect(other.headers.get("etag")).toBe(etag);
    expect(other.text).toBe(first.text);

    const cached = await call(server.url, "/api/v1/policy", {
      token: user,
      headers: { "if-none-match": etag },
    });
    expect(cached.status).toBe(304);
    expect(cached.text).toBe("");
    expect(cached.headers.get("etag")).toBe(etag);
  });

  test("admin renames General to Internal; users see it at once where it was saved, within the policy cache time everywhere", async () => {
    // An instance that asks the database on every request (LABELBRIDGE_POLICY_CACHE_MS=0).
    const strict = await startOn(store, { LABELBRIDGE_POLICY_CACHE_MS: "0" });
    try {
      const before = await call(server.url, "/api/v1/policy", { token: user });
      const oldTag = before.headers.get("etag")!;
      for (const instance of [second, strict])
        expect((await call(instance.url, "/api/v1/policy", { token: user })).headers.get("etag")).toBe(
          oldTag,
        );
      const got = await call(server.url, "/api/v1/admin/policy", { token: admin });
      expect(got.status).toBe(200);
      expect(got.headers.get("etag")).toBe('"1"');
      const doc = got.json as TenantPolicy;
      const general = doc.labels.find((l) => l.id === L.general)!;
      general.displayName = "Internal";
      general.tooltip = "Anything about our work that is not for the public.";
      const put = await call(server.url, "/api/v1/admin/policy", {
        method: "PUT",
        token: admin,
        body: doc,
        headers: { "if-match": '"1"' },
      });
      expect(put.status).toBe(200);
      const savedAt = Date.now();
      expect(put.headers.get("etag")).toBe('"2"');
      expect(put.json.labels.find((l: { id: string }) => l.id === L.general).displayName).toBe("Internal");

      const conditional = { token: user, headers: { "if-none-match": oldTag } };
      for (const instance of [server, strict]) {
        const after = await call(instance.url, "/api/v1/policy", conditional);
        expect(after.status).toBe(200);
        expect(after.json.policyVersion).toBe(2);
        expect(after.json.labels.find((l: { id: string }) => l.id === L.general).displayName).toBe(
          "Internal",
        );
      }

      // The other instance cached version 1 a moment ago: it may confirm the old ETag until its
      // window (1 s by default) runs out, never longer, and never serves anything in between.
      let after = await call(second.url, "/api/v1/policy", conditional);
      while (after.status === 304 && Date.now() - savedAt < 3000) {
        expect(after.headers.get("etag")).toBe(oldTag);
        await new Promise((r) => setTimeout(r, 50));
        after = await call(second.url, "/api/v1/policy", conditional);
      }
      expect(after.status).toBe(200);
      expect(Date.now() - savedAt).toBeLessThan(server.config.policyCacheMs + 1000);
      expect(after.json.policyVersion).toBe(2);
      expect(after.json.labels.find((l: { id: string }) => l.id === L.general).displayName).toBe("Internal");
    } finally {
      await strict.close();
    }
  });

  test("an invalid policy is refused with path and rule; the active version stays", async () => {
    const doc = (await call(server.url, "/api/v1/admin/policy", { token: admin })).json as TenantPolicy;
    const policyBefore = (await call(server.url, "/api/v1/policy", { token: user })).text;
    doc.policies[0].settings.defaultDocumentLabel = L.confidential; // a parent with sublabels
    const put = await call(server.url, "/api/v1/admin/policy", {
      method: "PUT",
      token: admin,
      body: doc,
      headers: { "if-match": '"2"' },
    });
    expect(put.status).toBe(400);
    expect(put.json.code).toBe("invalid-policy");
    expect(put.json.issues).toContainEqual({
      path: "policies[0].settings.defaultDocumentLabel",
      rule: "parent-not-appliable",
      message: expect.stringContaining("is a parent with sublabels"),
    });
    expect(put.json.message).toMatch(/^policies\[0\]\.settings\.defaultDocumentLabel: .*nothing was saved$/);

    const schemaError = await call(server.url, "/api/v1/admin/policy", {
      method: "PUT",
      token: admin,
      body: { ...doc, labels: [{ ...doc.labels[0], color: "red" }, ...doc.labels.slice(1)] },
      headers: { "if-match": '"2"' },
    });
    expect(schemaError.status).toBe(400);
    expect(schemaError.json.issues[0]).toMatchObject({
      path: "labels[0].color",
      rule: "schema.invalid_string",
    });

    const current = await call(server.url, "/api/v1/admin/policy", { token: admin });
    expect(current.headers.get("etag")).toBe('"2"');
    expect((await call(server.url, "/api/v1/policy", { token: user })).text).toBe(policyBefore);
  });

  test("writes need a precondition and the caller's own tenant", async () => {
    const doc = (await call(server.url, "/api/v1/admin/policy", { token: admin })).json as TenantPolicy;
    const none = await call(server.url, "/api/v1/admin/policy", { method: "PUT", token: admin, body: doc });
    expect(none.status).toBe(428);
    expect(none.json.code).toBe("if-match-required");
    const bad = await call(server.url, "/api/v1/admin/policy", {
      method: "PUT",
      token: admin,
      body: doc,
      headers: { "if-match": "latest" },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.code).toBe("invalid-if-match");
    const create = await call(server.url, "/api/v1/admin/policy", {
      method: "PUT",
      token: admin,
      body: doc,
      headers: { "if-none-match": "*" },
    });
    expect(create.status).toBe(412);
    const foreign = await call(server.url, "/api/v1/admin/policy", {
      method: "PUT",
      token: admin,
      body: { ...doc, siteId: randomUUID() },
      headers: { "if-match": '"2"' },
    });
    expect(foreign.status).toBe(400);
    expect(foreign.json.issues).toEqual([
      { path: "siteId", rule: "tenant-mismatch", message: expect.stringContaining(TENANT) },
    ]);
  });

  test("two admins edit the same version on two instances: one 200, one 412, nothing lost", async () => {
    const base = (await call(server.url, "/api/v1/admin/policy", { token: admin })).json as TenantPolicy;
    const version = 2;
    const mine = structuredClone(base);
    mine.labels.find((l) => l.id === L.public)!.tooltip = "Dana's wording";
    const theirs = structuredClone(base);
    theirs.labels.find((l) => l.id === L.personal)!.tooltip = "Kim's wording";
    const [a, b] = await Promise.all([
      call(server.url, "/api/v1/admin/policy", {
        method: "PUT",
        token: admin,
        body: mine,
        headers: { "if-match": `"${version}"` },
      }),
      call(second.url, "/api/v1/admin/policy", {
        method: "PUT",
        token: otherAdmin,
        body: theirs,
        headers: { "if-match": `"${version}"` },
      }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 412]);
    const [winner, loser] = a.status === 200 ? [a, b] : [b, a];
    const winnerName = a.status === 200 ? "dana@contoso.com" : "kim@contoso.com";
    expect(loser.json.code).toBe("version-conflict");
    expect(loser.json.currentVersion).toBe(3);
    expect(loser.json.message).toContain(winnerName);
    expect(loser.headers.get("etag")).toBe('"3"');
    const now = (await call(server.url, "/api/v1/admin/policy", { token: admin })).json;
    expect(now).toEqual(winner.json);
    const versions = (await call(server.url, "/api/v1/admin/policy/versions", { token: admin })).json
      .versions;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([3, 2, 1]);

    // The loser reloads and reapplies: both edits survive.
    const retry = structuredClone(now as TenantPolicy);
    const danaLost = a.status !== 200;
    if (danaLost) retry.labels.find((l) => l.id === L.public)!.tooltip = "Dana's wording";
    else retry.labels.find((l) => l.id === L.personal)!.tooltip = "Kim's wording";
    const again = await call(server.url, "/api/v1/admin/policy", {
      method: "PUT",
      token: danaLost ? admin : otherAdmin,
      body: retry,
      headers: { "if-match": '"3"' },
    });
    expect(again.status).toBe(200);
    const final = again.json as TenantPolicy;
    expect(final.labels.find((l) => l.id === L.public)!.tooltip).toBe("Dana's wording");
    expect(final.labels.find((l) => l.id === L.personal)!.tooltip).toBe("Kim's wording");
  });

  test("labels and policies are addressable parts of the same versioned document", async () => {
    const labels = await call(server.url, "/api/v1/admin/labels", { token: admin });
    expect(labels.headers.get("etag")).toBe('"4"');
    const edited = labels.json.map((l: { id: string; tooltip: string }) =>
      l.id === L.highlyConfidential ? { ...l, tooltip: "Board only." } : l,
    );
    const put = await call(server.url, "/api/v1/admin/labels", {
      method: "PUT",
      token: admin,
      body: edited,
      headers: { "if-match": '"4"' },
    });
    expect(put.status).toBe(200);
    expect(put.headers.get("etag")).toBe('"5"');
    expect(put.json.find((l: { id: string }) => l.id === L.highlyConfidential).tooltip).toBe("Board only.");

    const policies = await call(server.url, "/api/v1/admin/policies", { token: admin });
    const pilot = {
      id: randomUUID(),
      name: "Pilot",
      scope: { groups: ["pilot-group"] },
      priority: 10,
      phase: "deploy",
      labels: [L.public, L.general],
    };
    const put2 = await call(server.url, "/api/v1/admin/policies", {
      method: "PUT",
      token: admin,
      body: [...policies.json, pilot],
      headers: { "if-match": '"5"' },
    });
    expect(put2.status).toBe(200);
    expect(put2.json).toHaveLength(2);
    const badPolicies = await call(server.url, "/api/v1/admin/policies", {
      method: "PUT",
      token: admin,
      body: [{ ...pilot, labels: [L.confidential] }, policies.json[0]],
      headers: { "if-match": '"6"' },
    });
    expect(badPolicies.status).toBe(200); // publishing a parent is allowed; only defaults must be appliable

    // A pilot member gets the pilot's phase (winner by priority); others keep the default policy.
    const pilotUser = await entraToken(entra.key, {
      tid: TENANT,
      oid: randomUUID(),
      groups: ["pilot-group", "unrelated"],
    });
    const pilotPolicy = await call(server.url, "/api/v1/policy", { token: pilotUser });
    expect(pilotPolicy.json.phase).toBe("deploy");
    expect(pilotPolicy.json.settings.mandatoryMail).toBe(false);
    const everyone = await call(server.url, "/api/v1/policy", { token: user });
    expect(everyone.json.phase).toBe("advance");
    expect(everyone.headers.get("etag")).not.toBe(pilotPolicy.headers.get("etag"));
  });

  test("history keeps actor, time, before and after; rollback restores any version", async () => {
    const list = await call(server.url, "/api/v1/admin/policy/versions?limit=2", { token: admin });
    expect(list.json.versions.map((v: { version: number }) => v.version)).toEqual([7, 6]);
    const older = await call(server.url, "/api/v1/admin/policy/versions?before=3", { token: admin });
    expect(older.json.versions.map((v: { version: number; kind: string }) => [v.version, v.kind])).toEqual([
      [2, "replace"],
      [1, "seed"],
    ]);
    const v2 = await call(server.url, "/api/v1/admin/policy/versions/2", { token: admin });
    expect(v2.json.actor).toEqual({ id: adminOid, name: "dana@contoso.com" });
    expect(v2.json.basedOn).toBe(1);
    expect(Date.parse(v2.json.createdAt)).toBeGreaterThan(Date.now() - 600_000);
    expect(v2.json.before.labels.find((l: { id: string }) => l.id === L.general).displayName).toBe("General");
    expect(v2.json.after.labels.find((l: { id: string }) => l.id === L.general).displayName).toBe("Internal");
    expect((await call(server.url, "/api/v1/admin/policy/versions/99", { token: admin })).status).toBe(404);
    expect((await call(server.url, "/api/v1/admin/policy/versions/abc", { token: admin })).status).toBe(400);

    const rollback = await call(server.url, "/api/v1/admin/policy/rollback", {
      method: "POST",
      token: admin,
      body: { version: 1 },
      headers: { "if-match": '"7"' },
    });
    expect(rollback.status).toBe(200);
    expect(rollback.json).toEqual({ version: 8, restored: 1, etag: '"8"' });
    const v1 = (await call(server.url, "/api/v1/admin/policy/versions/1", { token: admin })).json.after;
    expect((await call(server.url, "/api/v1/admin/policy", { token: admin })).json).toEqual(v1);
    const stale = await call(server.url, "/api/v1/admin/policy/rollback", {
      method: "POST",
      token: admin,
      body: { version: 2 },
      headers: { "if-match": '"7"' },
    });
    expect(stale.status).toBe(412);
  });

  test("Graph export imports back unchanged; an import edit becomes a version; bad input names the path", async () => {
    const exported = await call(server.url, "/api/v1/admin/graph/export", { token: admin });
    expect(exported.status).toBe(200);
    const confidential = exported.json.labels.value.find((l: { id: string }) => l.id === L.confidential);
    expect(confidential.isAppliable).toBe(false);
    expect(confidential.sublabels.map((s: { name: string }) => s.name)).toEqual([
      "Confidential_Anyone",
      "Confidential_AllEmployees",
      "Confidential_TrustedPeople",
    ]);
    expect(exported.json.labelPolicySettings).toMatchObject({
      id: DEFAULT_POLICY_ID,
      isMandatory: true,
      isDowngradeJustificationRequired: true,
      defaultLabel: { id: L.general, name: "General" },
    });
    const before = (await call(server.url, "/api/v1/admin/policy", { token: admin })).json;
    const roundTrip = await call(server.url, "/api/v1/admin/graph/import", {
      method: "POST",
      token: admin,
      body: { ...exported.json, policyId: DEFAULT_POLICY_ID },
      headers: { "if-match": '"8"' },
    });
    expect(roundTrip.status).toBe(200);
    expect(roundTrip.json.warnings).toEqual([]);
    expect(roundTrip.json.policy).toEqual(before);

    const list = structuredClone(exported.json.labels);
    list.value.find((l: { id: string }) => l.id === L.public).tooltip = "Approved for anyone.";
    const edit = await call(server.url, "/api/v1/admin/graph/import", {
      method: "POST",
      token: admin,
      body: { labels: list, labelPolicySettings: { isMandatory: false, defaultLabel: null } },
      headers: { "if-match": '"9"' },
    });
    expect(edit.status).toBe(200);
    expect(edit.headers.get("etag")).toBe('"10"');
    const policy = edit.json.policy as TenantPolicy;
    expect(policy.labels.find((l) => l.id === L.public)!.tooltip).toBe("Approved for anyone.");
    expect(policy.policies[0].settings).toMatchObject({
      mandatoryDocuments: false,
      mandatoryMail: false,
      defaultDocumentLabel: null,
    });
    // Graph knows nothing of markings: ours survive the import.
    expect(
      policy.labels.find((l) => l.id === L.highlyConfidentialAllEmployees)!.marking.watermark?.text,
    ).toBe("HIGHLY CONFIDENTIAL");

    const bad = await call(server.url, "/api/v1/admin/graph/import", {
      method: "POST",
      token: admin,
      body: { labels: { value: [{ id: "not-a-guid", name: "X" }] } },
      headers: { "if-match": '"10"' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.issues).toEqual([
      { path: "labels.value[0].id", rule: "graph.not-a-guid", message: "'not-a-guid' is not a label GUID" },
    ]);
    expect((await call(server.url, "/api/v1/admin/policy", { token: admin })).headers.get("etag")).toBe(
      '"10"',
    );
    const unknownPolicy = await call(server.url, "/api/v1/admin/graph/export?policyId=" + randomUUID(), {
      token: admin,
    });
    expect(unknownPolicy.status).toBe(404);
  });

  test("POST /audit stores a batch once, refuses a bad one whole and names the event", async () => {
    const batch = [
      event({ type: "label-applied", labelId: L.general, time: "2026-03-02T09:00:00Z" }),
      event({ type: "label-applied", labelId: L.general, time: "2026-03-02T10:00:00+01:00", app: "Word" }),
      event({
        type: "label-changed",
        oldLabelId: L.confidentialAllEmployees,
        labelId: L.public,
        downgrade: true,
        justification: { reason: "Previous label was incorrect" },
        itemName: "Q3 numbers.docx",
        app: "Word",
      }),
      event({
        type: "label-removed",
        oldLabelId: L.public,
        downgrade: true,
        justification: { reason: "Other", text: "Sent to the printer" },
      }),
      event({ type: "send-blocked", reason: "mandatory-label-missing", time: "2026-03-03T08:00:00Z" }),
      event({ type: "send-blocked", reason: "mandatory-label-missing", time: "2026-03-03T08:30:00Z" }),
      event({ type: "unlabeled-document", app: "Excel", time: "2026-03-03T11:00:00Z" }),
    ];
    const first = await call(server.url, "/api/v1/audit", {
      method: "POST",
      token: user,
      body: { events: batch },
    });
    expect(first.status).toBe(202);
    expect(first.json).toEqual({ received: 7, accepted: 7, duplicates: 0 });
    const retry = await call(second.url, "/api/v1/audit", {
      method: "POST",
      token: user,
      body: { events: batch },
    });
    expect(retry.json).toEqual({ received: 7, accepted: 0, duplicates: 7 });

    const bad = await call(server.url, "/api/v1/audit", {
      method: "POST",
      token: user,
      body: {
        events: [
          event({ type: "label-applied", time: "2026-03-04T00:00:00Z" }),
          { ...event({ type: "label-applied" }), labelId: "General" },
        ],
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.code).toBe("invalid-audit-batch");
    expect(bad.json.issues).toEqual([
      { path: "events[1].labelId", rule: "schema.invalid_string", message: "must be a lower-case GUID" },
    ]);
    expect(bad.json.message).toBe("events[1].labelId: must be a lower-case GUID; nothing was stored");
    const tooMany = await call(server.url, "/api/v1/audit", {
      method: "POST",
      token: user,
      body: { events: Array.from({ length: 501 }, () => event({ type: "label-applied" })) },
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.json.issues[0]).toMatchObject({ path: "events", rule: "schema.too_big" });
    expect((await call(server.url, "/api/v1/audit", { method: "POST", token: user, body: [] })).status).toBe(
      400,
    );
    const daily = await call(server.url, "/api/v1/reports/daily?from=2026-03-04&to=2026-03-04", {
      token: admin,
    });
    expect(daily.json.days).toEqual([]);
  });

  test("reports aggregate the tenant's audit events", async () => {
    const q = "?from=2026-03-01&to=2026-03-03";
    const labels = await call(server.url, `/api/v1/reports/labels${q}`, { token: admin });
    expect(labels.status).toBe(200);
    expect(labels.json.period).toEqual({ from: "2026-03-01", to: "2026-03-03" });
    expect(labels.json.labels).toEqual([
      { labelId: L.general, labelName: "General", applied: 2, changed: 0, removed: 0 },
      { labelId: L.public, labelName: "Public", applied: 0, changed: 1, removed: 1 },
    ]);
    const daily = await call(server.url, `/api/v1/reports/daily${q}`, { token: admin });
    expect(daily.json.days).toEqual([
      { day: "2026-03-02", type: "label-applied", count: 2 },
      { day: "2026-03-02", type: "label-changed", count: 1 },
      { day: "2026-03-02", type: "label-removed", count: 1 },
      { day: "2026-03-03", type: "send-blocked", count: 2 },
      { day: "2026-03-03", type: "unlabeled-document", count: 1 },
    ]);
    const downgrades = await call(server.url, `/api/v1/reports/downgrades${q}`, { token: admin });
    expect(downgrades.json.byReason).toEqual([
      { reason: "Other", count: 1 },
      { reason: "Previous label was incorrect", count: 1 },
    ]);
    expect(downgrades.json.recent).toHaveLength(2);
    const changed = downgrades.json.recent.find(
      (r: { itemName: string | null }) => r.itemName === "Q3 numbers.docx",
    );
    expect(changed).toMatchObject({
      userName: "sam@contoso.com",
      app: "Word",
      oldLabelName: "Confidential \\ All Employees",
      labelName: "Public",
      reason: "Previous label was incorrect",
      text: null,
    });
    const blocked = await call(server.url, `/api/v1/reports/blocked-sends${q}`, { token: admin });
    expect(blocked.json.days).toEqual([{ day: "2026-03-03", reason: "mandatory-label-missing", count: 2 }]);
    const unlabeled = await call(server.url, `/api/v1/reports/unlabeled${q}`, { token: admin });
    expect(unlabeled.json.days).toEqual([{ day: "2026-03-03", app: "Excel", count: 1 }]);
    const outside = await call(server.url, "/api/v1/reports/daily?from=2026-02-01&to=2026-03-01", {
      token: admin,
    });
    expect(outside.json.days).toEqual([]);
    const badRange = await call(server.url, "/api/v1/reports/daily?from=2026-03-05&to=2026-03-01", {
      token: admin,
    });
    expect(badRange.status).toBe(400);
    expect(badRange.json.code).toBe("invalid-range");
    expect((await call(server.url, "/api/v1/reports/daily?from=March", { token: admin })).json.message).toBe(
      "from: 'March' is not a date like 2026-11-29",
    );
  });

  test("the same batch five times, across a restart, is stored exactly once", async () => {
    const batch = Array.from({ length: 50 }, (_, i) =>
      event({
        type: "label-applied",
        labelId: L.general,
        time: `2026-04-01T10:${String(i).padStart(2, "0")}:00Z`,
      }),
    );
    const send = (target: TestServer) =>
      call(target.url, "/api/v1/audit", { method: "POST", token: user, body: { events: batch } });
    const results = [await send(server), await send(second)];

    // Restart both instances and the database connection: nothing in memory survives.
    await server.close();
    await second.close();
    await store.close();
    store = engine.open();
    await store.migrate();
    server = await startOn(store);
    second = await startOn(store);

    results.push(...(await Promise.all([send(server), send(second), send(server)])));
    expect(results.map((r) => r.status)).toEqual([202, 202, 202, 202, 202]);
    expect(results.reduce((n, r) => n + r.json.accepted, 0)).toBe(50);
    expect(results[0].json.accepted).toBe(50);
    const daily = await call(server.url, "/api/v1/reports/daily?from=2026-04-01&to=2026-04-01", {
      token: admin,
    });
    expect(daily.json.days).toEqual([{ day: "2026-04-01", type: "label-applied", count: 50 }]);
  });

  test("users cannot reach admin routes or reports", async () => {
    for (const path of [
      "/api/v1/admin/policy",
      "/api/v1/admin/labels",
      "/api/v1/admin/graph/export",
      "/api/v1/reports/labels",
    ]) {
      const res = await call(server.url, path, { token: user });
      expect(res.status).toBe(403);
      expect(res.json.code).toBe("not-admin");
    }
    const put = await call(server.url, "/api/v1/admin/policy", {
      method: "PUT",
      token: user,
      body: {},
      headers: { "if-match": '"1"' },
    });
    expect(put.status).toBe(403);
  });

  test("bad requests get clear 4xx answers", async () => {
    const big = await call(server.url, "/api/v1/audit", {
      method: "POST",
      token: user,
      body: "x".repeat(1024 * 1024 + 10),
    });
    expect(big.status).toBe(413);
    expect(big.json.code).toBe("body-too-large");
    const broken = await call(server.url, "/api/v1/audit", {
      method: "POST",
      token: user,
      body: '{"events": [',
    });
    expect(broken.status).toBe(400);
    expect(broken.json.code).toBe("invalid-json");
    const missing = await call(server.url, "/api/v1/nothing", { token: user });
    expect(missing.status).toBe(404);
    expect(missing.json.message).toContain("/api/v1/nothing");
    const query = await call(server.url, "/api/v1/admin/policy/versions?limit=100000", { token: admin });
    expect(query.status).toBe(400);
    expect(query.json.message).toContain("limit");
  });

  test("static add-in files, the well-known file, CSP without X-Frame-Options, CORS allow-list, OpenAPI", async () => {
    const page = await call(server.url, "/taskpane.html");
    expect(page.status).toBe(200);
    expect(page.text).toContain("<title>Labelbridge</title>");
    const csp = page.headers.get("content-security-policy")!;
    expect(csp).toContain("frame-ancestors 'self' https://*.officeapps.live.com");
    expect(csp).toContain("script-src 'self' https://appsforoffice.microsoft.com");
    expect(page.headers.get("x-frame-options")).toBeNull();
    expect(page.headers.get("cross-origin-opener-policy")).toBe("same-origin-allow-popups");
    const api = await call(server.url, "/api/v1/policy", { token: user });
    expect(api.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(api.headers.get("x-content-type-options")).toBe("nosniff");
    const wellKnown = await call(server.url, "/.well-known/microsoft-officeaddins-allowed.json");
    expect(wellKnown.json).toEqual({
      allowed: ["https://labels.example.com/commands.js", "https://labels.example.com/events/launchevent.js"],
    });

    const preflight = await call(server.url, "/api/v1/policy", {
      method: "OPTIONS",
      headers: {
        origin: "https://labels.example.com",
        "access-control-request-method": "GET",
        "access-control-request-headers": "authorization",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("https://labels.example.com");
    const foreign = await call(server.url, "/api/v1/policy", {
      method: "OPTIONS",
      headers: { origin: "https://evil.example.net", "access-control-request-method": "GET" },
    });
    expect(foreign.headers.get("access-control-allow-origin")).toBeNull();

    const docs = await call(server.url, "/docs/json");
    expect(Object.keys(docs.json.paths)).toEqual(
      expect.arrayContaining([
        "/api/v1/policy",
        "/api/v1/audit",
        "/api/v1/admin/policy",
        "/api/v1/admin/graph/import",
        "/api/v1/reports/labels",
      ]),
    );
    expect((await call(server.url, "/docs")).status).toBe(200);
  });

  test("rate limit is per user", async () => {
    const limited = await startOn(store, { LABELBRIDGE_RATE_LIMIT: "3" });
    try {
      const other = await entraToken(entra.key, { tid: TENANT, oid: randomUUID() });
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++)
        statuses.push((await call(limited.url, "/api/v1/policy", { token: user })).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      expect((await call(limited.url, "/api/v1/policy", { token: other })).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
