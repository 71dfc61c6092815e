/**
 * The key escrow over real HTTP on SQLite and PostgreSQL: escrow, release to rights holders and super
 * users only, tenant isolation, revocation, KEK rotation, the audit rows and the protection report.
 */
import { randomUUID } from "node:crypto";
import { DEFAULT_LABEL_IDS as L } from "../../../src/core/policy";
import { SqlStore } from "../../../src/server/storage/sql";
import type { Store } from "../../../src/server/storage/store";
import { ENGINES, type Engine } from "../support/engines";
import { entraToken, startFakeEntra, type FakeEntra } from "../support/entra";
import { call, startTestServer, testConfig, type TestServer } from "../support/server";
import {
  PROTECTED_LABEL,
  RECOVERY_UPN,
  RIGHTS_GROUP,
  kek,
  newKeyId,
  protectedTenant,
  writeTenant,
} from "./support";

const A = randomUUID();
const B = randomUUID();
const PASSWORD = "s3cret-file-password-0123456789";

describe.each(ENGINES)("key escrow on %s", (_name, factory) => {
  let entra: FakeEntra;
  let engine: Engine;
  let store: Store;
  const servers: TestServer[] = [];
  const tokens: Record<string, string> = {};
  const kekOne = kek("one");
  const kekTwo = kek("two");

  const start = async (env: Record<string, string>) => {
    const s = await startTestServer(testConfig([A, B], entra.jwksTemplate, env), store);
    servers.push(s);
    return s.url;
  };

  beforeAll(async () => {
    entra = await startFakeEntra();
    engine = await factory();
    store = engine.open();
    await store.migrate();
    await writeTenant(store, protectedTenant(A));
    await writeTenant(store, protectedTenant(B));
    const token = (tid: string, upn: string, extra: { groups?: string[]; roles?: string[] } = {}) =>
      entraToken(entra.key, { tid, oid: randomUUID(), preferred_username: upn, ...extra });
    tokens.writer = await token(A, "scanner@contoso.com");
    tokens.holder = await token(A, "ana@contoso.com", { groups: [RIGHTS_GROUP] });
    tokens.outsider = await token(A, "olly@contoso.com", { groups: ["some-other-group"] });
    tokens.recovery = await token(A, RECOVERY_UPN);
    tokens.admin = await token(A, "dana@contoso.com", { roles: ["Labelbridge.Admin"] });
    tokens.otherTenant = await token(B, "bo@fabrikam.com", { groups: [RIGHTS_GROUP] });
  });

  afterAll(async () => {
    for (const s of servers) await s.close();
    await store?.close();
    await engine?.dispose();
    await entra?.close();
  });

  const escrow = (url: string, keyId: string, labelId: string = PROTECTED_LABEL, token = tokens.writer) =>
    call(url, "/api/v1/protection/keys", {
      method: "POST",
      token,
      body: { keyId, labelId, password: PASSWORD, itemName: "budget.xlsx" },
    });
  const release = (url: string, keyId: string, token: string) =>
    call(url, `/api/v1/protection/keys/${keyId}/release`, { method: "POST", token, body: {} });

  test("keeps a key for a Labelbridge label, once, and never for another kind of label", async () => {
    const url = await start({ LABELBRIDGE_KEK: kekOne });
    const keyId = newKeyId();
    expect((await escrow(url, keyId)).status).toBe(201);
    const again = await escrow(url, keyId);
    expect([again.status, again.json.code]).toEqual([409, "key-exists"]);
    const general = await escrow(url, newKeyId(), L.general);
    expect([general.status, general.json.code]).toEqual([400, "label-not-protected"]);
    expect(general.json.message).toBe(
      'label "General" does not protect with Labelbridge; no key is kept for it',
    );
    const bad = await call(url, "/api/v1/protection/keys", {
      method: "POST",
      token: tokens.writer,
      body: { keyId: "not-hex", labelId: PROTECTED_LABEL, password: PASSWORD },
    });
    expect([bad.status, bad.json.message]).toEqual([
      400,
      "keyId: must be the file's key id: 32 lower-case hex digits",
    ]);
  });

  test("releases to a rights-group member and a super user; refuses others; other tenants never find it", async () => {
    const url = await start({ LABELBRIDGE_KEK: kekOne });
    const keyId = newKeyId();
    await escrow(url, keyId);

    const holder = await release(url, keyId, tokens.holder);
    expect([holder.status, holder.json.password, holder.json.grant]).toEqual([
      200,
      PASSWORD,
      "rights-holder",
    ]);
    const recovery = await release(url, keyId, tokens.recovery);
    expect([recovery.status, recovery.json.grant]).toEqual([200, "super-user"]);

    const outsider = await release(url, keyId, tokens.outsider);
    expect([outsider.status, outsider.json.code]).toEqual([403, "key-refused"]);
    expect(outsider.json.password).toBeUndefined();
    expect(outsider.json.message).toContain("not one of the rights holders");

    const foreign = await release(url, keyId, tokens.otherTenant);
    expect([foreign.status, foreign.json.code]).toEqual([404, "key-unknown"]);
    expect(foreign.json.password).toBeUndefined();
  });

  test("keeps keys wrapped at rest: the password is not in the database", async () => {
    const url = await start({ LABELBRIDGE_KEK: kekOne });
    const keyId = newKeyId();
    await escrow(url, keyId);
    const rows = await (store as SqlStore).executor.query(
      `SELECT wrapped_key, kek_id FROM protection_keys WHERE tenant_id = $1 AND key_id = $2`,
      [A, keyId],
    );
    expect(rows).toHaveLength(1);
    expect(String(rows[0].wrapped_key)).not.toContain(PASSWORD);
    expect(String(rows[0].wrapped_key)).not.toContain(Buffer.from(PASSWORD).toString("base64").slice(0, 12));
    expect(rows[0].kek_id).toBe("one");
  });

  test("rotates the KEK: retired keys still unwrap, rewrap moves them, then the old KEK can go", async () => {
    const first = await start({ LABELBRIDGE_KEK: kekOne });
    const keyId = newKeyId();
    await escrow(first, keyId);

    const withoutOld = await start({ LABELBRIDGE_KEK: kekTwo });
    const lost = await release(withoutOld, keyId, tokens.holder);
    expect([lost.status, lost.json.code]).toEqual([503, "key-unavailable"]);
    expect(lost.json.message).toContain("KEK 'one'");
    const keks = async (url: string, token = tokens.admin) =>
      call(url, "/api/v1/admin/protection/keks", { token });
    const status = async (url: string) => {
      const r = await keks(url);
      expect(r.status).toBe(200);
      const byKek = r.json.keys as { kekId: string; status: string; kept: number; revoked: number }[];
      return { current: r.json.current, retired: r.json.retired, one: byKek.find((k) => k.kekId === "one") };
    };
    const missing = await status(withoutOld);
    expect([missing.current, missing.retired, missing.one?.status]).toEqual(["two", [], "missing"]);
    expect(missing.one?.kept).toBeGreaterThanOrEqual(1);
    expect([(await keks(withoutOld, tokens.holder)).status]).toEqual([403]);

    const rotating = await start({ LABELBRIDGE_KEK: kekTwo, LABELBRIDGE_KEK_RETIRED: kekOne });
    const retired = await status(rotating);
    expect([retired.retired, retired.one?.status, retired.one?.kept]).toEqual([
      ["one"],
      "retired",
      missing.one?.kept,
    ]);
    expect((await release(rotating, keyId, tokens.holder)).json.password).toBe(PASSWORD);
    const rewrap = await call(rotating, "/api/v1/admin/protection/rewrap", {
      method: "POST",
      token: tokens.admin,
    });
    expect(rewrap.status).toBe(200);
    expect(rewrap.json.kekId).toBe("two");
    expect(rewrap.json.rewrapped).toBeGreaterThanOrEqual(1);

    const after = await start({ LABELBRIDGE_KEK: kekTwo });
    const rewrapped = await keks(after);
    expect(rewrapped.json.keys).toEqual([
      expect.objectContaining({ kekId: "two", status: "current", kept: expect.any(Number) }),
    ]);
    expect((await release(after, keyId, tokens.holder)).json.password).toBe(PASSWORD);
    const userRewrap = await call(after, "/api/v1/admin/protection/rewrap", {
      method: "POST",
      token: tokens.holder,
    });
    expect(userRewrap.status).toBe(403);
  });

  test("a revoked or discarded key is released to nobody, super users included", async () => {
    const url = await start({ LABELBRIDGE_KEK: kekOne });
    const revoked = newKeyId();
    await escrow(url, revoked);
    const r = await call(url, `/api/v1/admin/protection/keys/${revoked}/revoke`, {
      method: "POST",
      token: tokens.admin,
      body: { reason: "laptop lost" },
    });
    expect([r.status, r.json.revokeReason, r.json.wrapped]).toEqual([200, "laptop lost", undefined]);
    const refused = await release(url, revoked, tokens.recovery);
    expect([refused.status, refused.json.code]).toEqual([410, "key-revoked"]);
    expect(refused.json.message).toContain("(laptop lost)");

    const unused = newKeyId();
    await escrow(url, unused);
    const notMine = await call(url, `/api/v1/protection/keys/${unused}/discard`, {
      method: "POST",
      token: tokens.holder,
    });
    expect(notMine.status).toBe(404);
    expect(
      (await call(url, `/api/v1/protection/keys/${unused}/discard`, { method: "POST", token: tokens.writer }))
        .status,
    ).toBe(204);
    expect((await release(url, unused, tokens.holder)).status).toBe(410);
  });

  test("audits every release and refusal and reports protection usage per tenant", async () => {
    const url = await start({ LABELBRIDGE_KEK: kekOne });
    const keyId = newKeyId();
    await escrow(url, keyId);
    await release(url, keyId, tokens.holder);
    await release(url, keyId, tokens.recovery);
    await release(url, keyId, tokens.outsider);
    await release(url, newKeyId(), tokens.outsider);

    const report = await call(url, "/api/v1/reports/protection", { token: tokens.admin });
    expect(report.status).toBe(200);
    const kinds = Object.fromEntries(
      report.json.labels.map((l: { labelName: string; kind: string }) => [l.labelName, l.kind]),
    );
    expect(kinds).toMatchObject({
      "Highly Confidential \\ All Employees": "labelbridge",
      "Highly Confidential \\ Specified People": "purview",
    });
    expect(report.json.superUsers.users).toEqual([RECOVERY_UPN]);
    expect(report.json.totals.released).toBeGreaterThanOrEqual(2);
    expect(report.json.totals.superUserGrants).toBeGreaterThanOrEqual(1);
    const grant = report.json.superUserGrants.find((g: { keyId: string }) => g.keyId === keyId);
    expect(grant).toMatchObject({
      userName: RECOVERY_UPN,
      labelName: "Highly Confidential \\ All Employees",
    });
    const reasons = report.json.refusals.map((e: { reason: string }) => e.reason);
    expect(reasons).toEqual(expect.arrayContaining(["not-entitled", "key-unknown"]));
    expect(report.json.daily.some((d: { action: string }) => d.action === "escrowed")).toBe(true);

    const other = await call(url, "/api/v1/reports/protection", {
      token: await entraToken(entra.key, { tid: B, oid: randomUUID(), roles: ["Labelbridge.Admin"] }),
    });
    expect(other.json.totals.released).toBe(0);
    expect(other.json.refusals.some((e: { keyId: string }) => e.keyId === keyId)).toBe(false);
  });

  test("without a KEK an Entra deployment says how to turn escrow on", async () => {
    const url = await start({});
    const res = await escrow(url, newKeyId());
    expect([res.status, res.json.code]).toEqual([503, "key-escrow-not-configured"]);
    expect(res.json.message).toContain("LABELBRIDGE_KEK");
  });
});
