/**
 * What every API request passes before its route: CORS (allow-list, preflights, nothing for
 * requests without Origin), the verified-token cache (a hit proves what a verification proves), the
 * role check and the per-user rate limit (429 with Retry-After; admins counted too; refused
 * tokens and preflights not counted). Unit tests drive the limiter's clock.
 */
import { randomUUID } from "node:crypto";
import type { Store } from "../../src/server/storage/store";
import { seedDefaultPolicies } from "../../src/server/seed";
import { HttpError } from "../../src/server/errors";
import { RateLimiter } from "../../src/server/rateLimit";
import { TokenCache } from "../../src/server/auth/plugin";
import type { Principal } from "../../src/server/auth/principal";
import { sqliteEngine, type Engine } from "./support/engines";
import { entraToken, startFakeEntra, type FakeEntra } from "./support/entra";
import { call, startTestServer, testConfig, type TestServer } from "./support/server";

const TENANT = randomUUID();
const PAGE = "https://labels.example.com";
const ADDIN = "https://addin.example.org";

describe("RateLimiter", () => {
  let clock = 0;
  const now = () => clock;

  const refusal = (limiter: RateLimiter, key: string): HttpError | null => {
    try {
      limiter.take(key);
      return null;
    } catch (err) {
      return err as HttpError;
    }
  };

  test("max requests per window and key, then 429 with Retry-After until the window ends", () => {
    clock = 10_000;
    const limiter = new RateLimiter({ max: 3, windowMs: 60_000, now });
    for (let i = 0; i < 3; i++) expect(refusal(limiter, "t:a")).toBeNull();
    clock += 15_500;
    const refused = refusal(limiter, "t:a")!;
    expect(refused.statusCode).toBe(429);
    expect(refused.code).toBe("rate-limited");
    expect(refused.message).toBe("more than 3 requests in 1 minute; wait 45 s and retry");
    expect(refused.headers).toEqual({
      "retry-after": "45",
      "x-ratelimit-limit": "3",
      "x-ratelimit-remaining": "0",
      "x-ratelimit-reset": "45",
    });
    expect(refusal(limiter, "t:b")).toBeNull();
    clock = 10_000 + 59_999;
    expect(refusal(limiter, "t:a")?.headers["retry-after"]).toBe("1");
    clock = 10_000 + 60_000;
    for (let i = 0; i < 3; i++) expect(refusal(limiter, "t:a")).toBeNull();
    expect(refusal(limiter, "t:a")?.statusCode).toBe(429);
  });

  test("bounded: expired windows make room first, then the oldest live ones", () => {
    clock = 0;
    const limiter = new RateLimiter({ max: 1, windowMs: 1000, maxKeys: 10, now });
    for (let i = 0; i < 5; i++) limiter.take(`old${i}`);
    clock = 500;
    for (let i = 0; i < 5; i++) limiter.take(`live${i}`);
    clock = 1200; // the old windows are over, the live ones are not
    limiter.take("new");
    for (let i = 0; i < 5; i++) expect(refusal(limiter, `live${i}`)?.statusCode).toBe(429);
    // Full of live windows: a new key still gets in.
    for (let i = 0; i < 10; i++) expect(refusal(limiter, `more${i}`)).toBeNull();
    expect(refusal(limiter, "more9")?.statusCode).toBe(429);
  });
});

