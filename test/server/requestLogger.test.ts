/**
 * Request loggers made on first use write exactly the lines Fastify's per-request pino children
 * write: same bindings (reqId), same levels, same children, same level changes. Real HTTP on loopback.
 */
import Fastify, { type FastifyInstance } from "fastify";
import { deferredChildLogger } from "../../src/server/requestLogger";
import { addLoggingRoutes, captureLines } from "./support/logLines";

async function run(deferred: boolean, level: string): Promise<Record<string, unknown>[]> {
  const { stream, lines } = captureLines();
  const app: FastifyInstance = Fastify({
    logger: { level, stream },
    ...(deferred ? { childLoggerFactory: deferredChildLogger } : {}),
  });
  addLoggingRoutes(app, { raiseLevel: true });
  app.get("/own-level", { logLevel: "error" }, async (request) => {
    request.log.warn("dropped by the route's level");
    request.log.error("kept by the route's level");
    return "ok";
  });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const { port } = app.server.address() as { port: number };
  for (const path of ["/quiet", "/loud", "/fails", "/own-level", "/missing"])
    await (await fetch(`http://127.0.0.1:${port}${path}`)).text();
  await app.close();
  return lines;
}

describe("deferred request loggers", () => {
  test.each(["trace", "info", "warn", "error", "silent"])(
    "at level %s: the same lines as pino children",
    async (level) => {
      const expected = await run(false, level);
      const actual = await run(true, level);
      expect(actual).toEqual(expected);
      if (level === "warn") {
        expect(actual.map((l) => l.msg)).toEqual(
          expect.arrayContaining([
            "warn line formatted",
            "child line",
            "debug after raising the level",
            "boom",
            "kept by the route's level",
          ]),
        );
        expect(actual.find((l) => l.msg === "child line")).toMatchObject({ reqId: "req-2", part: "inner" });
        expect(actual.map((l) => l.msg)).not.toContain("info line");
      }
    },
  );
});
