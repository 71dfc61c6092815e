/**
 * /api/v1/admin/scan-jobs: scan job definitions, their runs, and the scanner nodes — the API the
 * admin console's scan jobs view uses (docs/scanner-cluster.md describes every route and answer).
 * Registered inside the admin block of src/server/app.ts, so the admin guard has already run.
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ScanJobs } from "./index";

const tags = ["scan jobs"];
const security = [{ bearer: [] }];

const tenantOf = (request: FastifyRequest) => request.principal!.tenantId;

export default async function scanJobAdminRoutes(
  app: FastifyInstance,
  options: { scanJobs: ScanJobs },
): Promise<void> {
  const { admin } = options.scanJobs;
  type JobParams = { Params: { jobId: string } };
  type RunParams = { Params: { runId: string } };

  app.get(
    "/scan-jobs",
    { schema: { tags, security, summary: "Scan jobs, each with its last run" } },
    async (request) => ({
      jobs: await admin.jobs(tenantOf(request)),
    }),
  );

  app.post(
    "/scan-jobs",
    {
      schema: {
        tags,
        security,
        summary: "Define a scan job",
        description:
          "Body: the job definition (docs/scanner-cluster.md). 201 with the job; 400 names each wrong field.",
      },
    },
    async (request, reply) => {
      const principal = request.principal!;
      const job = await admin.createJob(principal.tenantId, request.body, principal.upn ?? principal.userId);
      return reply.code(201).send(job);
    },
  );

  app.get<JobParams>(
    "/scan-jobs/:jobId",
    { schema: { tags, security, summary: "One scan job" } },
    async (request) => admin.job(tenantOf(request), request.params.jobId),
  );

  app.put<JobParams>(
    "/scan-jobs/:jobId",
    { schema: { tags, security, summary: "Replace a scan job's definition (applies from its next run)" } },
    async (request) => admin.replaceJob(tenantOf(request), request.params.jobId, request.body),
  );

  app.delete<JobParams>(
    "/scan-jobs/:jobId",
    { schema: { tags, security, summary: "Delete a scan job (its runs and their results stay)" } },
    async (request, reply) => {
      await admin.deleteJob(tenantOf(request), request.params.jobId);
      return reply.code(204).send();
    },
  );

  app.post<JobParams & { Querystring: { full?: boolean } }>(
    "/scan-jobs/:jobId/runs",
    {
      schema: {
        tags,
        security,
        summary: "Start a run now",
        description:
          "`?full=true` rescans every file; otherwise unchanged files are skipped (incremental jobs).",
        querystring: {
          type: "object",
          properties: { full: { type: "boolean", default: false } },
          additionalProperties: false,
        },
      },
    },
    async (request, reply) => {
      const run = await admin.startRun(tenantOf(request), request.params.jobId, {
        fullRescan: request.query.full === true,
        trigger: "manual",
      });
      return reply.code(202).send(run);
    },
  );

  const limitQuery = {
    type: "object",
    properties: { limit: { type: "integer", minimum: 1, maximum: 500, default: 50 } },
    additionalProperties: false,
  } as const;

  app.get<JobParams & { Querystring: { limit: number } }>(
    "/scan-jobs/:jobId/runs",
    { schema: { tags, security, summary: "A job's runs, newest first", querystring: limitQuery } },
    async (request) => {
      await admin.job(tenantOf(request), request.params.jobId);
      return { runs: await admin.runs(tenantOf(request), request.params.jobId, request.query.limit) };
    },
  );

  app.get<{ Querystring: { limit: number } }>(
    "/scan-jobs/runs",
    { schema: { tags, security, summary: "Every job's runs, newest first", querystring: limitQuery } },
    async (request) => ({ runs: await admin.runs(tenantOf(request), null, request.query.limit) }),
  );

  app.get<RunParams>(
    "/scan-jobs/runs/:runId",
    { schema: { tags, security, summary: "A run: progress, throughput, actions, units, nodes" } },
    async (request) => admin.run(tenantOf(request), request.params.runId),
  );

  app.post<RunParams>(
    "/scan-jobs/runs/:runId/cancel",
    { schema: { tags, security, summary: "Cancel a running run (rows already reported stay)" } },
    async (request) => admin.cancelRun(tenantOf(request), request.params.runId),
  );

  app.get<RunParams & { Querystring: { limit: number; after?: string; action?: string; errors?: boolean } }>(
    "/scan-jobs/runs/:runId/results",
    {
      schema: {
        tags,
        security,
        summary: "A run's report rows in path order, a page at a time",
        description:
          "Each row as the scanner makes it (docs/cli.md), with `node` and `outcome`. Page on with `after=<next>`.",
        querystring: {
          type: "object",
          properties: {
            limit: { type: "integer", minimum: 1, maximum: 1000, default: 100 },
            after: { type: "string", maxLength: 4096 },
            action: { type: "string", maxLength: 40 },
            errors: { type: "boolean", default: false },
          },
          additionalProperties: false,
        },
      },
    },
    async (request) =>
      admin.results(tenantOf(request), request.params.runId, {
        limit: request.query.limit,
        after: request.query.after,
        action: request.query.action,
        errorsOnly: request.query.errors === true,
      }),
  );

  app.get(
    "/scan-jobs/nodes",
    { schema: { tags, security, summary: "Scanner nodes and their last heartbeat" } },
    async (request) => ({
      nodes: await admin.nodes(tenantOf(request)),
    }),
  );
}
