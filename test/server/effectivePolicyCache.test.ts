/**
 * The per-instance policy cache: how long it trusts a version (LABELBRIDGE_POLICY_CACHE_MS), that a
 * write through the instance is served at once, that a read racing a write is not kept, and that no
 * answer ever reaches another tenant or a user the policy does not scope the same way. Unit tests
 * drive a clock against a real SQLite store; the HTTP tests run on SQLite and PostgreSQL.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  DEFAULT_LABEL_IDS as L,
  defaultTenantPolicy,
  resolveEffectivePolicy,
  policyScopesUser,
  validateTenantPolicy,
  type TenantPolicy,
} from "../../src/core/policy";
import type { Principal } from "../../src/server/auth/principal";
import { loadConfig, ConfigError } from "../../src/server/config";
import { EffectivePolicyCache } from "../../src/server/effectivePolicy";
import { openSqliteStore } from "../../src/server/storage/sqlite";
import type { Store } from "../../src/server/storage/store";
import { withWriteListener } from "../../src/server/storage/writeListener";
import { ENGINES, type Engine } from "./support/engines";
import { entraToken, startFakeEntra, type FakeEntra } from "./support/entra";
import { call, startTestServer, testConfig, type TestServer } from "./support/server";

const FINANCE = randomUUID();
const DRAFTERS = randomUUID();

/** The default taxonomy plus a finance policy (by group), a policy for one user by UPN and a draft. */
function scopedPolicy(tenantId: string, name = `Tenant ${tenantId.slice(0, 8)}`): TenantPolicy {
  const base = defaultTenantPolicy({ siteId: tenantId, name });
  const result = validateTenantPolicy({
    ...base,
    policies: [
      { ...base.policies[0], labels: [L.personal, L.public, L.general] },
      {
        id: randomUUID(),
        name: "Finance",
        scope: { groups: [FINANCE] },
        priority: 10,
        phase: "enforce",
        labels: [L.confidentialAllEmployees, L.highlyConfidentialAllEmployees],
        settings: { defaultDocumentLabel: L.confidentialAllEmployees },
      },
      {
        id: randomUUID(),
        name: "Named",
        scope: { users: ["Kim@Contoso.com"] },
        priority: 20,
        phase: "deploy",
        labels: [L.confidentialTrustedPeople],
      },
      {
        id: randomUUID(),
        name: "Draft",
        scope: { groups: [DRAFTERS] },
        priority: 30,
        phase: "define",
        labels: [L.highlyConfidentialSpecifiedPeople],
      },
    ],
  });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
}

function principal(tenantId: string, over: Partial<Principal> = {}): Principal {
  return {
    tenantId,
    userId: randomUUID(),
    groups: [],
    roles: [],
    isAdmin: false,
    expiresAt: Math.floor(Date.now() / 1000) + 3600,
    ...over,
  };
}

const parse = (r: { body: Buffer } | null) => JSON.parse(r!.body.toString("utf8"));

/** A real SQLite store that counts reads and can hold `currentVersion` until the test lets it go. */
class CountingStore {
  reads = 0;
  gate: Promise<void> | null = null;
  readonly store: Store;
  constructor(readonly inner: Store) {
    const currentVersion = async (tenantId: string) => {
      this.reads++;
      const answer = await inner.currentVersion(tenantId);
      if (this.gate) await this.gate;
      return answer;
    };
    this.store = new Proxy(inner, {
      get: (target, property, receiver) =>
        property === "currentVersion" ? currentVersion : Reflect.get(target, property, receiver),
    });
  }
}

async function save(store: Store, tenantId: string, document: TenantPolicy, expected: number | null) {
  const result = await store.writePolicy(tenantId, {
    expectedVersion: expected,
    document,
    actor: { id: "test", name: null },
    kind: expected === null ? "seed" : "replace",
    at: new Date().toISOString(),
  });
  if (!result.ok) throw new Error("write refused");
  return result.version;
}

