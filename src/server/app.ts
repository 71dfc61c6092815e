/**
 * The HTTP application, one Fastify plugin per concern: security headers, OpenAPI, health, the
 * add-in's static files, then `/api/v1` (CORS, per-user rate limit) with the user routes (policy,
 * audit), the admin routes (configuration, Graph) and the reports. It holds no state that matters:
 * everything lives in the store, so any number of instances can serve one database. What it keeps
 * briefly (verified tokens, each tenant's current policy version for LABELBRIDGE_POLICY_CACHE_MS) is
 * re-read from its source when it runs out, and a write through this instance drops it at once.
 *
 * Another concern (the admin console) is one more plugin: pass it in `plugins`, or register it
 * beside the others below; `app.requireUser` / `app.requireAdmin` and `app.store` are there for it.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyPluginAsync,
  type FastifyServerOptions,
} from "fastify";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { JWTVerifyGetKey } from "jose";
import type { ServerConfig } from "./config";
import { errorBody, HttpError } from "./errors";
import authPlugin from "./auth/plugin";
import { createEntraVerifier } from "./auth/entra";
import { createDevVerifier, loadOrCreateDevKey } from "./auth/dev";
import type { TokenVerifier } from "./auth/principal";
import preflightRoute, { corsResponder } from "./cors";
import { guards } from "./guard";
import { RateLimiter } from "./rateLimit";
import { AuditQuota } from "./auditQuota";
import { attachLogger, requestLoggers, rootLogger } from "./logging";
import type { Store } from "./storage/store";
import { withWriteListener } from "./storage/writeListener";
import { EffectivePolicyCache } from "./effectivePolicy";
import { API_HEADERS, securityHeaders } from "./security";
import { policyFastPath, requestIds } from "./policyFastPath";
import healthRoutes from "./routes/health";
import staticRoutes from "./routes/static";
import homeRoutes from "./routes/home";
import policyRoutes, { policyCacheControl } from "./routes/policy";
import auditRoutes from "./routes/audit";
import adminRoutes from "./routes/admin";
import graphRoutes from "./routes/graph";
import infoTypeRoutes from "./routes/infoTypes";
import reportRoutes from "./routes/reports";
import reportsConsoleRoutes from "./routes/reportsConsole";
import adminConsole from "./admin/plugin";
import graphSyncRoutes from "./routes/graphSync";
import { resolvingGroups } from "./auth/groups";
import type { GraphClientOptions } from "./graph/client";
import { SyncSchedule } from "./graph/schedule";
import { createGraphServices } from "./graph/services";
import {
  protectionAdminRoutes,
  protectionServices,
  protectionUsageRoutes,
  protectionUserRoutes,
} from "./keys";
import retention from "./retention";
import { createScanJobs, scanJobAdminRoutes, scannerRoutes } from "./scanJobs";

declare module "fastify" {
  interface FastifyInstance {
    store: Store;
    config: ServerConfig;
  }
}

export interface ExtraPlugin {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  plugin: FastifyPluginAsync<any>;
  options?: Record<string, unknown>;
}

export interface AppOptions {
  /** Replaces the verifier the config implies (tests of other concerns). */
  verifier?: TokenVerifier;
  /** Entra mode: where a tenant's signing keys come from (tests point this at a local JWKS). */
  jwksFor?: (tenantId: string) => JWTVerifyGetKey;
  /** TLS key and certificate; plain HTTP without. */
  https?: { key: string | Buffer; cert: string | Buffer };
  logger?: FastifyServerOptions["logger"];
  /** Seconds a verified token is reused without re-verifying (default 60; 0 = verify every request). */
  tokenCacheSeconds?: number;
  plugins?: ExtraPlugin[];
  /** Microsoft Graph client tuning (tests: retry waits). */
  graph?: GraphClientOptions;
  /** Answer the hot conditional GET /policy before Fastify's routing (default true; policyFastPath.ts). */
  policyFastPath?: boolean;
}

/** Where the API lives; CORS applies under it. */
const API_PREFIX = "/api/v1/";

const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: "body-too-large",
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "unsupported-media-type",
  FST_ERR_CTP_EMPTY_JSON_BODY: "invalid-json",
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "invalid-content-length",
};

