/** The Graph client's answers to what Graph documents: paging only on Graph's host, waits, refusals. */
import { randomUUID } from "node:crypto";
import { GraphClient } from "../../../src/server/graph/client";
import { loadGraphConfig } from "../../../src/server/graph/config";
import { GraphError } from "../../../src/server/graph/errors";
import { GraphTokenProvider } from "../../../src/server/graph/token";
import { graphEnv, startFakeGraph, type FakeGraph } from "./fakeGraph";

const TENANT = randomUUID();
const PATH = "/beta/security/informationProtection/sensitivityLabels";

describe("Graph client", () => {
  let graph: FakeGraph;
  const waits: number[] = [];

  beforeAll(async () => {
    graph = await startFakeGraph();
    graph.tenants.set(TENANT, { labels: [{ id: "a" }, { id: "b" }, { id: "c" }] });
  });
  afterAll(async () => graph?.close());
  beforeEach(() => {
    graph.override = null;
    graph.pageSize = 100;
    graph.requests.length = 0;
    waits.length = 0;
  });

  const client = () => {
    const config = loadGraphConfig(graphEnv(graph), "/")!;
    return new GraphClient(config, new GraphTokenProvider(config), {
      maxRetries: 2,
      maxWaitSeconds: 30,
      sleep: async (ms) => void waits.push(ms),
    });
  };
  const failure = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (err) {
      return err as GraphError;
    }
    throw new Error("expected a GraphError");
  };

  test("a nextLink to another host is not followed with the app's token", async () => {
    graph.override = (path) =>
      path === PATH
        ? { status: 200, body: { value: [{ id: "a" }], "@odata.nextLink": "https://attacker.example/next" } }
        : undefined;
    const c = client();
    const err = await failure(c.list(TENANT, c.url(PATH)));
    expect(err).toMatchObject({ code: "bad-response" });
    expect(err.message).toContain("points to https://attacker.example");
  });

  test("Retry-After in seconds is waited; without it the wait doubles; past the bound it gives up", async () => {
    let n = 0;
    graph.override = (path) =>
      path === PATH && n++ < 2
        ? {
            status: n === 1 ? 429 : 503,
            body: {},
            headers: n === 1 ? { "retry-after": "7" } : ({} as Record<string, string>),
          }
        : undefined;
    const c = client();
    expect(await c.list(TENANT, c.url(PATH))).toHaveLength(3);
    expect(waits).toEqual([7000, 2000]);
    graph.override = (path) =>
      path === PATH ? { status: 429, body: {}, headers: { "retry-after": "600" } } : undefined;
    const err = await failure(c.list(TENANT, c.url(PATH)));
    expect(err).toMatchObject({ code: "throttled", status: 429 });
    expect(waits).toEqual([7000, 2000]);
  });

  test("403 says which permission to grant, with Graph's own error text", async () => {
    graph.override = () => ({
      status: 403,
      body: {
        error: {
          code: "Authorization_RequestDenied",
          message: "Insufficient privileges to complete the operation.",
        },
      },
    });
    const c = client();
    const err = await failure(c.request(TENANT, c.url(PATH)));
    expect(err.code).toBe("forbidden");
    expect(err.message).toBe(
      `Graph answered 403 to GET ${PATH} (Authorization_RequestDenied: Insufficient privileges to complete the operation.): grant the app the permission docs/deploy.md lists`,
    );
  });

  test("a 401 that a fresh token does not cure is reported, after exactly one token refresh", async () => {
    const c = client();
    await c.request(TENANT, c.url(PATH)); // a token is cached
    const before = graph.tokenRequests;
    graph.override = () => ({
      status: 401,
      body: { error: { code: "InvalidAuthenticationToken", message: "Lifetime validation failed" } },
    });
    const err = await failure(c.request(TENANT, c.url(PATH)));
    expect(err.code).toBe("unauthorized");
    expect(graph.tokenRequests).toBe(before + 1);
  });
});