describe("EffectivePolicyCache", () => {
  let dir: string;
  let db: Store;
  let counting: CountingStore;
  let clock = 0;
  const now = () => clock;
  const tenant = randomUUID();

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "labelbridge-cache-"));
    db = openSqliteStore({ path: join(dir, "cache.db") });
    await db.migrate();
    await save(db, tenant, scopedPolicy(tenant), null);
    counting = new CountingStore(db);
    clock = 1_000;
  });

  afterEach(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test("inside the window no query; a change saved elsewhere is served once the window ends", async () => {
    const cache = new EffectivePolicyCache(counting.store, { freshMs: 1000, now });
    const sam = principal(tenant);
    const first = await cache.forPrincipal(sam);
    expect(parse(first).policyVersion).toBe(1);
    expect(counting.reads).toBe(1);

    // Another instance saves version 2 (straight to the database, not through this cache).
    const doc = scopedPolicy(tenant, "Renamed tenant");
    await save(db, tenant, doc, 1);

    clock += 999;
    expect(cache.peek(sam)).toBe(first);
    expect(await cache.forPrincipal(sam)).toBe(first);
    expect(counting.reads).toBe(1);

    clock += 1;
    expect(cache.peek(sam)).toBeUndefined();
    const second = await cache.forPrincipal(sam);
    expect(counting.reads).toBe(2);
    expect(parse(second).policyVersion).toBe(2);
    expect(parse(second).tenantName).toBe("Renamed tenant");
    expect(second!.etag).not.toBe(first!.etag);
    // The window starts again from that query.
    clock += 500;
    expect(cache.peek(sam)).toBe(second);
  });

  test("an unchanged version is re-confirmed with one cheap query and keeps its answers", async () => {
    const cache = new EffectivePolicyCache(counting.store, { freshMs: 1000, now });
    const sam = principal(tenant);
    const first = await cache.forPrincipal(sam);
    clock += 5000;
    expect(await cache.forPrincipal(sam)).toBe(first);
    expect(counting.reads).toBe(2);
  });

  test("0 turns the window off: every request asks the database", async () => {
    const cache = new EffectivePolicyCache(counting.store, { freshMs: 0, now });
    const sam = principal(tenant);
    await cache.forPrincipal(sam);
    expect(cache.peek(sam)).toBeUndefined();
    await cache.forPrincipal(sam);
    await Promise.all([cache.forPrincipal(sam), cache.forPrincipal(sam)]);
    expect(counting.reads).toBe(4);
    await save(db, tenant, scopedPolicy(tenant, "At once"), 1);
    expect(parse(await cache.forPrincipal(sam)).tenantName).toBe("At once");
  });

  test("requests that miss together share one query", async () => {
    const cache = new EffectivePolicyCache(counting.store, { freshMs: 1000, now });
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => cache.forPrincipal(principal(tenant))),
    );
    expect(counting.reads).toBe(1);
    expect(new Set(answers.map((a) => a!.etag)).size).toBe(1);
  });

  test("a write through the instance is served at once, without waiting for the window", async () => {
    const cache = new EffectivePolicyCache(counting.store, { freshMs: 2000, now });
    const store = withWriteListener(counting.store, (t) => cache.invalidate(t));
    const sam = principal(tenant);
    const before = await cache.forPrincipal(sam);
    await save(store, tenant, scopedPolicy(tenant, "Saved here"), 1);
    expect(cache.peek(sam)).toBeUndefined();
    const after = await cache.forPrincipal(sam);
    expect(parse(after).tenantName).toBe("Saved here");
    expect(after!.etag).not.toBe(before!.etag);
    // A refused write (stale version) also drops what the instance knew.
    await cache.forPrincipal(sam);
    await expect(save(store, tenant, scopedPolicy(tenant), 1)).rejects.toThrow("write refused");
    expect(cache.peek(sam)).toBeUndefined();
  });

  test("a read that started before a local write is answered but not kept", async () => {
    const cache = new EffectivePolicyCache(counting.store, { freshMs: 1000, now });
    const store = withWriteListener(counting.store, (t) => cache.invalidate(t));
    const sam = principal(tenant);
    await cache.forPrincipal(sam);
    clock += 1000;
    let release!: () => void;
    counting.gate = new Promise((r) => (release = r));
    const racing = cache.forPrincipal(sam); // confirms version 1, then waits at the gate
    await new Promise((r) => setTimeout(r, 10));
    await save(store, tenant, scopedPolicy(tenant, "Won the race"), 1);
    counting.gate = null;
    release();
    expect(parse(await racing).policyVersion).toBe(1);
    const next = await cache.forPrincipal(sam);
    expect(parse(next).policyVersion).toBe(2);
    expect(parse(next).tenantName).toBe("Won the race");
    expect(cache.peek(sam)).toBe(next);
  });

  test("a tenant without configuration: null, and its first version saved here is served at once", async () => {
    const cache = new EffectivePolicyCache(counting.store, { freshMs: 1000, now });
    const store = withWriteListener(counting.store, (t) => cache.invalidate(t));
    const newcomer = randomUUID();
    const user = principal(newcomer);
    expect(await cache.forPrincipal(user)).toBeNull();
    expect(cache.peek(user)).toBeNull();
    await save(store, newcomer, scopedPolicy(newcomer, "Newcomer"), null);
    expect(parse(await cache.forPrincipal(user)).tenantName).toBe("Newcomer");
  });

  test("each tenant gets its own policy, never another's, with principals interleaved", async () => {
    const cache = new EffectivePolicyCache(counting.store, { freshMs: 1000, now });
    const others = Array.from({ length: 4 }, () => randomUUID());
    for (const t of others) await save(db, t, scopedPolicy(t, `Tenant ${t}`), null);
    const all = [tenant, ...others];
    const users = Array.from({ length: 40 }, (_, i) =>
      principal(all[i % all.length], { groups: i % 3 ? [FINANCE] : [] }),
    );
    for (let round = 0; round < 3; round++)
      for (const user of [...users].sort(() => Math.random() - 0.5)) {
        const body = (await cache.forPrincipal(user))!.body.toString("utf8");
        expect(JSON.parse(body).siteId).toBe(user.tenantId);
        for (const t of all) if (t !== user.tenantId) expect(body).not.toContain(t);
      }
  });

  test("users scoped differently get different answers; users scoped alike share one", async () => {
    const cache = new EffectivePolicyCache(counting.store, { freshMs: 1000, now });
    const plain = principal(tenant);
    const finance = principal(tenant, { groups: [randomUUID(), FINANCE] });
    const kim = principal(tenant, { upn: "kim@contoso.com" });
    const drafter = principal(tenant, { groups: [DRAFTERS] });
    const ids = (p: Principal) =>
      cache.forPrincipal(p).then((r) => parse(r).labels.map((l: { id: string }) => l.id));

    expect(await ids(plain)).toEqual([L.personal, L.public, L.general]);
    expect(await ids(finance)).toEqual(
      expect.arrayContaining([L.confidentialAllEmployees, L.highlyConfidentialAllEmployees]),
    );
    expect(await ids(finance)).not.toContain(L.confidentialTrustedPeople);
    expect(await ids(kim)).toContain(L.confidentialTrustedPeople);
    expect(await ids(kim)).not.toContain(L.confidentialAllEmployees);
    // Asking in the other order gives the same answers: nothing from one user sticks to the next.
    expect(await ids(plain)).toEqual([L.personal, L.public, L.general]);
    expect(parse(await cache.forPrincipal(finance)).settings.defaultDocumentLabel).toBe(
      L.confidentialAllEmployees,
    );
    expect(parse(await cache.forPrincipal(plain)).settings.defaultDocumentLabel).toBe(L.general);

    // A draft policy scopes the drafter but gives nothing yet: same bytes as everyone's.
    expect((await cache.forPrincipal(drafter))!.etag).toBe((await cache.forPrincipal(plain))!.etag);
    const etags = new Set(
      await Promise.all([plain, finance, kim].map((p) => cache.forPrincipal(p).then((r) => r!.etag))),
    );
    expect(etags.size).toBe(3);
    // Another user in the finance group, with another token, shares the finance bytes.
    const colleague = principal(tenant, { groups: [FINANCE] });
    expect(await cache.forPrincipal(colleague)).toBe(await cache.forPrincipal(finance));
  });

  test("core keeps the effective policy a function of the scoping policies only (what the cache keys on)", () => {
    const doc = scopedPolicy(randomUUID());
    const groupsPool = [FINANCE, DRAFTERS, randomUUID(), randomUUID()];
    const byKey = new Map<string, string>();
    for (let i = 0; i < 200; i++) {
      const user = {
        id: randomUUID(),
        upn: Math.random() < 0.3 ? (Math.random() < 0.5 ? "KIM@contoso.com" : "kim@contoso.com") : undefined,
        groups: groupsPool.filter(() => Math.random() < 0.4),
      };
      const key = doc.policies.map((p) => (policyScopesUser(p, user) ? "1" : "0")).join("");
      const json = JSON.stringify(resolveEffectivePolicy(doc, user));
      expect(json).not.toContain(user.id);
      if (byKey.has(key)) expect(json).toBe(byKey.get(key));
      else byKey.set(key, json);
    }
    expect(byKey.size).toBeGreaterThanOrEqual(4);
  });

  test("LABELBRIDGE_POLICY_CACHE_MS: 1000 by default, 0 to 2000 accepted", () => {
    const base = { LABELBRIDGE_AUTH: "dev", HOST: "127.0.0.1" };
    expect(loadConfig(base).policyCacheMs).toBe(1000);
    expect(loadConfig({ ...base, LABELBRIDGE_POLICY_CACHE_MS: "0" }).policyCacheMs).toBe(0);
    expect(loadConfig({ ...base, LABELBRIDGE_POLICY_CACHE_MS: "2000" }).policyCacheMs).toBe(2000);
    expect(() => loadConfig({ ...base, LABELBRIDGE_POLICY_CACHE_MS: "2001" })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, LABELBRIDGE_POLICY_CACHE_MS: "-1" })).toThrow(
      "LABELBRIDGE_POLICY_CACHE_MS=-1: must be a whole number from 0 to 2000",
    );
  });
});

