/**
 * The custom information type routes over real HTTP, on SQLite and on PostgreSQL (which fails,
 * never skips, when unreachable): rule-package import and export, replace, refusal, the test box.
 */
import { randomUUID } from "node:crypto";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_LABEL_IDS as L, type TenantPolicy } from "../../src/core/policy";
import { importRulePackage } from "../../src/core/detect/rulePackage/import";
import { seedDefaultPolicies } from "../../src/server/seed";
import type { Store } from "../../src/server/storage/store";
import { ENGINES, type Engine } from "./support/engines";
import { entraToken, startFakeEntra, type FakeEntra } from "./support/entra";
import { call, startTestServer, testConfig, type TestServer } from "./support/server";

const TENANT = randomUUID();
const PACKAGE = readFileSync(join(__dirname, "../fixtures/rule-packages/wortell_HealthCare.xml"));
const BSN_TYPE = "33716ade-046c-425b-88e7-03e2b973d775";

describe.each(ENGINES)("custom information types on %s", (_name, factory) => {
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
    await seedDefaultPolicies(store, [TENANT]);
    const config = testConfig([TENANT], entra.jwksTemplate);
    mkdirSync(config.staticDir, { recursive: true });
    server = await startTestServer(config, store);
    admin = await entraToken(entra.key, {
      tid: TENANT,
      oid: randomUUID(),
      name: "Dana",
      roles: ["Labelbridge.Admin"],
    });
    user = await entraToken(entra.key, {
      tid: TENANT,
      oid: randomUUID(),
      preferred_username: "sam@contoso.com",
    });
  });

  afterAll(async () => {
    await server?.close();
    await store?.close();
    await engine?.dispose();
    await entra?.close();
  });

  const version = async () =>
    (await call(server.url, "/api/v1/admin/info-types", { token: admin })).headers.get("etag")!;

  const postPackage = (body: Blob | string, etag: string) =>
    fetch(`${server.url}/api/v1/admin/info-types/import`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${admin}`,
        "content-type": "application/octet-stream",
        "if-match": etag,
      },
      body,
    });

  test("imports a rule package as a new version with a report per entity; a bad one changes nothing", async () => {
    const empty = await call(server.url, "/api/v1/admin/info-types", { token: admin });
    expect(empty.status).toBe(200);
    expect(empty.json).toEqual([]);

    const broken = await postPackage("<RulePackage", empty.headers.get("etag")!);
    expect(broken.status).toBe(400);
    expect((await broken.json()).code).toBe("invalid-rule-package");
    expect(await version()).toBe(empty.headers.get("etag"));

    const res = await postPackage(new Blob([PACKAGE]), empty.headers.get("etag")!);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.infoTypes).toHaveLength(11);
    expect(
      body.entities.filter((e: { imported: boolean }) => !e.imported).map((e: { name: string }) => e.name),
    ).toEqual(["Custom - Netherlands ZIP Code + City", "Custom - healthcare cure set 2"]);
    expect(res.headers.get("etag")).not.toBe(empty.headers.get("etag"));

    const stale = await postPackage(new Blob([PACKAGE]), empty.headers.get("etag")!);
    expect(stale.status).toBe(412);
  });

  test("a condition naming an imported type reaches the user's policy with the type", async () => {
    const current = await call(server.url, "/api/v1/admin/policy", { token: admin });
    const doc = current.json as TenantPolicy;
    const labels = doc.labels.map((l) =>
      l.id === L.confidentialAllEmployees
        ? {
            ...l,
            conditions: [{ mode: "recommend" as const, sitId: BSN_TYPE, minCount: 1, minConfidence: 85 }],
          }
        : l,
    );
    const saved = await call(server.url, "/api/v1/admin/policy", {
      method: "PUT",
      token: admin,
      body: { ...doc, labels, policies: doc.policies.map((p) => ({ ...p, phase: "advance" })) },
      headers: { "if-match": current.headers.get("etag")! },
    });
    expect(saved.status).toBe(200);
    const mine = await call(server.url, "/api/v1/policy", { token: user });
    expect(mine.status).toBe(200);
    expect(mine.json.infoTypes.map((t: { id: string }) => t.id)).toEqual([BSN_TYPE]);
  });

  test("PUT refuses a catastrophic pattern naming type, pattern and why; the version stays", async () => {
    const before = await version();
    const types = (await call(server.url, "/api/v1/admin/info-types", { token: admin })).json;
    const evil = structuredClone(types);
    const passport = evil.find((t: { name: string }) => t.name === "Custom - Dutch Passport number");
    passport.elements[0].pattern = "([A-Z]?)*[0-9]";
    const res = await call(server.url, "/api/v1/admin/info-types", {
      method: "PUT",
      token: admin,
      body: evil,
      headers: { "if-match": before },
    });
    expect(res.status).toBe(400);
    expect(res.json.message).toMatch(
      /^infoTypes\[\d+\]\.elements\[0\]\.pattern: info type 'Custom - Dutch Passport number': pattern "\(\[A-Z\]\?\)\*\[0-9\]" of element 'regex_dutch_pasport' cannot be used: a repeated part can match nothing/,
    );
    expect(await version()).toBe(before);
  });

  test("exports UTF-16LE with a BOM that imports back to the same types", async () => {
    const types = (await call(server.url, "/api/v1/admin/info-types", { token: admin })).json;
    const res = await fetch(`${server.url}/api/v1/admin/info-types/export`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/xml; charset=utf-16");
    expect(JSON.parse(decodeURIComponent(res.headers.get("x-labelbridge-warnings")!))).toEqual([]);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([bytes[0], bytes[1]]).toEqual([0xff, 0xfe]);
    const back = importRulePackage(bytes);
    expect(back.rulePack.id).toBe(TENANT);
    expect(back.infoTypes).toEqual(types);
  });

  test("the test box shows matches with confidence, or the issues", async () => {
    const types = (await call(server.url, "/api/v1/admin/info-types", { token: admin })).json;
    const bsn = types.find((t: { id: string }) => t.id === BSN_TYPE);
    const ok = await call(server.url, "/api/v1/admin/info-types/test", {
      method: "POST",
      token: admin,
      body: { type: bsn, text: "Het BSN van de cliënt is 111222333." },
    });
    expect(ok.status).toBe(200);
    expect(ok.json).toEqual({
      ok: true,
      truncated: false,
      matches: [{ start: 25, end: 34, text: "111222333", confidence: 85 }],
    });
    const bad = await call(server.url, "/api/v1/admin/info-types/test", {
      method: "POST",
      token: admin,
      body: { type: { ...bsn, patterns: [] }, text: "x" },
    });
    expect(bad.json.ok).toBe(false);
    expect(bad.json.issues[0].path).toBe(".patterns");
    const forbidden = await call(server.url, "/api/v1/admin/info-types", { token: user });
    expect(forbidden.status).toBe(403);
  });
});
