/**
 * CORS for the API: an allow-list of origins, every header value computed once. A request without
 * an Origin header (the add-in's policy polls from the server's own origin, any non-browser
 * client) costs one property read. `Vary: Origin` is part of the API's fixed headers
 * (security.ts), so caches keep answers for different origins apart either way.
 *
 * The app calls `corsResponder` from its one onRequest hook for API paths (app.ts), before the
 * routes' authentication hook. Preflights are answered there, before authentication (browsers send them without the
 * Authorization header), as @fastify/cors did: 204 with the allowed methods and headers for an
 * allowed origin, 204 without any Access-Control-* header for another, 400 for a malformed one.
 */
import fp from "fastify-plugin";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

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

export type CorsResponder = (request: FastifyRequest, reply: FastifyReply) => boolean;

/**
 * CORS for one API request: an allowed Origin gets its Access-Control-* headers; a preflight is
 * answered here. True when it has answered (the caller stops the request there).
 */
export function corsResponder(options: CorsOptions): CorsResponder {
  const allowed = new Set(options.origins);
  const exposed = options.exposedHeaders.join(", ");
  const preflight = {
    "access-control-allow-methods": options.methods.join(", "),
    "access-control-allow-headers": options.allowedHeaders.join(", "),
    "access-control-max-age": String(options.maxAgeSeconds),
    "content-length": "0",
  };

  return (request, reply) => {
    const origin = request.headers.origin;
    if (origin === undefined) {
      if (request.method !== "OPTIONS") return false;
      reply.code(400).type("text/plain").send("Invalid Preflight Request");
      return true;
    }
    const permitted = allowed.has(origin);
    if (request.method !== "OPTIONS") {
      if (permitted)
        reply.header("access-control-allow-origin", origin).header("access-control-expose-headers", exposed);
      return false;
    }
    if (request.headers["access-control-request-method"] === undefined) {
      reply.code(400).type("text/plain").send("Invalid Preflight Request");
      return true;
    }
    if (permitted) reply.header("access-control-allow-origin", origin).headers(preflight);
    else reply.header("content-length", "0");
    reply.code(204).send();
    return true;
  };
}

/** Lets the router accept OPTIONS for every API path; the app's onRequest hook has answered it already. */
async function preflightRoute(app: FastifyInstance): Promise<void> {
  app.options("*", { schema: { hide: true } }, (_request, reply) => {
    reply.code(204).send();
  });
}

export default fp(preflightRoute, { name: "labelbridge-cors" });