describe.each(ENGINES)("policy cache over HTTP on %s", (_name, factory) => {
  let entra: FakeEntra;
  let engine: Engine;
  let store: Store;
  let a: TestServer;
  let b: TestServer;
  const tenant = randomUUID();
  const other = randomUUID();
  let admin: string;
  let plain: string;
  let finance: string;
  let stranger: string;

  beforeAll(async () => {
    entra = await startFakeEntra();
    engine = await factory();
    store = engine.open();
    await store.migrate();
    await save(store, tenant, scopedPolicy(tenant, "Cached tenant"), null);
    await save(store, other, scopedPolicy(other, "Other tenant"), null);
    const config = () =>
      testConfig([tenant, other], entra.jwksTemplate, { LABELBRIDGE_POLICY_CACHE_MS: "2000" });
    a = await startTestServer(config(), store);
    b = await startTestServer(config(), store);
    admin = await entraToken(entra.key, { tid: tenant, oid: randomUUID(), roles: ["Labelbridge.Admin"] });
    plain = await entraToken(entra.key, { tid: tenant, oid: randomUUID() });
    finance = await entraToken(entra.key, { tid: tenant, oid: randomUUID(), groups: [FINANCE] });
    stranger = await entraToken(entra.key, { tid: other, oid: randomUUID(), groups: [FINANCE] });
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await store?.close();
    await engine?.dispose();
    await entra?.close();
  });

  test("304 only for the current ETag: after a save here, the old ETag gets the new policy", async () => {
    const first = await call(a.url, "/api/v1/policy", { token: finance });
    expect(first.status).toBe(200);
    const oldTag = first.headers.get("etag")!;
    const again = await call(a.url, "/api/v1/policy", {
      token: finance,
      headers: { "if-none-match": oldTag },
    });
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(oldTag);
    expect(again.headers.get("vary")).toBe("Origin, Authorization");
    // Weak and listed forms of the same tag match too.
    const listed = await call(a.url, "/api/v1/policy", {
      token: finance,
      headers: { "if-none-match": `"nope", W/${oldTag}` },
    });
    expect(listed.status).toBe(304);

    const current = await call(a.url, "/api/v1/admin/policy", { token: admin });
    const doc = current.json as TenantPolicy;
    doc.name = "Renamed in place";
    const put = await call(a.url, "/api/v1/admin/policy", {
      method: "PUT",
      token: admin,
      body: doc,
      headers: { "if-match": current.headers.get("etag")! },
    });
    expect(put.status).toBe(200);

    const after = await call(a.url, "/api/v1/policy", {
      token: finance,
      headers: { "if-none-match": oldTag },
    });
    expect(after.status).toBe(200);
    expect(after.json.tenantName).toBe("Renamed in place");
    const newTag = after.headers.get("etag")!;
    expect(newTag).not.toBe(oldTag);
    expect(
      (await call(a.url, "/api/v1/policy", { token: finance, headers: { "if-none-match": newTag } })).status,
    ).toBe(304);

    // The other instance converges within its 2 s window and then agrees byte for byte.
    const deadline = Date.now() + 2000 + 1000;
    let seen = await call(b.url, "/api/v1/policy", { token: finance });
    while (seen.headers.get("etag") !== newTag && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      seen = await call(b.url, "/api/v1/policy", { token: finance });
    }
    expect(seen.headers.get("etag")).toBe(newTag);
    expect(seen.text).toBe(after.text);
  });

  test("another tenant's or another user's ETag never earns a 304", async () => {
    const mine = await call(a.url, "/api/v1/policy", { token: finance });
    const theirs = await call(a.url, "/api/v1/policy", { token: stranger });
    expect(theirs.json.siteId).toBe(other);
    expect(theirs.text).not.toContain(tenant);
    const plainReply = await call(a.url, "/api/v1/policy", {
      token: plain,
      headers: { "if-none-match": mine.headers.get("etag")! },
    });
    expect(plainReply.status).toBe(200);
    expect(plainReply.json.labels.map((l: { id: string }) => l.id)).toEqual([
      L.personal,
      L.public,
      L.general,
    ]);
    const strangerReply = await call(a.url, "/api/v1/policy", {
      token: stranger,
      headers: { "if-none-match": mine.headers.get("etag")! },
    });
    expect(strangerReply.status).toBe(200);
    expect(strangerReply.json.siteId).toBe(other);
  });
});
