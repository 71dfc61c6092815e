/**
 * The token attack matrix (each → 401, nothing leaked), admin role → 403, and development mode:
 * its tokens work only in dev mode and dev mode only on loopback.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Store } from "../../src/server/storage/store";
import { seedDefaultPolicies } from "../../src/server/seed";
import { loadConfig, ConfigError } from "../../src/server/config";
import { loadOrCreateDevKey, mintDevToken, devUserId } from "../../src/server/auth/dev";
import { sqliteEngine, type Engine } from "./support/engines";
import {
  entraToken,
  hs256WithPublicKey,
  signingKey,
  startFakeEntra,
  unsignedToken,
  type FakeEntra,
} from "./support/entra";
import { call, startTestServer, testConfig, type TestServer } from "./support/server";

const TENANT = randomUUID();
const OTHER_ALLOWED = randomUUID();
const NOT_ALLOWED = randomUUID();

describe("Entra ID tokens", () => {
  let entra: FakeEntra;
  let engine: Engine;
  let store: Store;
  let server: TestServer;

  beforeAll(async () => {
    entra = await startFakeEntra();
    engine = await sqliteEngine();
    store = engine.open();
    await store.migrate();
    await seedDefaultPolicies(store, [TENANT, OTHER_ALLOWED]);
    // Cache off: every request below is verified from scratch.
    server = await startTestServer(testConfig([TENANT, OTHER_ALLOWED], entra.jwksTemplate), store, {
      tokenCacheSeconds: 0,
    });
  });

  afterAll(async () => {
    await server.close();
    await store.close();
    await engine.dispose();
    await entra.close();
  });

  const oid = randomUUID();

  test("a valid token gets the policy; the tenant's JWKS is fetched once and cached", async () => {
    const token = await entraToken(entra.key, { tid: TENANT, oid });
    for (let i = 0; i < 3; i++)
      expect((await call(server.url, "/api/v1/policy", { token })).status).toBe(200);
    expect(entra.requests.get(TENANT)).toBe(1);
  });

  const attacks: [string, string, () => Promise<string>][] = [
    ["expired", "expired", () => entraToken(entra.key, { tid: TENANT, oid, expiresIn: -3600 })],
    ["not yet valid", "not-yet-valid", () => entraToken(entra.key, { tid: TENANT, oid, notBefore: 3600 })],
    ["wrong audience", "audience", () => entraToken(entra.key, { tid: TENANT, oid, aud: randomUUID() })],
    [
      "wrong issuer (v1 sts)",
      "issuer",
      () => entraToken(entra.key, { tid: TENANT, oid, iss: `https://sts.windows.net/${TENANT}/` }),
    ],
    [
      "issuer of a look-alike host",
      "issuer",
      () =>
        entraToken(entra.key, {
          tid: TENANT,
          oid,
          iss: `https://login.microsoftonline.com.evil.net/${TENANT}/v2.0`,
        }),
    ],
    ["tenant not allowed", "tenant", () => entraToken(entra.key, { tid: NOT_ALLOWED, oid })],
    [
      "issuer/tid mismatch",
      "issuer",
      () =>
        entraToken(entra.key, {
          tid: TENANT,
          oid,
          iss: `https://login.microsoftonline.com/${OTHER_ALLOWED}/v2.0`,
        }),
    ],
    ["alg: none", "algorithm", async () => unsignedToken({ tid: TENANT, oid })],
    [
      "HS256 signed with the public key",
      "algorithm",
      () => hs256WithPublicKey(entra.key, { tid: TENANT, oid }),
    ],
    [
      "tampered signature",
      "signature",
      async () => {
        const token = await entraToken(entra.key, { tid: TENANT, oid });
        const [h, p, s] = token.split(".");
        return `${h}.${p}.${s[0] === "A" ? "B" : "A"}${s.slice(1)}`;
      },
    ],
    [
      "tampered payload (admin role added)",
      "signature",
      async () => {
        const token = await entraToken(entra.key, { tid: TENANT, oid });
        const [h, , s] = token.split(".");
        const claims = {
          tid: TENANT,
          oid,
          scp: "access_as_user",
          roles: ["Labelbridge.Admin"],
          aud: "x",
          iss: "y",
          exp: 4e9,
        };
        return `${h}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.${s}`;
      },
    ],
    [
      "unknown key id",
      "unknown-key",
      async () => entraToken(await signingKey("rogue-key"), { tid: TENANT, oid }),
    ],
    ["missing scope", "scope", () => entraToken(entra.key, { tid: TENANT, oid, scp: "User.Read" })],
    ["not a JWT", "malformed", async () => "not.a.jwt"],
  ];

  test.each(attacks)("%s → 401 (%s), nothing leaked", async (_name, reason, make) => {
    const token = await make();
    for (const path of ["/api/v1/policy", "/api/v1/admin/policy"]) {
      const res = await call(server.url, path, { token });
      expect(res.status).toBe(401);
      expect(res.json.code).toBe("invalid-token");
      expect(res.json.reason).toBe(reason);
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer error="invalid_token"/);
      expect(res.text).not.toContain("labels");
      expect(res.text).not.toContain(TENANT);
    }
    const audit = await call(server.url, "/api/v1/audit", {
      method: "POST",
      token,
      body: {
        events: [{ id: randomUUID(), type: "label-applied", time: new Date().toISOString(), app: "Word" }],
      },
    });
    expect(audit.status).toBe(401);
  });

  test("no token, or not a bearer token → 401", async () => {
    expect((await call(server.url, "/api/v1/policy")).status).toBe(401);
    const basic = await call(server.url, "/api/v1/policy", {
      headers: { authorization: "Basic dXNlcjpwYXNz" },
    });
    expect(basic.status).toBe(401);
    expect(basic.json.reason).toBe("malformed");
  });

  test("a user without the admin app role → 403 on admin routes; with it → 200", async () => {
    const userToken = await entraToken(entra.key, { tid: TENANT, oid, roles: ["Some.Other.Role"] });
    expect((await call(server.url, "/api/v1/admin/policy", { token: userToken })).status).toBe(403);
    const adminToken = await entraToken(entra.key, { tid: TENANT, oid, roles: ["Labelbridge.Admin"] });
    expect((await call(server.url, "/api/v1/admin/policy", { token: adminToken })).status).toBe(200);
  });

  test("development tokens are refused by an Entra server", async () => {
    const key = await loadOrCreateDevKey(mkdtempSync(join(tmpdir(), "lb-devkey-")));
    const dev = await mintDevToken(key, {
      tenantId: TENANT,
      clientId: "labelbridge-dev",
      user: "sam@contoso.com",
      admin: true,
    });
    expect((await call(server.url, "/api/v1/policy", { token: dev })).status).toBe(401);
  });
});

describe("development mode", () => {
  let engine: Engine;
  let store: Store;
  let server: TestServer;
  let dataDir: string;

  beforeAll(async () => {
    engine = await sqliteEngine();
    store = engine.open();
    await store.migrate();
    dataDir = mkdtempSync(join(tmpdir(), "lb-dev-"));
    const config = loadConfig({
      HOST: "127.0.0.1",
      PORT: "0",
      LABELBRIDGE_TLS: "off",
      LABELBRIDGE_DATA_DIR: dataDir,
      LOG_LEVEL: "silent",
    });
    expect(config.auth.mode).toBe("dev");
    await seedDefaultPolicies(store, config.auth.tenants);
    server = await startTestServer(config, store);
  });

  afterAll(async () => {
    await server.close();
    await store.close();
    await engine.dispose();
  });

  test("a minted token works, with its groups and admin role; the same UPN is the same user", async () => {
    const key = await loadOrCreateDevKey(dataDir);
    const [tenant] = server.config.auth.tenants;
    const token = await mintDevToken(key, {
      tenantId: tenant,
      clientId: "labelbridge-dev",
      user: "sam@contoso.com",
      groups: ["g1"],
    });
    expect((await call(server.url, "/api/v1/policy", { token })).status).toBe(200);
    expect((await call(server.url, "/api/v1/admin/policy", { token })).status).toBe(403);
    const admin = await mintDevToken(key, {
      tenantId: tenant,
      clientId: "labelbridge-dev",
      user: "dana@contoso.com",
      admin: true,
    });
    expect((await call(server.url, "/api/v1/admin/policy", { token: admin })).status).toBe(200);
    expect(devUserId(tenant, "Sam@Contoso.com")).toBe(devUserId(tenant, "sam@contoso.com"));
  });

  test("a token signed by another development key, or for another tenant, is refused", async () => {
    const foreignKey = await loadOrCreateDevKey(mkdtempSync(join(tmpdir(), "lb-devkey-")));
    const [tenant] = server.config.auth.tenants;
    const forged = await mintDevToken(foreignKey, {
      tenantId: tenant,
      clientId: "labelbridge-dev",
      user: "eve@contoso.com",
      admin: true,
    });
    expect((await call(server.url, "/api/v1/admin/policy", { token: forged })).status).toBe(401);
    const key = await loadOrCreateDevKey(dataDir);
    const otherTenant = await mintDevToken(key, {
      tenantId: randomUUID(),
      clientId: "labelbridge-dev",
      user: "eve@contoso.com",
    });
    expect((await call(server.url, "/api/v1/policy", { token: otherTenant })).status).toBe(401);
  });

  test("dev mode is refused unless the server listens on loopback", () => {
    for (const host of ["0.0.0.0", "::", "192.168.1.10", "labels.example.com"]) {
      expect(() => loadConfig({ HOST: host, LABELBRIDGE_AUTH: "dev" })).toThrow(ConfigError);
      expect(() => loadConfig({ HOST: host, LABELBRIDGE_AUTH: "dev" })).toThrow(
        /configured to be reached from elsewhere: it listens on HOST=/,
      );
    }
    for (const host of ["localhost", "127.0.0.1", "::1"])
      expect(loadConfig({ HOST: host, LABELBRIDGE_AUTH: "dev" }).auth.mode).toBe("dev");
  });
});
