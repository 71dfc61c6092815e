/** GET /policy: the caller's effective policy, cacheable by ETag. */
import type { FastifyInstance } from "fastify";
import type { EffectivePolicyCache } from "../effectivePolicy";
import { HttpError } from "../errors";

export interface PolicyRouteOptions {
  policies: EffectivePolicyCache;
  maxAgeSeconds: number;
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === "*") return true;
  return ifNoneMatch.split(",").some((t) => t.trim().replace(/^W\//, "") === etag);
}

export default async function policyRoutes(app: FastifyInstance, options: PolicyRouteOptions): Promise<void> {
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
    async (request, reply) => {
      const principal = request.principal!;
      const policy = await options.policies.forPrincipal(principal);
      if (!policy)
        throw new HttpError(
          404,
          "no-policy",
          `tenant ${principal.tenantId} has no labeling configuration yet; an admin creates one with PUT /api/v1/admin/policy or a Graph import`,
        );
      reply
        .header("etag", policy.etag)
        .header("cache-control", `private, max-age=${options.maxAgeSeconds}, must-revalidate`)
        .header("vary", [reply.getHeader("vary"), "Authorization"].filter(Boolean).join(", "));
      if (matches(request.headers["if-none-match"], policy.etag)) return reply.code(304).send();
      return reply.type("application/json; charset=utf-8").send(policy.body);
    },
  );
}