function errorHandler(
  this: FastifyInstance,
  err: FastifyError | HttpError,
  request: Parameters<FastifyInstance["errorHandler"]>[1],
  reply: Parameters<FastifyInstance["errorHandler"]>[2],
) {
  if (err instanceof HttpError) {
    for (const [name, value] of Object.entries(err.headers)) reply.header(name, value);
    return reply.code(err.statusCode).send(errorBody(err.statusCode, err.code, err.message, err.details));
  }
  const fe = err as FastifyError;
  if (fe.validation) {
    return reply.code(400).send(errorBody(400, "invalid-request", fe.message));
  }
  const status = fe.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    let message = fe.message;
    if (fe.code === "FST_ERR_CTP_BODY_TOO_LARGE")
      message = `the body is larger than the ${this.initialConfig.bodyLimit} bytes allowed`;
    else if (fe instanceof SyntaxError || /JSON/.test(fe.message))
      message = `the body is not valid JSON: ${fe.message}`;
    const code = FASTIFY_CODES[fe.code] ?? (/JSON/.test(fe.message) ? "invalid-json" : "bad-request");
    return reply.code(status).send(errorBody(status, code, message));
  }
  request.log.error({ err }, "request failed");
  return reply
    .code(500)
    .send(errorBody(500, "internal", "the server failed to handle the request; see its log"));
}

