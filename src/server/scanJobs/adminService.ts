/**
 * What admins (the console, the API) do with scan jobs: define them, start and cancel runs, and
 * follow a run — progress, throughput, nodes, errors and the report rows themselves.
 */
import { resolveEffectivePolicy } from "../../core/policy";
import type { RunDetail, ScanResultPage, ScannerNode } from "../../contracts/scanJobs";
import { HttpError, notFound } from "../errors";
import type { ScanJobsContext } from "./context";
import { type ScanJob, type ScanRun, scanJobDefinitionSchema } from "./model";
import { parseBody } from "./parseBody";
import { num } from "./sqlRows";
import { readStoredRow } from "./storedRow";
import { type RunSpec, policyUserOf } from "./wire";

export interface ResultsQuery {
  limit: number;
  /** Rows after this path (paging in path order). */
  after?: string;
  action?: string;
  errorsOnly?: boolean;
}

const definitionOrThrow = (body: unknown) => parseBody(scanJobDefinitionSchema, body, "invalid-scan-job");

export class AdminService {
  constructor(private readonly ctx: ScanJobsContext) {}

  createJob(tenantId: string, body: unknown, actor: string): Promise<ScanJob> {
    return this.ctx.jobs.create(tenantId, definitionOrThrow(body), actor, this.ctx.now());
  }

  async replaceJob(tenantId: string, jobId: string, body: unknown): Promise<ScanJob> {
    const job = await this.ctx.jobs.replace(tenantId, jobId, definitionOrThrow(body), this.ctx.now());
    if (!job) throw notFound("scan-job-not-found", `scan job ${jobId} does not exist`);
    return job;
  }

  async job(tenantId: string, jobId: string): Promise<ScanJob> {
    const job = await this.ctx.jobs.get(tenantId, jobId);
    if (!job) throw notFound("scan-job-not-found", `scan job ${jobId} does not exist`);
    return job;
  }

  async jobs(tenantId: string): Promise<Array<ScanJob & { lastRun: ScanRun | null }>> {
    const jobs = await this.ctx.jobs.list(tenantId);
    return Promise.all(
      jobs.map(async (j) => ({ ...j, lastRun: (await this.ctx.runs.list(tenantId, j.jobId, 1))[0] ?? null })),
    );
  }

  async deleteJob(tenantId: string, jobId: string): Promise<void> {
    await this.job(tenantId, jobId);
    if ((await this.ctx.runs.list(tenantId, jobId, 1))[0]?.status === "running")
      throw new HttpError(409, "scan-job-running", `scan job ${jobId} has a run going; cancel it first`);
    await this.ctx.jobs.delete(tenantId, jobId);
  }

  /** The configuration version the run decides with, checked against the job's mode. */
  private async policyFor(tenantId: string, job: ScanJob): Promise<RunSpec["policy"]> {
    const d = job.definition;
    const version =
      d.policyVersion === null
        ? await this.ctx.store.getPolicy(tenantId)
        : await this.ctx.store.getPolicyVersion(tenantId, d.policyVersion);
    if (!version) {
      if (d.policyVersion !== null)
        throw new HttpError(
          409,
          "policy-version-not-found",
          `the tenant has no configuration version ${d.policyVersion}`,
        );
      if (d.mode === "enforce")
        throw new HttpError(
          409,
          "no-policy",
          "mode enforce needs the tenant's configuration, and the tenant has none yet",
        );
      return null;
    }
    if (d.mode === "enforce" && !d.dryRun) {
      const effective = resolveEffectivePolicy(version.document, policyUserOf(d.identity));
      if (!effective.features.scannerEnforce)
        throw new HttpError(
          409,
          "policy-phase",
          `the policy for the job's identity is in phase "${effective.phase}"; the scanner writes labels only in phase "enforce". Use mode discover, or dryRun to see what enforce would do`,
        );
    }
    return { version: version.version, configuration: version.document };
  }

