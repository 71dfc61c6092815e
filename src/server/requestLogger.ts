/**
 * Request loggers made when first written to. Fastify gives every request a pino child logger bound
 * to its request id (~2 µs each, measured here); at LOG_LEVEL=warn almost no request writes a line,
 * so the child is made only when a line at an enabled level is written, with the same bindings and
 * options — the lines are the same. A child asked for with its own level or serializers is made at
 * once, as before.
 */
import type { FastifyBaseLogger, FastifyServerOptions } from "fastify";

type Level = "fatal" | "error" | "warn" | "info" | "debug" | "trace";
type LogFn = FastifyBaseLogger["info"];
type Bindings = Parameters<FastifyBaseLogger["child"]>[0];
type ChildOptions = NonNullable<Parameters<FastifyBaseLogger["child"]>[1]>;
type ChildLoggerFactory = NonNullable<FastifyServerOptions["childLoggerFactory"]>;

/** pino's default levels; `silent` and anything unknown write nothing. */
const RANK: Record<string, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 };

class DeferredLogger {
  private made: FastifyBaseLogger | undefined;

  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly bindings: Bindings,
    private readonly options: ChildOptions,
  ) {}

  private get real(): FastifyBaseLogger {
    return (this.made ??= this.parent.child(this.bindings, this.options));
  }

  enabled(level: Level): boolean {
    return RANK[level] >= (RANK[(this.made ?? this.parent).level] ?? Infinity);
  }

  get level(): string {
    return (this.made ?? this.parent).level;
  }

  set level(level: string) {
    this.real.level = level;
  }

  child(bindings: Bindings, options?: ChildOptions): FastifyBaseLogger {
    return this.real.child(bindings, options);
  }

  silent(): void {}

  write(level: Level, args: unknown[]): void {
    if (this.enabled(level)) (this.real[level] as (...line: unknown[]) => void)(...args);
  }

  declare fatal: LogFn;
  declare error: LogFn;
  declare warn: LogFn;
  declare info: LogFn;
  declare debug: LogFn;
  declare trace: LogFn;
}

for (const level of ["fatal", "error", "warn", "info", "debug", "trace"] as const) {
  DeferredLogger.prototype[level] = function (this: DeferredLogger, ...args: unknown[]) {
    this.write(level, args);
  } as LogFn;
}

export const deferredChildLogger: ChildLoggerFactory = (logger, bindings, options) =>
  options.level !== undefined || options.serializers !== undefined
    ? logger.child(bindings, options)
    : (new DeferredLogger(logger, bindings, options) as unknown as FastifyBaseLogger);
