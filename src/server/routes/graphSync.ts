/**
 * The Microsoft Graph sync on demand and its status (admin): `POST /graph/sync[?dryRun=true]`
 * answers what changed (or would), `GET /graph/status` when the last sync succeeded and the last
 * error. Conversion and merge live in core/policy; fetching in server/graph.
 */
import type { FastifyInstance } from "fastify";
import type { GraphSyncRefusal, GraphSyncResult, GraphSyncStatus } from "../../contracts/adminApi";
import { actorOf } from "./policyWrites";
import { HttpError } from "../errors";
import type { GraphServices } from "../graph/services";
import { SyncRefused } from "../graph/sync";

const STATUS: Record<GraphSyncRefusal, number> = {
  "graph-unavailable": 502,
  "sync-invalid": 409,
  "version-conflict": 409,
};

function notConfigured(): HttpError {
  return new HttpError(
    503,
    "graph-not-configured",
    "Microsoft Graph is not configured: set LABELBRIDGE_GRAPH_CLIENT_ID and a credential (docs/deploy.md)",
  );
}

export default async function graphSyncRoutes(
  app: FastifyInstance,
  options: { graph: GraphServices | null },
): Promise<void> {
  const { graph } = options;

  app.post(
    "/graph/sync",
    {
      schema: {
        tags: ["admin"],
        summary: "Read the tenant's Purview labels from Microsoft Graph and apply what changed",
        description:
          "Answers the diff (labels added, changed field by field, retired; policies changed). `dryRun=true` answers it without applying. An applied sync is a new policy version (kind `sync`).",
        security: [{ bearer: [] }],
        querystring: {
          type: "object",
          properties: { dryRun: { type: "boolean", default: false } },
          additionalProperties: false,
        },
      },
    },
    async (request): Promise<GraphSyncResult> => {
      if (!graph) throw notConfigured();
      const principal = request.principal!;
      const { dryRun } = request.query as { dryRun: boolean };
      try {
        return await graph.sync.run(principal.tenantId, { dryRun, actor: actorOf(principal) });
      } catch (err) {
        if (!(err instanceof SyncRefused)) throw err;
        request.log.warn({ code: err.code, reason: err.message }, "Graph sync refused");
        throw new HttpError(STATUS[err.code], err.code, err.message, {
          ...(err.issues.length > 0 ? { issues: err.issues } : {}),
          ...(err.graphCode ? { graphError: err.graphCode } : {}),
        });
      }
    },
  );

  app.get(
    "/graph/status",
    {
      schema: {
        tags: ["admin"],
        summary: "When the Graph sync last succeeded, and its last error",
        security: [{ bearer: [] }],
      },
    },
    async (request): Promise<GraphSyncStatus> => {
      if (!graph) return { configured: false };
      const state = await graph.state.get(request.principal!.tenantId);
      return {
        configured: true,
        apiVersion: graph.config.apiVersion,
        syncIntervalMinutes: graph.config.syncIntervalMinutes,
        ...state,
      };
    },
  );
}
