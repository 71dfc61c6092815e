/** Captures pino's JSON lines, minus what differs from run to run (time, pid, host, port, timing). */
import { Writable } from "node:stream";
import type { FastifyInstance } from "fastify";

export type LogLine = Record<string, unknown>;

export function captureLines(): { stream: Writable; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) {
        // Each run listens on its own port: the only part of a line allowed to differ.
        const samePort = line
          .replace(/127\.0\.0\.1:\d+/g, "127.0.0.1:PORT")
          .replace(/"remotePort":\d+/g, '"remotePort":0');
        const { time: _time, pid: _pid, hostname: _host, responseTime, ...rest } = JSON.parse(samePort);
        // A duration differs every run; that it is there, and a number, does not.
        lines.push(responseTime === undefined ? rest : { ...rest, responseTime: typeof responseTime });
      }
      done();
    },
  });
  return { stream, lines };
}

/**
 * Routes that log in every way a route does: nothing, each level, a child, a throw, and (with
 * `raiseLevel`) a level raised during the request.
 */
export function addLoggingRoutes(app: FastifyInstance, { raiseLevel }: { raiseLevel: boolean }): void {
  app.get("/quiet", async () => "ok");
  app.get("/loud", async (request) => {
    request.log.info({ step: 1 }, "info line");
    request.log.warn({ step: 2 }, "warn line %s", "formatted");
    request.log.child({ part: "inner" }).error("child line");
    request.log.debug("hidden unless debug");
    if (raiseLevel) {
      request.log.level = "debug";
      request.log.debug({ step: 3 }, "debug after raising the level");
    }
    return "ok";
  });
  app.get("/fails", async () => {
    throw new Error("boom");
  });
}
