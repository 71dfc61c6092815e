/**
 * The server's logger: the pino logger Fastify would build from the same `logger` option (level
 * `info` unless given, Fastify's req/res/err serializers, `stream` or `file`), handed to Fastify
 * through `childLoggerFactory` and `app.log` instead of the `logger` option.
 *
 * Why: given a logger, Fastify adds 'finish' and 'error' listeners to every response and removes
 * them again, reading the clock twice, only to write "request completed" — at every level, even
 * where info lines are never written (the bench runs at warn; docs/benchmarks.md). Here the
 * listeners exist only when the level writes info lines: an onResponse hook, which makes Fastify
 * set them up and write "request completed" itself, exactly as before. Every other line about a
 * request ("incoming request", errors, route not found) goes through the request's logger as
 * before. Levels are read when the app is built and its routes added: raising a level to info
 * later (the root's, or a request's own logger during the request) does not start the "request
 * completed" lines. Nothing in this app changes a level at run time.
 *
 * Without listeners a response's 'error' event has nobody to hear it, as in any Fastify app without
 * a logger: Node emits it only for a write after the response ended.
 */
import pino, { type DestinationStream, type Logger, type LoggerOptions } from "pino";
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifyServerOptions,
  onResponseHookHandler,
} from "fastify";
import { deferredChildLogger } from "./requestLogger";

type LoggerOption = FastifyServerOptions["logger"];
type ChildLoggerFactory = NonNullable<FastifyServerOptions["childLoggerFactory"]>;

/** Fastify's own serializers (lib/logger-pino.js), so every line reads as Fastify writes it. */
export const FASTIFY_SERIALIZERS = {
  req: (req: FastifyRequest) => ({
    method: req.method,
    url: req.url,
    version: req.headers && req.headers["accept-version"],
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket ? req.socket.remotePort : undefined,
  }),
  err: pino.stdSerializers.err,
  res: (reply: FastifyReply) => ({ statusCode: reply.statusCode }),
};

/** The root logger for Fastify's `logger` option; null for `false` or none (no logging at all). */
export function rootLogger(option: LoggerOption): Logger | null {
  if (!option) return null;
  const { stream, file, ...options } = (option === true ? {} : option) as LoggerOptions & {
    stream?: DestinationStream;
    file?: string;
  };
  const destination = stream ?? (file !== undefined ? pino.destination(file) : undefined);
  return pino(
    {
      ...options,
      level: options.level || "info",
      serializers: { ...FASTIFY_SERIALIZERS, ...options.serializers },
    },
    destination,
  );
}

/**
 * Fastify options that give each request a child of `root` (made when first written to), whatever
 * logger Fastify passes in: without its `logger` option that is a logger that writes nothing.
 */
export function requestLoggers(root: Logger | null): Pick<FastifyServerOptions, "childLoggerFactory"> {
  if (root === null) return {};
  const base = root as unknown as FastifyBaseLogger;
  const childLoggerFactory: ChildLoggerFactory = function (_silent, bindings, options, rawRequest) {
    return deferredChildLogger.call(this, base, bindings, options, rawRequest);
  };
  return { childLoggerFactory };
}

/**
 * Makes `root` the app's logger. Where info lines are written (the root's level, or a route's own
 * `logLevel`), an onResponse hook: it is what makes Fastify listen for the response's end and
 * write "request completed", as it did for every request.
 */
export function attachLogger(app: FastifyInstance, root: Logger | null): void {
  if (root === null) return;
  app.log = root as unknown as FastifyBaseLogger;
  const completed: onResponseHookHandler = (_request, _reply, done) => done();
  const info = root.levels.values.info;
  if (root.levelVal <= info) {
    app.addHook("onResponse", completed);
    return;
  }
  app.addHook("onRoute", (route) => {
    if (!route.logLevel) return;
    const level = root.levels.values[route.logLevel];
    // Fastify checks a route's level against its own logger, which it no longer has.
    if (level === undefined)
      throw new Error(`${route.method} ${route.url}: logLevel '${route.logLevel}' is not a log level`);
    if (level <= info) route.onResponse = [...hookList(route.onResponse), completed];
  });
}

function hookList<T>(hooks: T | T[] | undefined): T[] {
  return hooks === undefined ? [] : Array.isArray(hooks) ? hooks : [hooks];
}
