/**
 * The audit flood (issue 11 item 4): one non-admin stored 141,500 events in 10 s with no 429,
 * because the limit counted requests. The quota counts events and bytes, per user and per tenant;
 * a refused batch is stored nowhere and spends nothing.
 */
import { randomUUID } from "node:crypto";
import { DEVELOPMENT_SITE_ID } from "../../src/core/policy";
import { AuditQuota } from "../../src/server/auditQuota";
import type { HttpError } from "../../src/server/errors";
import { call, startDevServer, type DevTestServer } from "./support/server";

const LIMITS = { userEvents: 10, userBytes: 5000, tenantEvents: 25, tenantBytes: 100_000, windowMs: 60_000 };

function refusal(quota: AuditQuota, ...args: Parameters<AuditQuota["take"]>): HttpError | null {
  try {
    quota.take(...args);
    return null;
  } catch (err) {
    return err as HttpError;
  }
}

describe("AuditQuota", () => {
  test("events per user: the batch that would pass the allowance is refused whole, with Retry-After", () => {
    const quota = new AuditQuota(LIMITS);
    expect(refusal(quota, "t", "u1", 6, 100, 1000)).toBeNull();
    const refused = refusal(quota, "t", "u1", 5, 100, 16_000)!;
    expect(refused.statusCode).toBe(429);
    expect(refused.code).toBe("audit-quota");
    expect(refused.message).toBe(
      "more than 10 audit events in 1 minute from this user; wait 45 s and retry (nothing of this batch was stored)",
    );
    expect(refused.headers).toEqual({ "retry-after": "45" });
    expect(refused.details).toEqual({ limit: 10, unit: "events", scope: "user" });
    // The refused batch spent nothing: four more still fit.
    expect(refusal(quota, "t", "u1", 4, 100, 16_000)).toBeNull();
    expect(refusal(quota, "t", "u1", 1, 100, 16_000)?.statusCode).toBe(429);
    // A new window.
    expect(refusal(quota, "t", "u1", 10, 100, 61_000)).toBeNull();
  });

  test("bytes per user, whatever the number of events", () => {
    const quota = new AuditQuota(LIMITS);
    expect(refusal(quota, "t", "u1", 1, 4000, 0)).toBeNull();
    expect(refusal(quota, "t", "u1", 1, 1001, 0)?.message).toBe(
      "more than 5000 bytes of audit events in 1 minute from this user; wait 60 s and retry (nothing of this batch was stored)",
    );
  });

  test("events per tenant, across its users; other tenants are not affected", () => {
    const quota = new AuditQuota(LIMITS);
    for (const user of ["a", "b"]) expect(refusal(quota, "t", user, 10, 10, 0)).toBeNull();
    const refused = refusal(quota, "t", "c", 6, 10, 0)!;
    expect(refused.message).toMatch(/^more than 25 audit events in 1 minute from this tenant/);
    expect(refused.details).toMatchObject({ scope: "tenant" });
    expect(refusal(quota, "t", "c", 5, 10, 0)).toBeNull();
    expect(refusal(quota, "other", "a", 10, 10, 0)).toBeNull();
  });

  test("a batch larger than the whole allowance says to send smaller batches", () => {
    const quota = new AuditQuota(LIMITS);
    expect(refusal(quota, "t", "u", 11, 10, 0)?.message).toBe(
      "this batch alone is more than the 10 audit events allowed per 1 minute for this user; send smaller batches",
    );
  });
});

describe("POST /audit under the quota", () => {
  let server: DevTestServer;

  beforeAll(async () => {
    server = await startDevServer({
      LABELBRIDGE_AUDIT_USER_EVENTS: "1000",
      LABELBRIDGE_AUDIT_USER_BYTES: "10000000",
      LABELBRIDGE_AUDIT_TENANT_EVENTS: "1500",
    });
  });

  afterAll(() => server.close());

  const tokenFor = (user: string) => server.token(user);
  const batch = (n: number) => ({
    events: Array.from({ length: n }, () => ({
      id: randomUUID(),
      type: "label-applied",
      time: "2026-06-01T10:00:00Z",
      app: "Word",
    })),
  });
  const stored = async () =>
    (
      await server.store.dailyActivity(DEVELOPMENT_SITE_ID, {
        from: "2026-06-01T00:00:00.000Z",
        to: "2026-06-02T00:00:00.000Z",
      })
    )[0]?.count ?? 0;

  test("one user flooding gets 429 after its allowance of events, with Retry-After; the tenant's cap stops a second", async () => {
    const mallory = await tokenFor("mallory@contoso.com");
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push(
        (await call(server.url, "/api/v1/audit", { method: "POST", token: mallory, body: batch(400) }))
          .status,
      );
    expect(statuses).toEqual([202, 202, 429]);
    const refused = await call(server.url, "/api/v1/audit", {
      method: "POST",
      token: mallory,
      body: batch(300),
    });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused.json.message).toMatch(
      /^more than 1000 audit events in 1 minute from this user; wait \d+ s and retry/,
    );
    expect(await stored()).toBe(800);

    const trent = await tokenFor("trent@contoso.com");
    expect(
      (await call(server.url, "/api/v1/audit", { method: "POST", token: trent, body: batch(500) })).status,
    ).toBe(202);
    const tenantFull = await call(server.url, "/api/v1/audit", {
      method: "POST",
      token: trent,
      body: batch(300),
    });
    expect(tenantFull.status).toBe(429);
    expect(tenantFull.json.message).toMatch(/^more than 1500 audit events in 1 minute from this tenant/);
    expect(await stored()).toBe(1300);
  });
});
