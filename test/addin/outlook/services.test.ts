import type { AuditEvent } from "../../../src/core/audit";
import { AuditQueue, AUDIT_KEY, MAX_BATCH } from "../../../src/addin/services/auditQueue";
import { defaultConfig } from "../../../src/addin/services/config";
import type { HttpClient, HttpRequest, HttpResponse } from "../../../src/addin/ports/http";
import { newGuid } from "../../../src/addin/ports/ids";
import { maxAgeFrom, PolicyClient } from "../../../src/addin/services/policyClient";
import { memoryStore } from "../../../src/addin/ports/storage";
import { TimeoutError } from "../../../src/addin/ports/timing";
import {
  devTokenProvider,
  firstToken,
  looksLikeToken,
  saveDevToken,
  ssoTokenProvider,
} from "../../../src/addin/ports/tokens";
import { policyWith } from "./setup";

const config = defaultConfig({ apiBase: "https://labels.example.com" });
const TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzYW0ifQ.c2ln";
const tokens = { kind: "test", token: async () => TOKEN };

function response(status: number, body = "", headers: Record<string, string> = {}): HttpResponse {
  return { status, header: (n) => headers[n] ?? headers[n.toLowerCase()] ?? null, text: async () => body };
}

/** A backend double that records requests and answers from a script. */
function backend(answer: (req: HttpRequest, n: number) => HttpResponse | Promise<HttpResponse>) {
  const requests: HttpRequest[] = [];
  const http: HttpClient = async (req) => {
    requests.push(req);
    return answer(req, requests.length);
  };
  return { http, requests };
}