  async startRun(
    tenantId: string,
    jobId: string,
    options: { fullRescan: boolean; trigger: ScanRun["trigger"] },
  ): Promise<ScanRun> {
    const job = await this.job(tenantId, jobId);
    if (options.trigger === "schedule" && !job.definition.enabled)
      throw new HttpError(409, "scan-job-disabled", `scan job ${jobId} is disabled`);
    const policy = await this.policyFor(tenantId, job);
    const run = await this.ctx.runs.start(
      tenantId,
      job,
      policy,
      options.trigger,
      options.fullRescan,
      this.ctx.now(),
    );
    if (!run) throw new HttpError(409, "scan-job-running", `scan job ${jobId} already has a run going`);
    return run;
  }

  async cancelRun(tenantId: string, runId: string): Promise<ScanRun> {
    const run = await this.ctx.runs.get(tenantId, runId);
    if (!run) throw notFound("run-not-found", `run ${runId} does not exist`);
    if (!(await this.ctx.runs.cancel(tenantId, runId, this.ctx.now())))
      throw new HttpError(409, "run-not-running", `run ${runId} is ${run.status}, not running`);
    return (await this.ctx.runs.get(tenantId, runId))!;
  }

  runs(tenantId: string, jobId: string | null, limit: number): Promise<ScanRun[]> {
    return this.ctx.runs.list(tenantId, jobId, limit);
  }

  async run(tenantId: string, runId: string): Promise<RunDetail> {
    const run = await this.ctx.runs.get(tenantId, runId);
    if (!run) throw notFound("run-not-found", `run ${runId} does not exist`);
    const [nodes, units, actions] = await Promise.all([
      this.ctx.runs.byNode(tenantId, runId),
      this.ctx.runs.unitStates(tenantId, runId),
      this.ctx.db.query(
        `SELECT action, COUNT(*) AS n FROM scan_results WHERE tenant_id = $1 AND run_id = $2 GROUP BY action`,
        [tenantId, runId],
      ),
    ]);
    const end = run.finishedAt ? Date.parse(run.finishedAt) : this.ctx.now().getTime();
    const elapsedSeconds = Math.max(0, (end - Date.parse(run.createdAt)) / 1000);
    const per = (n: number) => (elapsedSeconds > 0 ? Math.round((n / elapsedSeconds) * 10) / 10 : 0);
    return {
      ...run,
      elapsedSeconds,
      filesPerSecond: per(run.filesDone),
      bytesPerSecond: per(run.bytesDone),
      byAction: Object.fromEntries(actions.map((a) => [String(a.action), num(a.n)])),
      units,
      nodes,
    };
  }

  async results(tenantId: string, runId: string, query: ResultsQuery): Promise<ScanResultPage> {
    if (!(await this.ctx.runs.get(tenantId, runId)))
      throw notFound("run-not-found", `run ${runId} does not exist`);
    const params: unknown[] = [tenantId, runId, query.after ?? "", query.limit + 1];
    let filter = "";
    if (query.action) {
      params.push(query.action);
      filter += ` AND action = $${params.length}`;
    }
    if (query.errorsOnly) filter += " AND error IS NOT NULL";
    const rows = await this.ctx.db.query(
      `SELECT path, node, outcome, row_json FROM scan_results WHERE tenant_id = $1 AND run_id = $2 AND path > $3${filter}
       ORDER BY path LIMIT $4`,
      params,
    );
    const page = rows.slice(0, query.limit);
    return {
      rows: page.map((r) => ({
        ...(readStoredRow(String(r.path), String(r.row_json)) as ScanResultPage["rows"][number]),
        node: String(r.node),
        outcome: String(r.outcome),
      })),
      next: rows.length > query.limit ? String(page[page.length - 1].path) : null,
    };
  }

  async nodes(tenantId: string): Promise<ScannerNode[]> {
    return this.ctx.nodes.list(this.ctx.db, tenantId);
  }
}
