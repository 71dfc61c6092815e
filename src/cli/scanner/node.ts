/**
 * A scanner node: registers with the backend, claims work units (a couple at a time, so the file
 * readers never wait for the next claim), carries them out, and sends a heartbeat with its counts.
 * Units the backend took back (the node was silent too long, or their run was cancelled) are
 * dropped mid-way; on SIGINT/SIGTERM it finishes the files it is reading, gives the rest back and
 * leaves. docs/scanner-cluster.md describes the cluster.
 */
import { hostname } from "node:os";
import type { EffectivePolicy } from "../../core/policy";
import { type ClaimedUnit, type RunSpec, policyUserOf } from "../../server/scanJobs/wire";
import { DEFAULT_CONTENT_LIMITS } from "../scan/content";
import type { FileScanner } from "../scan/pool";
import { ServerError } from "../scan/server";
import { policyFromJson } from "../scan/policySource";
import { justificationFrom } from "../scan/policyUse";
import type { ScanSettings } from "../scan/scanFile";
import { NodeLost, type ScannerClient, UnitLost } from "./client";
import { type NodeCounters, Slots, type UnitDeps, runFilesUnit, runWalkUnit } from "./units";

export interface NodeOptions {
  client: ScannerClient;
  /** Files read at once. */
  jobs: number;
  /** Units held at once. */
  maxUnits?: number;
  /** Exit once no run of the tenant is going (instead of waiting for the next). */
  exitWhenIdle: boolean;
  /** Wait between claims when there is no work. */
  pollMs: number;
  version: string;
  log: (line: string) => void;
  /** The file scanner for a run's settings: worker threads, or in-process with one job. */
  makeScanner: (settings: ScanSettings, jobs: number, fileTimeoutSeconds: number) => FileScanner;
}

interface RunScanner {
  spec: RunSpec;
  scanner: FileScanner | { error: string };
  units: number;
}

interface Held {
  unit: ClaimedUnit;
  dropped: boolean;
  done: Promise<void>;
}

/** The scan settings of a run, resolved here exactly as `labelbridge scan --policy FILE --user UPN` would. */
export function settingsOf(spec: RunSpec): ScanSettings {
  const user = policyUserOf(spec.identity);
  let policy: EffectivePolicy | null = null;
  if (spec.policy)
    policy = policyFromJson(
      spec.policy.configuration,
      `the configuration (version ${spec.policy.version}) of run ${spec.runId}`,
      { id: user.id, upn: user.upn, groups: [...user.groups] },
      spec.mode === "discover",
    );
  if (spec.mode === "enforce" && !spec.dryRun && !policy?.features.scannerEnforce)
    throw new Error(
      `the policy for the job's identity is in phase "${policy?.phase ?? "none"}"; the scanner writes labels only in phase "enforce"`,
    );
  return {
    mode: spec.mode,
    policy,
    relabel: spec.relabel,
    justification:
      policy && spec.justification !== null ? justificationFrom(policy, spec.justification) : null,
    treatRecommendedAsAutomatic: spec.treatRecommendedAsAutomatic,
    dryRun: spec.dryRun,
    limits: DEFAULT_CONTENT_LIMITS,
    identity: { name: spec.identity.name, principalName: spec.identity.upn ?? "labelbridge-scanner" },
  };
}

export class ScannerNode {
  private readonly held = new Map<string, Held>();
  private readonly runs = new Map<string, Promise<RunScanner>>();
  private readonly counters: NodeCounters = { filesDone: 0, bytesDone: 0, errors: 0 };
  private readonly slots: Slots;
  private stopping = false;
  /** The backend no longer counts this node as registered; the claim loop registers it again. */
  private lost = false;
  private heartbeat: NodeJS.Timeout | null = null;
  private wake: (() => void) | null = null;

  constructor(private readonly options: NodeOptions) {
    this.slots = new Slots(Math.max(1, options.jobs * 2));
  }

  get name(): string {
    return this.options.client.node;
  }

  /** Stop claiming; finish the files being read, give the rest back, leave. */
  stop(): void {
    this.stopping = true;
    this.options.client.stopRetrying();
    this.wake?.();
  }

  private async register(): Promise<number> {
    const answer = await this.options.client.register({
      host: hostname(),
      version: this.options.version,
      jobs: this.options.jobs,
    });
    return answer.heartbeatSeconds;
  }

