/**
 * What scanner nodes ask of the backend: register, heartbeat, claim a unit, report a walk or
 * results, give units back. A node acts under its token's tenant and only as the node name its
 * principal registered; a unit's reports are taken only from the node holding it, under the claim
 * number it was handed (a node that lost its unit to another is told so with a 409).
 */
import type { AuditEvent } from "../../core/audit";
import type { Principal } from "../auth/principal";
import { HttpError } from "../errors";
import type { SqlExecutor } from "../storage/sql";
import type { ScanJobsContext } from "./context";
import { failedRows } from "./failedRows";
import type { RunFacts } from "./runsStore";
import { type HeldUnit, UnitConflict } from "./unitsStore";
import type {
  ClaimAnswer,
  ClaimedUnit,
  HeartbeatAnswer,
  NodeStats,
  RegisterAnswer,
  ResultsReport,
  RunSpec,
  WalkPayload,
  WalkReport,
  WalkedFile,
} from "./wire";

/** Deliveries tried per claim before answering "nothing": each stale one is finished on the way. */
const CLAIM_TRIES = 8;

function unitConflict(err: unknown): never {
  if (err instanceof UnitConflict) throw new HttpError(409, "unit-not-held", err.message);
  throw err;
}

export class ScannerService {
  constructor(private readonly ctx: ScanJobsContext) {}

  private iso(): string {
    return this.ctx.now().toISOString();
  }

  private async ensureNode(principal: Principal, node: string): Promise<void> {
    const rows = await this.ctx.db.query(
      `SELECT principal_id, status FROM scan_nodes WHERE tenant_id = $1 AND node = $2`,
      [principal.tenantId, node],
    );
    if (rows.length === 0 || rows[0].status !== "live")
      throw new HttpError(
        409,
        "node-not-registered",
        `node ${node} is not registered${rows.length ? ` (it was ${String(rows[0].status)})` : ""}; register it again (POST /api/v1/scanner/nodes)`,
      );
    if (String(rows[0].principal_id) !== principal.userId)
      throw new HttpError(403, "node-of-another-identity", `node ${node} was registered by another identity`);
  }

  async register(
    principal: Principal,
    body: { node: string; host?: string; version?: string; jobs: number },
  ): Promise<RegisterAnswer> {
    const { ctx } = this;
    const now = ctx.now();
    await ctx.db.transaction(async (tx) => {
      if (ctx.db.engine === "sqlite") {
        const since = new Date(now.getTime() - ctx.config.nodeTimeoutSeconds * 1000).toISOString();
        const other = await ctx.nodes.otherLive(tx, principal.tenantId, body.node, since);
        if (other)
          throw new HttpError(
            409,
            "single-node",
            `node ${other.node} is already scanning: on SQLite the backend serves one scanner node; run the backend on PostgreSQL (DATABASE_URL) for a cluster`,
          );
      }
      // A node registering again restarted: what it held before is lost with its old process.
      await ctx.units.releaseNode(tx, principal.tenantId, body.node);
      await ctx.nodes.register(
        tx,
        principal.tenantId,
        { ...body, principalId: principal.userId },
        now.toISOString(),
      );
    });
    return {
      node: body.node,
      heartbeatSeconds: ctx.config.heartbeatSeconds,
      nodeTimeoutSeconds: ctx.config.nodeTimeoutSeconds,
    };
  }

  async heartbeat(
    principal: Principal,
    node: string,
    body: { units: string[]; stats: NodeStats },
  ): Promise<HeartbeatAnswer> {
    await this.ensureNode(principal, node);
    const { ctx } = this;
    const now = ctx.now();
    const claimedBefore = new Date(now.getTime() - 2 * ctx.config.heartbeatSeconds * 1000).toISOString();
    await ctx.db.transaction(async (tx) => {
      if (!(await ctx.nodes.heartbeat(tx, principal.tenantId, node, body.stats, now.toISOString())))
        throw new HttpError(409, "node-not-registered", `node ${node} is not registered; register it again`);
      await ctx.units.releaseForgotten(tx, principal.tenantId, node, body.units, claimedBefore);
    });
    return { dropUnits: await ctx.units.notHeld(principal.tenantId, ctx.db, node, body.units) };
  }

  async leave(principal: Principal, node: string): Promise<void> {
    await this.ensureNode(principal, node);
    await this.ctx.db.transaction(async (tx) => {
      await this.ctx.units.releaseNode(tx, principal.tenantId, node);
      await this.ctx.nodes.setStatus(tx, principal.tenantId, node, "left");
    });
  }