describe("TokenCache", () => {
  const principal = (userId: string, expiresAt: number): Principal => ({
    tenantId: TENANT,
    userId,
    groups: [],
    roles: [],
    isAdmin: false,
    expiresAt,
  });
  const tail = "x".repeat(40);

  test("a hit needs the whole header, even when two headers end alike", () => {
    const cache = new TokenCache(60_000, 100);
    const alice = principal("alice", 2_000_000);
    cache.set(`Bearer aaa.bbb.${tail}`, alice, 1_000_000);
    expect(cache.get(`Bearer aaa.bbb.${tail}`, 1_000_001)).toBe(alice);
    expect(cache.get(`Bearer zzz.bbb.${tail}`, 1_000_001)).toBeUndefined();
    expect(cache.get(`Bearer  aaa.bbb.${tail}`, 1_000_001)).toBeUndefined();
    // A second verified header with the same ending takes the slot; neither ever answers for the other.
    const bob = principal("bob", 2_000_000);
    cache.set(`Bearer zzz.bbb.${tail}`, bob, 1_000_002);
    expect(cache.get(`Bearer zzz.bbb.${tail}`, 1_000_003)).toBe(bob);
    expect(cache.get(`Bearer aaa.bbb.${tail}`, 1_000_003)).toBeUndefined();
  });

  test("never past the cache time nor the token's expiry; 0 keeps nothing", () => {
    const cache = new TokenCache(60_000, 100);
    const soon = principal("soon", 1_000_030); // expires 30 s after it is cached
    cache.set("Bearer soon", soon, 1_000_000_000);
    expect(cache.get("Bearer soon", 1_000_029_999)).toBe(soon);
    expect(cache.get("Bearer soon", 1_000_030_000)).toBeUndefined();
    const later = principal("later", 9_000_000);
    cache.set("Bearer later", later, 1_000_000_000);
    expect(cache.get("Bearer later", 1_000_059_999)).toBe(later);
    expect(cache.get("Bearer later", 1_000_060_000)).toBeUndefined();
    const off = new TokenCache(0, 100);
    off.set("Bearer later", later, 1_000_000_000);
    expect(off.get("Bearer later", 1_000_000_000)).toBeUndefined();
  });
});

