/**
 * The server's logger (src/server/logging.ts) writes the lines Fastify's own `logger` option wrote:
 * the same request lines ("incoming request", "request completed" with req/res as Fastify
 * serializes them), the same errors, 404s, route levels and startup lines, at every level. Real
 * HTTP on loopback; then the whole app at LOG_LEVEL=info and warn on GET /api/v1/policy.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Fastify, { type FastifyInstance } from "fastify";
import { DEVELOPMENT_SITE_ID } from "../../src/core/policy";
import { buildApp } from "../../src/server/app";
import { loadOrCreateDevKey, mintDevToken } from "../../src/server/auth/dev";
import { DEV_CLIENT_ID, loadConfig } from "../../src/server/config";
import { attachLogger, requestLoggers, rootLogger } from "../../src/server/logging";
import { deferredChildLogger } from "../../src/server/requestLogger";
import { seedDefaultPolicies } from "../../src/server/seed";
import { openSqliteStore } from "../../src/server/storage/sqlite";
import { addLoggingRoutes, captureLines, type LogLine } from "./support/logLines";

type Line = LogLine;

/** The same routes and requests, with Fastify's `logger` option (as the app had) or with ours. */
async function run(ours: boolean, level: string): Promise<Line[]> {
  const { stream, lines } = captureLines();
  let app: FastifyInstance;
  if (ours) {
    const root = rootLogger({ level, stream });
    app = Fastify({ ...requestLoggers(root) });
    attachLogger(app, root);
  } else {
    app = Fastify({ logger: { level, stream }, childLoggerFactory: deferredChildLogger });
  }
  app.log.warn("built");
  // Not `raiseLevel`: a request whose own logger is raised to info during the request gets no
  // "request completed" line unless info was written where it started (logging.ts).
  addLoggingRoutes(app, { raiseLevel: false });
  app.get("/refused", async (_request, reply) => reply.code(403).send({ error: "no" }));
  app.get("/own-level", { logLevel: "debug" }, async (request) => {
    request.log.debug("kept by the route's level");
    return "ok";
  });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const { port } = app.server.address() as { port: number };
  for (const path of ["/quiet", "/loud", "/fails", "/refused", "/own-level", "/missing"])
    await (await fetch(`http://127.0.0.1:${port}${path}`, { headers: { "accept-version": "1" } })).text();
  await app.close();
  return lines;
}

describe("the server's logger", () => {
  test.each(["trace", "debug", "info", "warn", "error", "silent"])(
    "at level %s: the lines Fastify's logger option wrote",
    async (level) => {
      const expected = await run(false, level);
      const actual = await run(true, level);
      expect(actual).toEqual(expected);
      const messages = actual.map((l) => l.msg);
      if (level === "info") {
        expect(messages.filter((m) => m === "incoming request")).toHaveLength(6);
        expect(messages.filter((m) => m === "request completed")).toHaveLength(6);
        expect(actual.find((l) => l.msg === "request completed" && l.reqId === "req-3")).toMatchObject({
          res: { statusCode: 500 },
          responseTime: "number",
        });
        expect(actual.find((l) => l.msg === "incoming request")).toMatchObject({
          req: {
            method: "GET",
            url: "/quiet",
            version: "1",
            host: "127.0.0.1:PORT",
            remoteAddress: "127.0.0.1",
          },
        });
      }
      if (level === "warn") {
        // The route with its own level (debug) still writes its request lines.
        expect(messages).toEqual([
          "built",
          "warn line formatted",
          "child line",
          "boom",
          "incoming request",
          "kept by the route's level",
          "request completed",
        ]);
      }
    },
  );

  test("`false` gives no logger at all, as Fastify's option did", () => {
    expect(rootLogger(false)).toBeNull();
    expect(requestLoggers(null)).toEqual({});
  });
});

describe("the app's request lines", () => {
  async function policyTwice(level: string): Promise<Line[]> {
    const dataDir = mkdtempSync(join(tmpdir(), "lb-logging-"));
    const config = loadConfig({
      HOST: "127.0.0.1",
      PORT: "0",
      LABELBRIDGE_TLS: "off",
      LABELBRIDGE_DATA_DIR: dataDir,
      LOG_LEVEL: level,
    });
    const store = openSqliteStore({ path: join(dataDir, "labelbridge.db") });
    await store.migrate();
    await seedDefaultPolicies(store, [DEVELOPMENT_SITE_ID]);
    const { stream, lines } = captureLines();
    const app = await buildApp(config, store, { logger: { level: config.logLevel, stream } });
    await app.listen({ host: "127.0.0.1", port: 0 });
    const { port } = app.server.address() as { port: number };
    const token = await mintDevToken(await loadOrCreateDevKey(dataDir), {
      tenantId: DEVELOPMENT_SITE_ID,
      clientId: DEV_CLIENT_ID,
      user: "ada@contoso.com",
    });
    const url = `http://127.0.0.1:${port}/api/v1/policy`;
    const first = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    await first.text();
    const second = await fetch(url, {
      headers: { authorization: `Bearer ${token}`, "if-none-match": first.headers.get("etag")! },
    });
    expect([first.status, second.status]).toEqual([200, 304]);
    await app.close();
    await store.close();
    return lines.filter((l) => l.reqId !== undefined);
  }

  test("at LOG_LEVEL=info GET /policy writes its two lines per request, 200 and 304", async () => {
    const lines = await policyTwice("info");
    const request = {
      method: "GET",
      url: "/api/v1/policy",
      host: "127.0.0.1:PORT",
      remoteAddress: "127.0.0.1",
    };
    expect(lines).toEqual([
      expect.objectContaining({ level: 30, msg: "incoming request", req: expect.objectContaining(request) }),
      expect.objectContaining({ level: 30, msg: "request completed", res: { statusCode: 200 } }),
      expect.objectContaining({ level: 30, msg: "incoming request", req: expect.objectContaining(request) }),
      expect.objectContaining({ level: 30, msg: "request completed", res: { statusCode: 304 } }),
    ]);
    expect(lines.every((l) => l.msg === "incoming request" || l.responseTime === "number")).toBe(true);
  });

  test("at LOG_LEVEL=warn it writes none", async () => {
    expect(await policyTwice("warn")).toEqual([]);
  });
});