  async runSpec(principal: Principal, runId: string): Promise<RunSpec> {
    const facts = await this.ctx.facts(principal.tenantId, runId);
    if (!facts) throw new HttpError(404, "run-not-found", `run ${runId} does not exist`);
    return facts.spec;
  }

  async claim(principal: Principal, node: string): Promise<ClaimAnswer> {
    await this.ensureNode(principal, node);
    const { ctx } = this;
    const tenantId = principal.tenantId;
    for (let i = 0; i < CLAIM_TRIES; i++) {
      const delivery = await ctx.queue.next(tenantId);
      if (!delivery) break;
      const facts = await ctx.facts(tenantId, delivery.runId);
      const now = this.iso();
      const held = await ctx.db.transaction(async (tx) => {
        const unit = await ctx.units.claim(
          tx,
          tenantId,
          delivery.runId,
          delivery.unitId,
          delivery.queueId,
          node,
          now,
        );
        if (!unit || !facts) {
          // Finished, cancelled or taken meanwhile: this delivery is spent.
          if (ctx.queue.exclusiveDelivery) await ctx.queue.finished(tx, tenantId, [delivery.queueId]);
          return null;
        }
        if (unit.attempt > ctx.config.maxAttempts) {
          await this.giveUp(tx, facts, delivery.unitId, unit, node, now);
          return null;
        }
        return unit;
      });
      if (held && facts) return { unit: await this.describe(facts, delivery.unitId, held), runningRuns: 1 };
    }
    return { unit: null, runningRuns: await ctx.runs.runningCount(tenantId) };
  }

  /** What the node gets: a folder to list, or the unit's files still without a row. */
  private async describe(facts: RunFacts, unitId: string, held: HeldUnit): Promise<ClaimedUnit> {
    const base = { runId: facts.runId, unitId, claim: held.attempt };
    if (held.kind === "walk") return { kind: "walk", ...base, ...(held.payload as WalkPayload) };
    const files = (held.payload as { files: WalkedFile[] }).files;
    // Only a unit's holders report its rows: on its first claim none can have one yet.
    const done =
      held.attempt === 1
        ? new Set<string>()
        : await this.ctx.results.donePaths(
            this.ctx.db,
            facts.tenantId,
            facts.runId,
            files.map((f) => f.path),
          );
    const open = files.filter((f) => !done.has(f.path));
    const previous = facts.incremental
      ? await this.ctx.results.previousStates(
          this.ctx.db,
          facts,
          open.map((f) => f.path),
        )
      : new Map();
    return {
      kind: "files",
      ...base,
      files: open.map((f) => ({ ...f, previous: previous.get(f.path) ?? null })),
    };
  }

  /** A unit handed out too often (its nodes keep dying on it): its open files get an error row each. */
  private async giveUp(
    tx: SqlExecutor,
    facts: RunFacts,
    unitId: string,
    unit: HeldUnit,
    node: string,
    now: string,
  ): Promise<void> {
    const { ctx } = this;
    const why = `handed out ${ctx.config.maxAttempts} times and never finished (the nodes scanning it were lost); not scanned`;
    const targets: Array<{ path: string; size: number; type: string }> =
      unit.kind === "walk"
        ? [{ path: (unit.payload as WalkPayload).dir, size: 0, type: "-" }]
        : (unit.payload as { files: WalkedFile[] }).files;
    await ctx.results.commit(
      tx,
      facts,
      unitId,
      node,
      "backend",
      failedRows(targets, why),
      unit.kind === "files",
      now,
    );
    await ctx.units.finish(tx, facts.tenantId, facts.runId, unitId, unit.queueId, "failed", now);
    ctx.log.warn({ runId: facts.runId, unitId }, "scan unit failed after its last attempt");
  }

  private async heldFacts(principal: Principal, node: string, runId: string): Promise<RunFacts> {
    await this.ensureNode(principal, node);
    const facts = await this.ctx.facts(principal.tenantId, runId);
    if (!facts) throw new HttpError(404, "run-not-found", `run ${runId} does not exist`);
    return facts;
  }