describe("API guards over HTTP", () => {
  let entra: FakeEntra;
  let engine: Engine;
  let store: Store;
  let server: TestServer;
  let user: string;

  beforeAll(async () => {
    entra = await startFakeEntra();
    engine = await sqliteEngine();
    store = engine.open();
    await store.migrate();
    await seedDefaultPolicies(store, [TENANT]);
    server = await startTestServer(
      testConfig([TENANT], entra.jwksTemplate, { LABELBRIDGE_ALLOWED_ORIGINS: ADDIN }),
      store,
    );
    user = await entraToken(entra.key, { tid: TENANT, oid: randomUUID() });
  });

  afterAll(async () => {
    await server.close();
    await store.close();
    await engine.dispose();
    await entra.close();
  });

  test("without Origin: no CORS headers, but Vary: Origin", async () => {
    const res = await call(server.url, "/api/v1/policy", { token: user });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    expect(res.headers.get("access-control-expose-headers")).toBeNull();
    expect(res.headers.get("vary")).toBe("Origin, Authorization");
    const audit = await call(server.url, "/api/v1/audit", {
      method: "POST",
      token: user,
      body: { events: [] },
    });
    expect(audit.headers.get("vary")).toBe("Origin");
    expect(audit.headers.get("access-control-allow-origin")).toBeNull();
  });

  test("allowed origins get their origin back and the exposed headers; others get nothing", async () => {
    for (const origin of [PAGE, ADDIN]) {
      const res = await call(server.url, "/api/v1/policy", { token: user, headers: { origin } });
      expect(res.status).toBe(200);
      expect(res.headers.get("access-control-allow-origin")).toBe(origin);
      expect(res.headers.get("access-control-expose-headers")).toBe("ETag, Retry-After, Labelbridge-Groups");
    }
    for (const origin of ["https://evil.example.net", `${PAGE}.evil.net`, "null", PAGE.toUpperCase()]) {
      const res = await call(server.url, "/api/v1/policy", { token: user, headers: { origin } });
      expect(res.status).toBe(200);
      expect(res.headers.get("access-control-allow-origin")).toBeNull();
      expect(res.headers.get("access-control-expose-headers")).toBeNull();
    }
    // A refused token from an allowed page is readable as a refusal by that page.
    const refused = await call(server.url, "/api/v1/policy", { headers: { origin: ADDIN } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get("access-control-allow-origin")).toBe(ADDIN);
  });

  test("preflights: answered before authentication, strict about their shape", async () => {
    const ok = await call(server.url, "/api/v1/admin/policy", {
      method: "OPTIONS",
      headers: {
        origin: ADDIN,
        "access-control-request-method": "PUT",
        "access-control-request-headers": "authorization, if-match, content-type",
      },
    });
    expect(ok.status).toBe(204);
    expect(ok.text).toBe("");
    expect(ok.headers.get("access-control-allow-origin")).toBe(ADDIN);
    expect(ok.headers.get("access-control-allow-methods")).toBe("GET, POST, PUT");
    expect(ok.headers.get("access-control-allow-headers")).toBe(
      "Authorization, Content-Type, If-Match, If-None-Match",
    );
    expect(ok.headers.get("access-control-max-age")).toBe("600");
    expect(ok.headers.get("content-length")).toBe("0");

    const foreign = await call(server.url, "/api/v1/policy", {
      method: "OPTIONS",
      headers: { origin: "https://evil.example.net", "access-control-request-method": "GET" },
    });
    expect(foreign.status).toBe(204);
    expect(foreign.headers.get("access-control-allow-origin")).toBeNull();
    expect(foreign.headers.get("access-control-allow-methods")).toBeNull();

    const noMethod = await call(server.url, "/api/v1/policy", {
      method: "OPTIONS",
      headers: { origin: ADDIN },
    });
    expect(noMethod.status).toBe(400);
    expect(noMethod.text).toBe("Invalid Preflight Request");
    const noOrigin = await call(server.url, "/api/v1/policy", {
      method: "OPTIONS",
      headers: { "access-control-request-method": "GET" },
    });
    expect(noOrigin.status).toBe(400);
  });

  test("a cached token proves only itself: altered, re-spaced or lower-cased headers are refused", async () => {
    expect((await call(server.url, "/api/v1/policy", { token: user })).status).toBe(200);
    const [head, payload, signature] = user.split(".");
    const flipped = signature[5] === "A" ? "B" : "A";
    const tampered = `${head}.${payload}.${signature.slice(0, 5)}${flipped}${signature.slice(6)}`;
    for (const authorization of [
      `Bearer ${tampered}`,
      `Bearer  ${user}`,
      `bearer ${user}`,
      `Bearer ${user}x`,
      `Basic ${user}`,
    ]) {
      const res = await call(server.url, "/api/v1/policy", { headers: { authorization } });
      expect(res.status).toBe(401);
      expect(res.json.code).toBe("invalid-token");
    }
    expect((await call(server.url, "/api/v1/policy", { token: user })).status).toBe(200);
  });

  test("the rate limit counts admins and users per person; refused tokens and preflights do not count", async () => {
    const limited = await startTestServer(
      testConfig([TENANT], entra.jwksTemplate, {
        LABELBRIDGE_RATE_LIMIT: "2",
        LABELBRIDGE_RATE_WINDOW_SECONDS: "30",
      }),
      store,
    );
    try {
      const admin = await entraToken(entra.key, {
        tid: TENANT,
        oid: randomUUID(),
        roles: ["Labelbridge.Admin"],
      });
      const plain = await entraToken(entra.key, { tid: TENANT, oid: randomUUID() });
      // Neither a 401 nor a 403 nor a preflight uses up the allowance.
      for (let i = 0; i < 3; i++) {
        expect((await call(limited.url, "/api/v1/policy")).status).toBe(401);
        expect((await call(limited.url, "/api/v1/admin/policy", { token: plain })).status).toBe(403);
        const preflight = await call(limited.url, "/api/v1/policy", {
          method: "OPTIONS",
          headers: { origin: PAGE, "access-control-request-method": "GET" },
        });
        expect(preflight.status).toBe(204);
      }
      const statuses = [];
      for (const path of ["/api/v1/admin/policy", "/api/v1/policy", "/api/v1/reports/labels"])
        statuses.push((await call(limited.url, path, { token: admin })).status);
      expect(statuses).toEqual([200, 200, 429]);
      const refused = await call(limited.url, "/api/v1/policy", { token: admin });
      expect(refused.status).toBe(429);
      expect(refused.json.code).toBe("rate-limited");
      expect(refused.json.message).toMatch(/^more than 2 requests in 30 seconds; wait \d+ s and retry$/);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(Number(refused.headers.get("retry-after"))).toBeLessThanOrEqual(30);
      expect(refused.headers.get("x-ratelimit-limit")).toBe("2");
      expect(refused.headers.get("x-ratelimit-remaining")).toBe("0");
      // The plain user still has a full allowance; their refused admin calls were not counted.
      expect((await call(limited.url, "/api/v1/policy", { token: plain })).status).toBe(200);
      expect((await call(limited.url, "/api/v1/policy", { token: plain })).status).toBe(200);
      expect((await call(limited.url, "/api/v1/policy", { token: plain })).status).toBe(429);
      // Successful requests carry no rate-limit headers.
      const fresh = await entraToken(entra.key, { tid: TENANT, oid: randomUUID() });
      const okReply = await call(limited.url, "/api/v1/policy", { token: fresh });
      expect(okReply.headers.get("x-ratelimit-limit")).toBeNull();
      expect(okReply.headers.get("retry-after")).toBeNull();
    } finally {
      await limited.close();
    }
  });
});
