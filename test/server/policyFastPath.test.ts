/**
 * The fast path for GET /policy (src/server/policyFastPath.ts) answers exactly what Fastify answers:
 * the same requests, in the same order, go to an app with it and to one without, and every status,
 * header (in order, all but Date), body and log line must match — at warn, where it answers, and at
 * info, where it leaves every request to Fastify. Both engines.
 */
import { randomUUID } from "node:crypto";
import { Agent, request as httpRequest } from "node:http";
import * as fastPathModule from "../../src/server/policyFastPath";
import { seedDefaultPolicies } from "../../src/server/seed";
import type { Store } from "../../src/server/storage/store";
import { ENGINES, type Engine } from "./support/engines";
import { entraToken, startFakeEntra, type FakeEntra } from "./support/entra";
import { captureLines, type LogLine } from "./support/logLines";
import { startTestServer, testConfig, type TestServer } from "./support/server";

const TENANT = randomUUID();
/** Allowed, but no configuration: the route answers 404. */
const BARE_TENANT = randomUUID();
/** Not allowed: 401. */
const STRANGER = randomUUID();
const ORIGIN = "https://addin.example.com";
const LIMIT = 40;

interface Answer {
  status: number;
  headers: string[];
  body: string;
}

interface Probe {
  name: string;
  method?: string;
  path?: string;
  headers: Record<string, string>;
}

/** One request on a kept-alive connection; the raw header list in order, Date left out. */
function send(base: URL, agent: Agent, probe: Probe): Promise<Answer> {
  return new Promise((ok, fail) => {
    const req = httpRequest(
      {
        host: base.hostname,
        port: base.port,
        method: probe.method ?? "GET",
        path: probe.path ?? "/api/v1/policy",
        headers: probe.headers,
        agent,
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => (body += chunk));
        res.on("end", () => {
          const headers: string[] = [];
          for (let i = 0; i < res.rawHeaders.length; i += 2)
            if (res.rawHeaders[i].toLowerCase() !== "date")
              headers.push(`${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}`);
          ok({ status: res.statusCode!, headers, body });
        });
      },
    );
    req.on("error", fail);
    req.end();
  });
}