  async walk(
    principal: Principal,
    node: string,
    runId: string,
    unitId: string,
    report: WalkReport,
  ): Promise<void> {
    const facts = await this.heldFacts(principal, node, runId);
    const { ctx } = this;
    const now = this.iso();
    await ctx.db
      .transaction(async (tx) => {
        const unit = await ctx.units.held(tx, facts.tenantId, runId, unitId, node, report.claim);
        if (unit.kind !== "walk")
          throw new HttpError(400, "not-a-walk-unit", `unit ${unitId} is a batch of files, not a folder`);
        const here = unit.payload as WalkPayload;
        await ctx.units.insert(
          tx,
          facts.tenantId,
          runId,
          [
            ...report.dirs.map((d) => ({
              kind: "walk" as const,
              key: `walk\0${d.path}`,
              payload: { root: here.root, dir: d.path, rel: d.rel },
            })),
            ...report.batches.map((b) => ({
              kind: "files" as const,
              key: `files\0${report.dir}\0${b.index}`,
              payload: { files: b.files },
            })),
          ],
          now,
        );
        if (report.done) {
          if (report.skipped > 0)
            await tx.run(
              `UPDATE scan_runs SET files_skipped = files_skipped + $3 WHERE tenant_id = $1 AND run_id = $2`,
              [facts.tenantId, runId, report.skipped],
            );
          await ctx.units.finish(tx, facts.tenantId, runId, unitId, unit.queueId, "done", now);
        }
      })
      .catch(unitConflict);
  }

  async results(
    principal: Principal,
    node: string,
    runId: string,
    unitId: string,
    report: ResultsReport,
  ): Promise<{ stored: number; duplicates: number }> {
    const facts = await this.heldFacts(principal, node, runId);
    const { ctx } = this;
    const now = this.iso();
    const outcome = await ctx.db
      .transaction(async (tx) => {
        const unit = await ctx.units.held(tx, facts.tenantId, runId, unitId, node, report.claim);
        const unchanged = report.results.filter((r) => r.outcome === "unchanged").map((r) => r.path);
        const previous = await ctx.results.previousRows(tx, facts, unchanged);
        let prepared;
        try {
          prepared = ctx.results.prepare(report.results, previous);
        } catch (err) {
          throw new HttpError(400, "no-previous-result", `${(err as Error).message}; nothing was stored`);
        }
        const stored = await ctx.results.commit(
          tx,
          facts,
          unitId,
          node,
          principal.userId,
          prepared,
          unit.kind === "files",
          now,
        );
        if (report.done) {
          if (unit.kind === "files") await this.checkComplete(tx, facts, unitId, unit, report);
          await ctx.units.finish(tx, facts.tenantId, runId, unitId, unit.queueId, "done", now);
        }
        return stored;
      })
      .catch(unitConflict);
    await this.recordAudit(facts.tenantId, runId, node, principal.userId, outcome.rows);
    return { stored: outcome.stored, duplicates: outcome.duplicates };
  }

  /**
   * A files unit is done only when each of its files has its row. The files of this report have
   * theirs now (stored by it, or before it); only the others are looked up.
   */
  private async checkComplete(
    tx: SqlExecutor,
    facts: RunFacts,
    unitId: string,
    unit: HeldUnit,
    report: ResultsReport,
  ): Promise<void> {
    const reported = new Set(report.results.map((r) => r.path));
    const others = (unit.payload as { files: WalkedFile[] }).files.filter((f) => !reported.has(f.path));
    if (others.length === 0) return;
    const done = await this.ctx.results.donePaths(
      tx,
      facts.tenantId,
      facts.runId,
      others.map((f) => f.path),
    );
    const missing = others.filter((f) => !done.has(f.path));
    if (missing.length > 0)
      throw new HttpError(
        400,
        "unit-incomplete",
        `unit ${unitId}: ${missing.length} file(s) have no result yet (first: ${missing[0].path}); report them before done`,
      );
  }

  async release(
    principal: Principal,
    node: string,
    runId: string,
    unitId: string,
    claim: number,
  ): Promise<void> {
    const facts = await this.heldFacts(principal, node, runId);
    await this.ctx.db
      .transaction(async (tx) => {
        await this.ctx.units.held(tx, facts.tenantId, runId, unitId, node, claim);
        await this.ctx.units.releaseNode(tx, facts.tenantId, node, [unitId]);
      })
      .catch(unitConflict);
  }

  /** Records the stored rows' audit events; on failure they stay pending for the sweep. */
  async recordAudit(
    tenantId: string,
    runId: string,
    node: string,
    author: string,
    rows: Array<{ path: string; audit: AuditEvent[] }>,
  ): Promise<void> {
    const withEvents = rows.filter((r) => r.audit.length > 0);
    if (withEvents.length === 0) return;
    try {
      await this.ctx.store.recordAudit(
        tenantId,
        { userId: author, userName: `scanner node ${node}` },
        withEvents.flatMap((r) => r.audit),
        this.iso(),
      );
      await this.ctx.results.auditRecorded(
        this.ctx.db,
        tenantId,
        runId,
        withEvents.map((r) => r.path),
      );
    } catch (err) {
      this.ctx.log.warn(
        { err, runId },
        "scan results' audit events left pending; the sweep records them later",
      );
    }
  }
}