describe("policy client", () => {
  const policy = policyWith();
  const body = JSON.stringify(policy);

  it("fetches with the bearer token, caches with the ETag and max-age, and revalidates with If-None-Match", async () => {
    let now = 1_000_000;
    const store = memoryStore();
    const api = backend((req, n) =>
      n === 1
        ? response(200, body, { ETag: '"v1"', "Cache-Control": "private, max-age=60" })
        : response(304, "", { ETag: '"v1"', "Cache-Control": "private, max-age=60" }),
    );
    const client = new PolicyClient({
      config,
      store,
      tokens,
      http: api.http,
      user: "Sam@Contoso.com",
      now: () => now,
    });

    const first = await client.load({ timeoutMs: 1000, interactive: true });
    expect(first).toMatchObject({ source: "network", fetchedAt: 1_000_000 });
    expect(first.policy?.siteId).toBe(policy.siteId);
    expect(api.requests[0]).toMatchObject({
      method: "GET",
      url: "https://labels.example.com/api/v1/policy",
      headers: { Authorization: `Bearer ${TOKEN}`, Accept: "application/json" },
    });
    expect(api.requests[0].headers["If-None-Match"]).toBeUndefined();

    now += 59_000;
    expect((await client.load({ timeoutMs: 1000, interactive: true })).source).toBe("cache");
    expect(api.requests).toHaveLength(1);

    now += 2_000;
    const again = await client.load({ timeoutMs: 1000, interactive: true });
    expect(again.source).toBe("revalidated");
    expect(api.requests[1].headers["If-None-Match"]).toBe('"v1"');
    expect((await client.cached())?.fetchedAt).toBe(now);
    expect(client.cacheKey).toBe("labelbridge.policy.v1:sam@contoso.com");
  });

  it("uses the stale cache when the backend is down, and says why", async () => {
    let now = 0;
    const store = memoryStore();
    let down = false;
    const api = backend(() => {
      if (down) throw new TypeError("Failed to fetch");
      return response(200, body, { ETag: '"v1"', "Cache-Control": "max-age=1" });
    });
    const client = new PolicyClient({
      config,
      store,
      tokens,
      http: api.http,
      user: "sam@contoso.com",
      now: () => now,
    });
    await client.load({ timeoutMs: 1000, interactive: false });
    down = true;
    now = 10_000;
    const result = await client.load({ timeoutMs: 1000, interactive: false });
    expect(result.source).toBe("stale-cache");
    expect(result.policy?.siteId).toBe(policy.siteId);
    expect(result.error?.kind).toBe("network");
  });

  it("refuses what is not a policy and keeps the good cache", async () => {
    const store = memoryStore();
    let n = 0;
    const api = backend(() =>
      ++n === 1
        ? response(200, body, { "Cache-Control": "no-cache" })
        : response(200, "<html>proxy login</html>"),
    );
    const client = new PolicyClient({ config, store, tokens, http: api.http, user: "sam@contoso.com" });
    await client.load({ timeoutMs: 1000, interactive: false });
    const result = await client.load({ timeoutMs: 1000, interactive: false });
    expect(result).toMatchObject({ source: "stale-cache", error: { kind: "invalid" } });
    expect(result.policy?.labels.length).toBe(policy.labels.length);
  });

  it("reports 401 as unauthorized and a missing token without calling the backend", async () => {
    const api = backend(() => response(401, '{"error":"invalid_token"}'));
    const client = new PolicyClient({ config, store: memoryStore(), tokens, http: api.http, user: "u" });
    expect((await client.load({ timeoutMs: 1000, interactive: false })).error).toMatchObject({
      kind: "unauthorized",
      status: 401,
    });
    const none = new PolicyClient({
      config,
      store: memoryStore(),
      tokens: { kind: "none", token: async () => null },
      http: api.http,
      user: "u",
    });
    expect(await none.load({ timeoutMs: 1000, interactive: false })).toMatchObject({
      policy: null,
      source: "none",
      error: { kind: "no-token" },
    });
    expect(api.requests).toHaveLength(1);
  });

  it("send: answers from any cache at once without touching the network; with none, waits at most its budget", async () => {
    let now = 0;
    const store = memoryStore();
    const slow = backend(() => new Promise<HttpResponse>(() => undefined));
    const seeded = new PolicyClient({
      config,
      store,
      tokens,
      http: backend(() => response(200, body, { "Cache-Control": "max-age=1" })).http,
      user: "u",
      now: () => now,
    });
    await seeded.load({ timeoutMs: 1000, interactive: false });
    now = 60_000;
    const client = new PolicyClient({ config, store, tokens, http: slow.http, user: "u", now: () => now });
    const t0 = Date.now();
    const result = await client.forSend(5000);
    // The backend never answers: only not waiting for it can be this fast.
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(result.source).toBe("stale-cache");
    // …and the stale copy is being refreshed in the background for next time.
    for (let i = 0; i < 100 && slow.requests.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(slow.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      "GET https://labels.example.com/api/v1/policy",
    ]);

    const empty = new PolicyClient({
      config,
      store: memoryStore(),
      tokens,
      user: "u",
      http: async (req) => {
        // What fetchHttpClient does with the deadline.
        return new Promise<HttpResponse>((_, reject) =>
          setTimeout(() => reject(new TimeoutError(req.url, req.timeoutMs)), req.timeoutMs),
        );
      },
    });
    const t1 = Date.now();
    const none = await empty.forSend(150);
    expect(Date.now() - t1).toBeLessThan(1000);
    expect(none).toMatchObject({ policy: null, source: "none", error: { kind: "timeout" } });
  });

  it("remembers the policy's offline send fallback separately, so it holds when the cache is gone", async () => {
    const store = memoryStore();
    const strict = JSON.stringify(policyWith({ offlineSendFallback: "block" }));
    const client = new PolicyClient({
      config,
      store,
      tokens,
      http: backend(() => response(200, strict)).http,
      user: "u",
    });
    expect(await client.offlineSendFallback()).toBe("allow");
    await client.load({ timeoutMs: 1000, interactive: false });
    await store.remove(client.cacheKey);
    expect(await client.cached()).toBeNull();
    expect(await client.offlineSendFallback()).toBe("block");
  });

  it("parses Cache-Control", () => {
    expect(maxAgeFrom("private, max-age=300")).toBe(300_000);
    expect(maxAgeFrom("no-cache")).toBe(0);
    expect(maxAgeFrom("private")).toBeNull();
    expect(maxAgeFrom(null)).toBeNull();
  });
});

function event(i: number): AuditEvent {
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    type: "label-applied",
    time: "2026-11-29T10:15:30.000Z",
    app: "Outlook",
    labelId: "e3f63795-7642-4031-8b70-0c01ebdd2b0c",
    oldLabelId: null,
    method: "Privileged",
    actionSource: "manual",
    downgrade: false,
    justification: null,
    itemName: "Quarterly numbers",
  };
}