export async function buildApp(
  config: ServerConfig,
  database: Store,
  options: AppOptions = {},
): Promise<FastifyInstance> {
  const policies = new EffectivePolicyCache(database, { freshMs: config.policyCacheMs });
  // Every writer in this app goes through `store`, so a save here is served here at once.
  const store = withWriteListener(database, (tenantId) => policies.invalidate(tenantId));
  const protection = protectionServices(config, database, store);

  // Not Fastify's `logger` option: see logging.ts (no response listeners where nothing is logged).
  const log = rootLogger(options.logger ?? { level: config.logLevel });
  const requestId = requestIds();
  const app = Fastify({
    ...requestLoggers(log),
    genReqId: requestId,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    ...(options.https ? { https: options.https } : {}),
    // Closing: refuse new requests with 503, let in-flight ones finish, drop idle keep-alive sockets.
    return503OnClosing: true,
    forceCloseConnections: "idle",
  }) as unknown as FastifyInstance;
  attachLogger(app, log);

  app.decorate("store", store);
  app.decorate("config", config);
  if (config.auth.devRemoteOverride)
    app.log.warn(
      "LABELBRIDGE_ALLOW_DEV_AUTH_REMOTE: this server accepts DEVELOPMENT tokens, which anyone who can read its data directory can mint, " +
        "and it is configured to be reached from other machines. Never run it like this with real users or data.",
    );

  // Keep-alive would hold a drained connection open until its timeout (72 s) and stall close(). Node
  // reads keepAliveTimeout when a response finishes, so from here on a finished connection closes at
  // once — without a hook on every request.
  app.addHook("preClose", (done) => {
    app.server.keepAliveTimeout = 1;
    done();
  });
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .send(
        errorBody(
          404,
          "not-found",
          `${request.method} ${request.url.split("?")[0]} is not here; the API is under /api/v1 (see /docs)`,
        ),
      ),
  );

  const origins = [config.publicUrl, ...config.allowedOrigins];
  const pageHeaders = securityHeaders(origins, config.publicUrl.startsWith("https:"));
  const apiHeaders = config.publicUrl.startsWith("https:")
    ? { ...API_HEADERS, "strict-transport-security": pageHeaders["strict-transport-security"] }
    : API_HEADERS;
  // As name/value pairs: one loop over constants, not Object.keys and a lookup per header per request.
  const pagePairs = Object.entries(pageHeaders);
  const apiPairs = Object.entries(apiHeaders);
  const answerCors = corsResponder({
    origins,
    methods: ["GET", "POST", "PUT"],
    allowedHeaders: ["Authorization", "Content-Type", "If-Match", "If-None-Match"],
    exposedHeaders: ["ETag", "Retry-After", "Labelbridge-Groups"],
    maxAgeSeconds: 600,
  });
  // One hook for every request's fixed work (security headers; CORS on the API, which may answer a
  // preflight here), so an API call runs two onRequest hooks (this and its guard), not three.
  app.addHook("onRequest", function fixedHeaders(request, reply, done) {
    const url = request.url;
    if (url.startsWith("/api/")) {
      for (let i = 0; i < apiPairs.length; i++) reply.header(apiPairs[i][0], apiPairs[i][1]);
      if (url.startsWith(API_PREFIX) && answerCors(request, reply)) return;
    } else {
      for (let i = 0; i < pagePairs.length; i++) reply.header(pagePairs[i][0], pagePairs[i][1]);
    }
    done();
  });

  await app.register(swagger, {
    openapi: {
      info: { title: "Labelbridge policy backend", version: "1" },
      components: { securitySchemes: { bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT" } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: "/docs", staticCSP: true });

  const graph = config.graph ? createGraphServices(config.graph, store, options.graph) : null;
  const verifier = resolvingGroups(
    options.verifier ??
      (config.auth.mode === "dev"
        ? createDevVerifier(config.auth, await loadOrCreateDevKey(config.dataDir))
        : createEntraVerifier(config.auth, { jwksFor: options.jwksFor })),
    graph && ((tenantId, userId) => graph.groups.groups(tenantId, userId)),
    app.log,
  );
  if (graph && graph.config.syncIntervalMinutes > 0) {
    const schedule = new SyncSchedule(
      graph.sync,
      config.auth.tenants,
      graph.config.syncIntervalMinutes * 60_000,
      app.log,
    );
    app.addHook("onReady", async () => schedule.start());
    app.addHook("onClose", async () => schedule.stop());
  }
  // Scan jobs and their scanner nodes (docs/scanner-cluster.md): tables, queue, background steps.
  const scanJobs = await createScanJobs(store, config.scanJobs, app.log);
  app.decorate("scanJobs", scanJobs);
  app.addHook("onReady", async () => scanJobs.background.start());
  app.addHook("onClose", async () => scanJobs.close());
  await app.register(authPlugin, {
    verifier,
    adminRole: config.auth.adminRole,
    cacheSeconds: options.tokenCacheSeconds,
  });

  await app.register(healthRoutes, { store });
  await app.register(retention, { store, retentionDays: config.audit.retentionDays });
  await app.register(homeRoutes, { staticDir: config.staticDir, authMode: config.auth.mode });
  await app.register(staticRoutes, {
    staticDir: config.staticDir,
    publicUrl: config.publicUrl,
    addinScripts: config.addinScripts,
  });

  const guard = guards(
    app,
    new RateLimiter({ max: config.rateLimit.max, windowMs: config.rateLimit.windowMs }),
    config.auth.adminRole,
  );

  await app.register(
    async (api) => {
      await api.register(preflightRoute);

      await api.register(async (user) => {
        user.addHook("onRequest", guard.user);
        await user.register(policyRoutes, { policies, maxAgeSeconds: config.policyMaxAgeSeconds });
        await user.register(auditRoutes, {
          store,
          quota: new AuditQuota(config.audit.quota),
          retentionDays: config.audit.retentionDays,
          futureToleranceMs: config.audit.futureToleranceMs,
        });
        await user.register(protectionUserRoutes, { escrow: protection.escrow });
      });

      await api.register(async (admin) => {
        admin.addHook("onRequest", guard.admin);
        await admin.register(adminRoutes, { store, prefix: "/admin" });
        await admin.register(graphRoutes, { store, prefix: "/admin" });
        await admin.register(graphSyncRoutes, { graph, prefix: "/admin" });
        await admin.register(infoTypeRoutes, { store, prefix: "/admin" });
        await admin.register(reportRoutes, { store });
        await admin.register(reportsConsoleRoutes, { store });
        await admin.register(protectionAdminRoutes, { escrow: protection.escrow });
        await admin.register(protectionUsageRoutes, { store, keys: protection.keys });
        await admin.register(scanJobAdminRoutes, { scanJobs, prefix: "/admin" });
      });

      await api.register(scannerRoutes, { scanJobs, adminRole: config.auth.adminRole, prefix: "/scanner" });
    },
    { prefix: API_PREFIX.slice(0, -1) },
  );

  await app.register(adminConsole);
  for (const extra of options.plugins ?? []) await app.register(extra.plugin, extra.options ?? {});

  // Another plugin may add hooks the fast path would skip: with extras, Fastify answers everything.
  if (options.policyFastPath !== false && !options.plugins?.length) {
    let closing = false;
    const close = app.close;
    app.close = function (this: FastifyInstance, ...args: unknown[]) {
      closing = true;
      return (close as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof app.close;
    const info = log?.levels.values.info ?? 0;
    const answerEarly = policyFastPath({
      path: `${API_PREFIX}policy`,
      apiHeaders: apiPairs,
      cacheControl: policyCacheControl(config.policyMaxAgeSeconds),
      recentPrincipal: app.recentPrincipal,
      quietUser: guard.quietUser,
      policy: (principal) => policies.peek(principal),
      logsRequests: () => log !== null && log.levelVal <= info,
      closing: () => closing,
      requestId,
    });
    const [fastify] = app.server.listeners("request") as ((...a: unknown[]) => void)[];
    app.server.removeListener("request", fastify);
    app.server.on("request", (request: IncomingMessage, response: ServerResponse) => {
      if (!answerEarly(request, response)) fastify.call(app.server, request, response);
    });
  }
  return app;
}
