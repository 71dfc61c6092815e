/**
 * The backend's scanner API as a node uses it (/api/v1/scanner, docs/scanner-cluster.md). Network
 * errors, 429 and 5xx are retried with growing waits (a backend restarting or a load balancer
 * switching costs a pause, not the unit); a 409 is an answer about the node or the unit and is
 * thrown as a ClaimLost or NodeLost for the node to act on.
 */
import type {
  ClaimAnswer,
  FileResult,
  HeartbeatAnswer,
  NodeStats,
  RegisterAnswer,
  RunSpec,
  WalkReport,
} from "../../server/scanJobs/wire";
import { setTimeout as sleep } from "node:timers/promises";
import { type FetchLike, ServerError, apiUrl, describeFailure, request } from "../scan/server";

/** The backend no longer counts this node as registered (it was declared lost): register again. */
export class NodeLost extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NodeLost";
  }
}

/** The unit is not this node's any more (handed to another node, or its run was cancelled). */
export class UnitLost extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnitLost";
  }
}

export interface ClientOptions {
  server: string;
  token: string;
  node: string;
  fetch?: FetchLike;
  /** Waits before each retry; the last is repeated up to `retries`. */
  retryDelaysMs?: readonly number[];
  retries?: number;
}

/** Waits `ms`, or less once `signal` is aborted. */
const pause = (ms: number, signal: AbortSignal) => sleep(ms, undefined, { signal }).catch(() => undefined);

export class ScannerClient {
  private readonly fetchImpl: FetchLike;
  private readonly delays: readonly number[];
  private readonly retries: number;
  private readonly stopped = new AbortController();

  constructor(private readonly options: ClientOptions) {
    this.fetchImpl = options.fetch ?? fetch;
    this.delays = options.retryDelaysMs ?? [500, 1000, 2000, 5000];
    this.retries = options.retries ?? 12;
    apiUrl(options.server, "scanner"); // a bad --server fails here, before anything starts
  }

  get node(): string {
    return this.options.node;
  }

  /**
   * From now on a failed request is not retried, and a wait for a retry ends at once: a node told
   * to stop leaves rather than wait for a backend that does not answer. What it could not store or
   * give back goes to another node once the backend declares it lost.
   */
  stopRetrying(): void {
    this.stopped.abort();
  }

  private async send<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
    const url = apiUrl(this.options.server, `scanner/${path}`);
    for (let attempt = 0; ; attempt++) {
      let failure: ServerError;
      try {
        const res = await request(this.fetchImpl, method, url, this.options.token, body);
        if (res.ok) return (res.status === 204 ? undefined : await res.json()) as T;
        failure = await describeFailure(method, url, res);
        if (res.status === 409 && / is not registered/.test(failure.message))
          throw new NodeLost(failure.message);
        if (res.status === 409 && path.includes("/units/")) throw new UnitLost(failure.message);
        if (res.status !== 429 && res.status < 500) throw failure;
      } catch (err) {
        if (!(err instanceof ServerError) || (err.status !== null && err.status !== 429 && err.status < 500))
          throw err;
        failure = err;
      }
      if (attempt >= this.retries || this.stopped.signal.aborted) throw failure;
      await pause(this.delays[Math.min(attempt, this.delays.length - 1)], this.stopped.signal);
      if (this.stopped.signal.aborted) throw failure;
    }
  }

  private nodePath(rest: string): string {
    return `nodes/${encodeURIComponent(this.options.node)}/${rest}`;
  }

  register(info: { host: string; version: string; jobs: number }): Promise<RegisterAnswer> {
    return this.send("POST", "nodes", { node: this.options.node, ...info });
  }

  heartbeat(units: string[], stats: NodeStats): Promise<HeartbeatAnswer> {
    return this.send("POST", this.nodePath("heartbeat"), { units, stats });
  }

  claim(): Promise<ClaimAnswer> {
    return this.send("POST", this.nodePath("claim"), {});
  }

  runSpec(runId: string): Promise<RunSpec> {
    return this.send("GET", `runs/${encodeURIComponent(runId)}`);
  }

  private unitPath(runId: string, unitId: string, what: string): string {
    return this.nodePath(`units/${encodeURIComponent(runId)}/${encodeURIComponent(unitId)}/${what}`);
  }

  walk(runId: string, unitId: string, report: WalkReport): Promise<void> {
    return this.send("POST", this.unitPath(runId, unitId, "walk"), report);
  }

  results(
    runId: string,
    unitId: string,
    claim: number,
    results: FileResult[],
    done: boolean,
  ): Promise<{ stored: number; duplicates: number }> {
    return this.send("POST", this.unitPath(runId, unitId, "results"), { claim, results, done });
  }

  release(runId: string, unitId: string, claim: number): Promise<void> {
    return this.send("POST", this.unitPath(runId, unitId, "release"), { claim });
  }

  leave(): Promise<void> {
    return this.send("POST", this.nodePath("leave"), {});
  }
}