describe.each(ENGINES)("GET /policy's fast path on %s", (_name, factory) => {
  let entra: FakeEntra;
  let engine: Engine;
  let store: Store;
  let fastAnswers = 0;

  beforeAll(async () => {
    entra = await startFakeEntra();
    engine = await factory();
    store = engine.open();
    await store.migrate();
    await seedDefaultPolicies(store, [TENANT]);
    // Count what the fast path answers, so the comparison is known to cover it.
    const original = fastPathModule.policyFastPath;
    jest.spyOn(fastPathModule, "policyFastPath").mockImplementation((parts) => {
      const fast = original(parts);
      return (request, response) => {
        const answered = fast(request, response);
        if (answered) fastAnswers++;
        return answered;
      };
    });
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await store.close();
    await engine.dispose();
    await entra.close();
  });

  const token = (claims: Partial<Parameters<typeof entraToken>[1]> = {}) =>
    entraToken(entra.key, { tid: TENANT, oid: randomUUID(), ...claims });

  /** The same app twice, one without the fast path, each logging to its own lines. */
  async function pair(level: string): Promise<{ fast: Served; plain: Served }> {
    const config = testConfig([TENANT, BARE_TENANT], entra.jwksTemplate, {
      LOG_LEVEL: level,
      LABELBRIDGE_SEED: "false",
      LABELBRIDGE_ALLOWED_ORIGINS: ORIGIN,
      LABELBRIDGE_RATE_LIMIT: String(LIMIT),
      LABELBRIDGE_RATE_WINDOW_SECONDS: "3600",
    });
    const serve = async (policyFastPath: boolean): Promise<Served> => {
      const { stream, lines } = captureLines();
      const server = await startTestServer(config, store, { policyFastPath, logger: { level, stream } });
      return { server, lines, agent: new Agent({ keepAlive: true, maxSockets: 1 }) };
    };
    return { fast: await serve(true), plain: await serve(false) };
  }

  interface Served {
    server: TestServer;
    lines: LogLine[];
    agent: Agent;
  }

  /** Both servers close whatever happens, so a failed comparison fails the test instead of hanging Jest. */
  async function compare(level: string): Promise<{ answers: Answer[]; lines: LogLine[] }> {
    const { fast, plain } = await pair(level);
    let answers: Answer[];
    try {
      answers = await compareAnswers(fast, plain);
    } finally {
      for (const s of [fast, plain]) {
        s.agent.destroy();
        await s.server.close();
      }
    }
    // Every line, those a closing server writes included.
    expect(fast.lines).toEqual(plain.lines);
    return { answers, lines: fast.lines };
  }

  async function compareAnswers(fast: Served, plain: Served): Promise<Answer[]> {
    const ada = `Bearer ${await token()}`;
    const limited = `Bearer ${await token()}`;
    const soon = `Bearer ${await token({ expiresIn: 2 })}`;
    const probes: Probe[] = [{ name: "first GET", headers: { authorization: ada } }];
    const answers: Answer[] = [];
    const both = async (probe: Probe) => {
      const a = await send(new URL(fast.server.url), fast.agent, probe);
      const b = await send(new URL(plain.server.url), plain.agent, probe);
      expect({ probe: probe.name, ...a }).toEqual({ probe: probe.name, ...b });
      answers.push(a);
      return a;
    };
    const first = await both(probes[0]);
    const etag = first.headers.find((h) => h.toLowerCase().startsWith("etag: "))!.slice(6);
    const hit = { authorization: ada, "if-none-match": etag };
    const matrix: Probe[] = [
      { name: "304", headers: hit },
      { name: "304 again", headers: hit },
      { name: "no token", headers: { "if-none-match": etag } },
      { name: "not a token", headers: { authorization: "Bearer abc.def.ghi", "if-none-match": etag } },
      { name: "not Bearer", headers: { authorization: `Basic ${etag}`, "if-none-match": etag } },
      {
        name: "expired",
        headers: { authorization: `Bearer ${await token({ expiresIn: -60 })}`, "if-none-match": etag },
      },
      {
        name: "tenant not allowed",
        headers: { authorization: `Bearer ${await token({ tid: STRANGER })}`, "if-none-match": etag },
      },
      {
        name: "tenant without a configuration",
        headers: { authorization: `Bearer ${await token({ tid: BARE_TENANT })}`, "if-none-match": etag },
      },
      {
        name: "group overage unresolved",
        headers: {
          authorization: `Bearer ${await token({ groups: null, extra: { hasgroups: true } })}`,
          "if-none-match": etag,
        },
      },
      { name: "other ETag", headers: { authorization: ada, "if-none-match": '"other"' } },
      { name: "ETag in a list", headers: { authorization: ada, "if-none-match": `"x", ${etag}` } },
      { name: "weak ETag", headers: { authorization: ada, "if-none-match": `W/${etag}` } },
      { name: "star", headers: { authorization: ada, "if-none-match": "*" } },
      { name: "allowed Origin", headers: { ...hit, origin: ORIGIN } },
      { name: "other Origin", headers: { ...hit, origin: "https://evil.example.com" } },
      {
        name: "preflight",
        method: "OPTIONS",
        headers: { origin: ORIGIN, "access-control-request-method": "GET" },
      },
      { name: "HEAD", method: "HEAD", headers: hit },
      { name: "query string", path: "/api/v1/policy?x=1", headers: hit },
      { name: "empty query", path: "/api/v1/policy?", headers: hit },
      { name: "trailing slash", path: "/api/v1/policy/", headers: hit },
      { name: "other case", path: "/API/v1/policy", headers: hit },
      { name: "encoded", path: "/api/v1/p%6flicy", headers: hit },
      { name: "double slash", path: "/api/v1//policy", headers: hit },
      { name: "with a body length", headers: { ...hit, "content-length": "0" } },
      { name: "POST", method: "POST", headers: hit },
      { name: "admin route", path: "/api/v1/admin/policy", headers: hit },
      { name: "soon expired, first", headers: { authorization: soon } },
    ];
    for (const probe of matrix) await both(probe);
    const soonHit = { authorization: soon, "if-none-match": etag };
    await both({ name: "soon expired, 304", headers: soonHit });
    // The rate limit: the fast path counts what it answers, Fastify refuses the rest.
    await both({ name: "limited, first", headers: { authorization: limited } });
    for (let i = 0; i < LIMIT + 3; i++)
      await both({ name: `limited ${i}`, headers: { authorization: limited, "if-none-match": etag } });
    // The cached token runs out: both ask for it again, and refuse it.
    await new Promise((resolve) => setTimeout(resolve, 3100));
    await both({ name: "soon expired, after", headers: soonHit });
    await both({ name: "304 at the end", headers: hit });

    // The next request id is the same: later log lines name the same ids.
    const nextId = (s: Served) =>
      (s.server.app as unknown as { genReqId: (req: unknown) => string }).genReqId({});
    expect(nextId(fast)).toBe(nextId(plain));
    return answers;
  }

  test("at warn it answers the hot 304s and nothing differs: statuses, headers, bodies, log lines", async () => {
    fastAnswers = 0;
    const { answers } = await compare("warn");
    const statuses = answers.map((a) => a.status);
    // The matrix reached every kind of answer, and the limit tripped.
    for (const status of [200, 204, 304, 401, 404, 429]) expect(statuses).toContain(status);
    expect(statuses.filter((s) => s === 429)).toHaveLength(4); // 44 requests, 40 allowed
    // ada's 304s, those ETag-list forms, and the limited user's allowed ones.
    expect(fastAnswers).toBeGreaterThanOrEqual(LIMIT);
  });

  test("at info Fastify answers everything and writes the same lines", async () => {
    fastAnswers = 0;
    const { lines } = await compare("info");
    expect(fastAnswers).toBe(0);
    expect(lines.filter((l) => l.msg === "request completed").length).toBeGreaterThan(LIMIT);
  });

  test("the policy route has only the hooks the fast path stands for", async () => {
    // A hook added later (a plugin's, a route's) would be skipped by the fast path: this fails first.
    const config = testConfig([TENANT], entra.jwksTemplate, { LABELBRIDGE_SEED: "false" });
    const server = await startTestServer(config, store);
    const routes = server.app.printRoutes({ includeHooks: true, commonPrefix: false, method: "GET" });
    await server.close();
    const lines = routes.split("\n");
    const at = lines.findIndex((l) => l.includes("── api/v1/policy (GET)"));
    expect(lines[at + 1]).toMatch(/^[│ ]+• \(onRequest\) \["fixedHeaders\(\)","guardHook\(\)"\]$/);
    expect(lines[at + 2]).not.toMatch(/• \(/);
  });
});
