/**
 * CORS for the API: an allow-list of origins, every header value computed once. A request without
 * an Origin header (the add-in's policy polls from the server's own origin, any non-browser
 * client) costs one property read. `Vary: Origin` is part of the API's fixed headers
 * (security.ts), so caches keep answers for different origins apart either way.
 *
 * Preflights are answered in the hook, before authentication (browsers send them without the
 * Authorization header), as @fastify/cors did: 204 with the allowed methods and headers for an
 * allowed origin, 204 without any Access-Control-* header for another, 400 for a malformed one.
 */
import fp from "fastify-plugin";
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from "fastify";

export interface CorsOptions {
  /** Exact origins (scheme://host[:port]) allowed to call from a browser. */
  origins: string[];
  methods: string[];
  /** Request headers a page may send. */
  allowedHeaders: string[];
  /** Response headers a page may read. */
  exposedHeaders: string[];
  /** Seconds a browser may reuse a preflight answer. */
  maxAgeSeconds: number;
}

async function corsPlugin(app: FastifyInstance, options: CorsOptions): Promise<void> {
  const allowed = new Set(options.origins);
  const exposed = options.exposedHeaders.join(", ");
  const preflight = {
    "access-control-allow-methods": options.methods.join(", "),
    "access-control-allow-headers": options.allowedHeaders.join(", "),
    "access-control-max-age": String(options.maxAgeSeconds),
    "content-length": "0",
  };

  app.addHook("onRequest", (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    const origin = request.headers.origin;
    if (origin === undefined) {
      if (request.method === "OPTIONS") reply.code(400).type("text/plain").send("Invalid Preflight Request");
      else done();
      return;
    }
    const permitted = allowed.has(origin);
    if (request.method !== "OPTIONS") {
      if (permitted)
        reply.header("access-control-allow-origin", origin).header("access-control-expose-headers", exposed);
      done();
      return;
    }
    if (request.headers["access-control-request-method"] === undefined) {
      reply.code(400).type("text/plain").send("Invalid Preflight Request");
      return;
    }
    if (permitted) reply.header("access-control-allow-origin", origin).headers(preflight);
    else reply.header("content-length", "0");
    reply.code(204).send();
  });

  // Lets the router accept OPTIONS for every API path; the hook above has answered it already.
  app.options("*", { schema: { hide: true } }, (_request, reply) => {
    reply.code(204).send();
  });
}

export default fp(corsPlugin, { name: "labelbridge-cors" });
