/** GET /policy: the caller's effective policy, cacheable by ETag. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { EffectivePolicyCache, EffectivePolicyResponse } from "../effectivePolicy";
import { HttpError } from "../errors";

export interface PolicyRouteOptions {
  policies: EffectivePolicyCache;
  maxAgeSeconds: number;
}

/** If-None-Match names this ETag: `*`, the tag itself, or a list holding it (weak or strong). */
export function notModified(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  if (ifNoneMatch === etag) return true; // what a client sends back, so compare before parsing
  if (ifNoneMatch.trim() === "*") return true;
  return ifNoneMatch.split(",").some((t) => t.trim().replace(/^W\//, "") === etag);
}

/** The answer varies by who asks (Authorization) and, for CORS, by the page that asks (Origin). */
const VARY = "Origin, Authorization";
const JSON_TYPE = "application/json; charset=utf-8";

export const policyCacheControl = (maxAgeSeconds: number): string =>
  `private, max-age=${maxAgeSeconds}, must-revalidate`;

/** Where headers go: a Fastify reply, or the prebuilt answer of the fast path (policyFastPath.ts). */
export interface HeaderSink {
  header(name: string, value: string): unknown;
}

/** Every answer's own headers (200 and 304), in the order they are set. */
export function policyHeaders(to: HeaderSink, etag: string, cacheControl: string): void {
  to.header("etag", etag);
  to.header("cache-control", cacheControl);
  to.header("vary", VARY);
}

export default async function policyRoutes(app: FastifyInstance, options: PolicyRouteOptions): Promise<void> {
  const { policies } = options;
  const cacheControl = policyCacheControl(options.maxAgeSeconds);

  const send = (request: FastifyRequest, reply: FastifyReply, policy: EffectivePolicyResponse | null) => {
    if (policy === null) {
      throw new HttpError(
        404,
        "no-policy",
        `tenant ${request.principal!.tenantId} has no labeling configuration yet; an admin creates one with PUT /api/v1/admin/policy or a Graph import`,
      );
    }
    policyHeaders(reply, policy.etag, cacheControl);
    if (notModified(request.headers["if-none-match"], policy.etag)) reply.code(304).send();
    else reply.header("content-type", JSON_TYPE).send(policy.body);
  };

  app.get(
    "/policy",
    {
      schema: {
        tags: ["policy"],
        summary: "The caller's effective policy: labels, settings and phase",
        description: "Send If-None-Match with the last ETag to get 304 when nothing changed.",
        security: [{ bearer: [] }],
      },
    },
    // Not async: inside the cache window the answer is ready, and a promise would only add a turn.
    (request, reply) => {
      const principal = request.principal!;
      const ready = policies.peek(principal);
      if (ready !== undefined) return send(request, reply, ready);
      return policies.forPrincipal(principal).then((policy) => send(request, reply, policy));
    },
  );
}
