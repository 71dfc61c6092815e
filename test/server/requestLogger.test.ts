/**
 * Request loggers made on first use write exactly the lines Fastify's per-request pino children
 * write: same bindings (reqId), same levels, same children, same level changes. Real HTTP on loopback.
 */
import { Writable } from "node:stream";
import Fastify, { type FastifyInstance } from "fastify";
import { deferredChildLogger } from "../../src/server/requestLogger";

function capture(): { stream: Writable; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) {
        // Each run listens on its own port: the only part of a line allowed to differ.
        const sameHost = line
          .replace(/127\.0\.0\.1:\d+/g, "127.0.0.1:PORT")
          .replace(/"remotePort":\d+/g, '"remotePort":0');
        const { time: _time, pid: _pid, hostname: _host, responseTime: _rt, ...rest } = JSON.parse(sameHost);
        lines.push(rest);
      }
      done();
    },
  });
  return { stream, lines };
}

async function run(deferred: boolean, level: string): Promise<Record<string, unknown>[]> {
  const { stream, lines } = capture();
  const app: FastifyInstance = Fastify({
    logger: { level, stream },
    ...(deferred ? { childLoggerFactory: deferredChildLogger } : {}),
  });
  app.get("/quiet", async () => "ok");
  app.get("/loud", async (request) => {
    request.log.info({ step: 1 }, "info line");
    request.log.warn({ step: 2 }, "warn line %s", "formatted");
    request.log.child({ part: "inner" }).error("child line");
    request.log.debug("hidden unless debug");
    request.log.level = "debug";
    request.log.debug({ step: 3 }, "debug after raising the level");
    return "ok";
  });
  app.get("/fails", async () => {
    throw new Error("boom");
  });
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