  private startHeartbeat(seconds: number): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = setInterval(() => void this.beat(), seconds * 1000);
  }

  private async beat(): Promise<void> {
    try {
      const answer = await this.options.client.heartbeat([...this.held.keys()], {
        ...this.counters,
        activeUnits: this.held.size,
      });
      for (const id of answer.dropUnits) {
        const h = this.held.get(id);
        if (h) h.dropped = true;
      }
    } catch (err) {
      if (err instanceof NodeLost) this.markLost();
      else this.options.log(`heartbeat failed: ${(err as Error).message}`);
    }
  }

  /**
   * Declared lost (silent too long): what it held went to others. The claim loop registers again,
   * so a registration that fails is retried there, never thrown from the heartbeat's timer.
   */
  private markLost(): void {
    if (this.lost) return;
    this.lost = true;
    this.options.log(`the backend declared ${this.name} lost; dropping its units and registering again`);
    for (const h of this.held.values()) h.dropped = true;
    this.wake?.();
  }

  /** True once registered again; a failure other than a refused token is logged, to be tried again. */
  private async registerAgain(): Promise<boolean> {
    try {
      this.startHeartbeat(await this.register());
      this.lost = false;
      return true;
    } catch (err) {
      if (err instanceof ServerError && (err.status === 401 || err.status === 403)) throw err;
      if (!this.stopping)
        this.options.log(
          `registering ${this.name} again failed: ${(err as Error).message}; trying again in ${this.options.pollMs} ms`,
        );
      return false;
    }
  }

  private runScanner(runId: string): Promise<RunScanner> {
    let run = this.runs.get(runId);
    if (!run) {
      run = this.options.client.runSpec(runId).then((spec) => {
        try {
          const settings = settingsOf(spec);
          return {
            spec,
            scanner: this.options.makeScanner(settings, this.options.jobs, spec.fileTimeoutSeconds),
            units: 0,
          };
        } catch (err) {
          return { spec, scanner: { error: `the run cannot scan: ${(err as Error).message}` }, units: 0 };
        }
      });
      run.catch(() => this.runs.delete(runId));
      this.runs.set(runId, run);
    }
    return run;
  }

  /** Closes the scanners of runs no unit of this node is using. */
  private async closeIdleRuns(): Promise<void> {
    for (const [runId, pending] of this.runs) {
      const run = await pending.catch(() => null);
      if (run && run.units === 0) {
        this.runs.delete(runId);
        if (!("error" in run.scanner)) await run.scanner.close();
      }
    }
  }

  private launch(unit: ClaimedUnit): void {
    const entry = { unit, dropped: false } as Held;
    entry.done = (async () => {
      const run = await this.runScanner(unit.runId);
      run.units++;
      try {
        const deps: UnitDeps = {
          client: this.options.client,
          spec: run.spec,
          scanner: run.scanner,
          slots: this.slots,
          counters: this.counters,
          dropped: () => entry.dropped || this.stopping,
        };
        if (unit.kind === "walk") await runWalkUnit(unit, deps);
        else await runFilesUnit(unit, deps);
        if (this.stopping && !entry.dropped) await this.giveBack(unit);
      } finally {
        run.units--;
      }
    })()
      .catch(async (err: unknown) => {
        if (err instanceof UnitLost || err instanceof NodeLost) {
          this.options.log(`unit ${unit.unitId} is no longer ours: ${err.message}`);
          return;
        }
        this.options.log(`unit ${unit.unitId} failed: ${(err as Error).message}; giving it back`);
        await this.giveBack(unit);
      })
      .finally(() => {
        this.held.delete(unit.unitId);
        this.wake?.();
      });
    this.held.set(unit.unitId, entry);
  }

  private async giveBack(unit: ClaimedUnit): Promise<void> {
    await this.options.client.release(unit.runId, unit.unitId, unit.claim).catch(() => undefined);
  }

  /** Waits until a unit finishes, `ms` pass, or stop() is called. */
  private pause(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    }).finally(() => (this.wake = null));
  }

  async run(): Promise<void> {
    let heartbeatSeconds: number;
    try {
      heartbeatSeconds = await this.register();
    } catch (err) {
      if (this.stopping) return; // stopped before the backend answered: nothing held, nothing to leave
      throw err;
    }
    this.startHeartbeat(heartbeatSeconds);
    this.options.log(`${this.name} registered; claiming work`);
    const maxUnits = this.options.maxUnits ?? 2;
    try {
      while (!this.stopping) {
        if (this.lost && !(await this.registerAgain())) {
          await this.pause(this.options.pollMs);
          continue;
        }
        if (this.held.size >= maxUnits) {
          await this.pause(this.options.pollMs);
          continue;
        }
        let answer;
        try {
          answer = await this.options.client.claim();
        } catch (err) {
          if (this.stopping) break;
          if (err instanceof NodeLost) this.markLost();
          else if (err instanceof ServerError && (err.status === 401 || err.status === 403)) throw err;
          else {
            this.options.log(`claim failed: ${(err as Error).message}`);
            await this.pause(this.options.pollMs);
          }
          continue;
        }
        if (answer.unit) {
          this.launch(answer.unit);
          continue;
        }
        if (this.options.exitWhenIdle && this.held.size === 0 && answer.runningRuns === 0) break;
        if (this.held.size === 0) await this.closeIdleRuns();
        await this.pause(this.options.pollMs);
      }
      await Promise.all([...this.held.values()].map((h) => h.done));
    } finally {
      if (this.heartbeat) clearInterval(this.heartbeat);
      await this.options.client.leave().catch(() => undefined);
      this.stopping = true;
      await this.closeIdleRuns();
    }
  }

  get totals(): NodeCounters {
    return { ...this.counters };
  }
}