describe("audit queue", () => {
  it("keeps events in the store until the backend accepted them, in batches, never twice", async () => {
    const store = memoryStore();
    const api = backend(() => response(202, '{"accepted":2,"duplicates":0}'));
    const queue = new AuditQueue({ config, store, tokens, http: api.http, batchSize: 2 });
    await queue.enqueue([event(1), event(2), event(3)]);
    await queue.enqueue([event(2)]);
    expect(await queue.pending()).toBe(3);
    // A "new runtime" (the pane reopened) sees what the handler queued.
    const reopened = new AuditQueue({ config, store, tokens, http: api.http, batchSize: 2 });
    const result = await reopened.flush({ timeoutMs: 1000 });
    expect(result).toMatchObject({ outcome: "sent", sent: 3, remaining: 0 });
    expect(
      api.requests.map((r) => JSON.parse(r.body!).events.map((e: AuditEvent) => e.id.slice(-1))),
    ).toEqual([["1", "2"], ["3"]]);
    expect(api.requests[0]).toMatchObject({
      method: "POST",
      url: "https://labels.example.com/api/v1/audit",
      headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" },
    });
  });

  it("backs off exponentially with jitter after failures, honours Retry-After, and retries the same ids", async () => {
    let now = 0;
    const store = memoryStore();
    let status = 503;
    const api = backend(() => response(status, "", status === 429 ? { "Retry-After": "120" } : {}));
    const queue = new AuditQueue({
      config,
      store,
      tokens,
      http: api.http,
      now: () => now,
      random: () => 1,
      baseDelayMs: 1000,
    });
    await queue.enqueue([event(1)]);
    expect((await queue.flush({ timeoutMs: 1000 })).outcome).toBe("failed");
    const read = async () => JSON.parse((await store.get(AUDIT_KEY))!);
    expect((await read()).notBefore).toBe(1000);
    expect((await queue.flush({ timeoutMs: 1000 })).outcome).toBe("waiting");
    expect(api.requests).toHaveLength(1);
    now = 1000;
    await queue.flush({ timeoutMs: 1000 });
    expect((await read()).notBefore).toBe(1000 + 2000);
    now = 3000;
    status = 429;
    await queue.flush({ timeoutMs: 1000 });
    expect((await read()).notBefore).toBe(3000 + 120_000);
    status = 202;
    now = 123_000;
    expect(await queue.flush({ timeoutMs: 1000 })).toMatchObject({ outcome: "sent", sent: 1 });
    expect(new Set(api.requests.map((r) => JSON.parse(r.body!).events[0].id)).size).toBe(1);
  });

  it("isolates an event the backend refuses, so it cannot hold back the others", async () => {
    const store = memoryStore();
    const bad = event(3);
    const accepted: string[] = [];
    const api = backend((req) => {
      const ids: string[] = JSON.parse(req.body!).events.map((e: AuditEvent) => e.id);
      if (ids.includes(bad.id)) return response(400);
      accepted.push(...ids);
      return response(202);
    });
    const queue = new AuditQueue({ config, store, tokens, http: api.http, batchSize: 4 });
    await queue.enqueue([event(1), event(2), bad, event(4)]);
    const result = await queue.flush({ timeoutMs: 1000 });
    expect(result.remaining).toBe(0);
    expect(await queue.dropped()).toBe(1);
    expect(accepted.sort()).toEqual([event(1).id, event(2).id, event(4).id]);
  });

  it("never sends more than the backend's 500 per request, and keeps the newest events when full", async () => {
    const store = memoryStore();
    const api = backend(() => response(202));
    const queue = new AuditQueue({
      config,
      store,
      tokens,
      http: api.http,
      batchSize: 10_000,
      maxQueued: 600,
    });
    await queue.enqueue(Array.from({ length: 700 }, (_, i) => event(i + 1)));
    expect(await queue.pending()).toBe(600);
    expect(await queue.dropped()).toBe(100);
    await queue.flush({ timeoutMs: 1000 });
    expect(api.requests.map((r) => JSON.parse(r.body!).events.length)).toEqual([MAX_BATCH, 100]);
    expect(JSON.parse(api.requests[0].body!).events[0].id).toBe(event(101).id);
  });
});

describe("tokens and ids", () => {
  it("takes a pasted development token from the store, SSO first where configured", async () => {
    const store = memoryStore();
    expect(await devTokenProvider(store).token({ interactive: true })).toBeNull();
    await saveDevToken(store, `  ${TOKEN}\n`);
    expect(await devTokenProvider(store).token({ interactive: true })).toBe(TOKEN);
    const asked: unknown[] = [];
    const sso = ssoTokenProvider(async (o) => {
      asked.push(o);
      return "sso-token";
    });
    expect(await firstToken([sso, devTokenProvider(store)]).token({ interactive: false })).toBe("sso-token");
    expect(asked).toEqual([{ allowSignInPrompt: false, allowConsentPrompt: false, forMSGraphAccess: false }]);
    const failing = ssoTokenProvider(async () => {
      throw Object.assign(new Error("13003"), { code: 13003 });
    });
    expect(await firstToken([failing, devTokenProvider(store)]).token({ interactive: false })).toBe(TOKEN);
    expect(looksLikeToken(TOKEN)).toBe(true);
    expect(looksLikeToken("Bearer abc")).toBe(false);
  });

  it("makes version 4 GUIDs the audit schema accepts", () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newGuid()));
    expect(ids.size).toBe(1000);
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newGuid(() => new Uint8Array(16))).toBe("00000000-0000-4000-8000-000000000000");
  });
});
