/**
 * /api/v1/scanner/*: the routes scanner nodes call (`labelbridge scanner`). A token needs the
 * scanner app role (LABELBRIDGE_SCANNER_ROLE) or the admin role. Not counted against the per-user
 * rate limit: nodes batch their reports, and a 429 in the middle of a unit would only delay it.
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import { HttpError } from "../errors";
import type { ScanJobs } from "./index";
import { parseBody } from "./parseBody";
import { parseResultsReport } from "./resultsReport";
import { heartbeatSchema, registerSchema, releaseSchema, walkReportSchema } from "./wire";

const tags = ["scanner nodes"];
const security = [{ bearer: [] }];

export default async function scannerRoutes(
  app: FastifyInstance,
  options: { scanJobs: ScanJobs; adminRole: string },
): Promise<void> {
  const { scanner, ctx } = options.scanJobs;
  const role = ctx.config.scannerRole;

  app.addHook("onRequest", async (request: FastifyRequest) => {
    const principal = await app.authenticate(request);
    if (!principal.roles.includes(role) && !principal.isAdmin)
      throw new HttpError(
        403,
        "not-scanner",
        `this needs the '${role}' (or '${options.adminRole}') app role in the token`,
      );
  });

  type NodeParams = { Params: { node: string } };
  type UnitParams = { Params: { node: string; runId: string; unitId: string } };
  const schema = (summary: string) => ({ schema: { tags, security, summary } });

  app.post(
    "/nodes",
    schema("Register a node (again after a restart: what it held goes back to the queue)"),
    async (request) =>
      scanner.register(request.principal!, parseBody(registerSchema, request.body, "invalid-node")),
  );

  app.post<NodeParams>(
    "/nodes/:node/heartbeat",
    schema("The node is alive; answers the units it no longer holds"),
    async (request) =>
      scanner.heartbeat(
        request.principal!,
        request.params.node,
        parseBody(heartbeatSchema, request.body, "invalid-heartbeat"),
      ),
  );

  app.post<NodeParams>(
    "/nodes/:node/claim",
    schema("The next work unit for this node (unit: null when none)"),
    async (request) => scanner.claim(request.principal!, request.params.node),
  );

  app.post<NodeParams>(
    "/nodes/:node/leave",
    schema("The node stops: its units go back to the queue"),
    async (request, reply) => {
      await scanner.leave(request.principal!, request.params.node);
      return reply.code(204).send();
    },
  );

  app.get<{ Params: { runId: string } }>(
    "/runs/:runId",
    schema("What a node needs to scan for a run"),
    async (request) => scanner.runSpec(request.principal!, request.params.runId),
  );

  app.post<UnitParams>(
    "/nodes/:node/units/:runId/:unitId/walk",
    schema("A folder's listing: sub-folders and batches of files"),
    async (request) => {
      const { node, runId, unitId } = request.params;
      await scanner.walk(
        request.principal!,
        node,
        runId,
        unitId,
        parseBody(walkReportSchema, request.body, "invalid-walk"),
      );
      return { ok: true };
    },
  );

  app.post<UnitParams>(
    "/nodes/:node/units/:runId/:unitId/results",
    schema("Report rows of the unit's files; each file counts once"),
    async (request) => {
      const { node, runId, unitId } = request.params;
      return scanner.results(request.principal!, node, runId, unitId, parseResultsReport(request.body));
    },
  );

  app.post<UnitParams>(
    "/nodes/:node/units/:runId/:unitId/release",
    schema("Give a unit back to the queue"),
    async (request, reply) => {
      const { node, runId, unitId } = request.params;
      const { claim } = parseBody(releaseSchema, request.body, "invalid-release");
      await scanner.release(request.principal!, node, runId, unitId, claim);
      return reply.code(204).send();
    },
  );
}
