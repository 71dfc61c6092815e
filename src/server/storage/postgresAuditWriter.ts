/**
 * Audit batches on PostgreSQL written in groups (group commit). Each POST /audit was a transaction of
 * its own: ten requests at once were ten transactions adding to the same counter rows of today, each
 * waiting for the others' COMMIT, each paying its BEGIN, statements and COMMIT for 100 events
 * (docs/benchmarks.md, "Audit ingestion on PostgreSQL: the counter rows"). Here an instance runs at
 * most TRANSACTIONS_AT_ONCE audit transactions; the batches that queue meanwhile go together into the
 * next: one INSERT of all their rows, their counters summed per key and upserted once, one COMMIT.
 * A request is answered once the transaction holding its batch has committed.
 *
 * A group that fails is rolled back whole and its batches are written again one transaction each,
 * so a batch PostgreSQL refuses fails only its own request. Instances sharing the database each
 * group their own requests; the statements are the same as one batch's, so they stay correct
 * against each other (duplicates refused by the key, counters by ON CONFLICT).
 */
import type { AuditWrite } from "./auditWrite";
import { DailyCountSum } from "./auditDaily";
import { addDailyCounts, insertAuditRowKeys, rowAuditKey } from "./auditRows";
import type { SqlExecutor } from "./sql";

/** Events per transaction at most: one statement's arrays stay a few megabytes. */
const GROUP_EVENTS = 5000;

/**
 * Group transactions an instance runs at once. Two let one group's INSERT run while the other's
 * counters or COMMIT wait; the second waits for the first's counter rows, so more add little
 * (docs/benchmarks.md, "Audit ingestion on PostgreSQL: group commit").
 */
export const TRANSACTIONS_AT_ONCE = 2;

interface Queued {
  write: AuditWrite;
  ok: (accepted: number) => void;
  fail: (err: unknown) => void;
}

type Transaction = <T>(fn: (tx: SqlExecutor) => Promise<T>) => Promise<T>;

/**
 * Stores the batches' rows in one statement and adds what they stored to audit_daily. Returns how
 * many events of each batch were new: an event two batches of the group both carry is the first's.
 */
async function writeAuditGroup(tx: SqlExecutor, writes: readonly AuditWrite[]): Promise<number[]> {
  const rows = writes.flatMap((w) => w.rows);
  const stored = new Set(await insertAuditRowKeys(tx, "postgres", rows));
  const counters = new DailyCountSum();
  const accepted = writes.map((w) => {
    let n = 0;
    w.rows.forEach((row, i) => {
      // Deleted once claimed, so a second batch carrying the same event gets nothing.
      if (!stored.delete(rowAuditKey(row))) return;
      n++;
      counters.add(w.prefixes, w.dimensions[i]);
    });
    return n;
  });
  await addDailyCounts(tx, "postgres", counters.ordered());
  return accepted;
}

export class PostgresAuditWriter {
  private readonly queue: Queued[] = [];
  private running = 0;
  private drained: (() => void)[] = [];

  constructor(
    private readonly transaction: Transaction,
    private readonly atOnce = TRANSACTIONS_AT_ONCE,
  ) {}

  /** Stores one batch; resolves with how many of its events were new, once they are committed. */
  write(write: AuditWrite): Promise<number> {
    return new Promise<number>((ok, fail) => {
      this.queue.push({ write, ok, fail });
      void this.flush();
    });
  }

  /** Nothing is held outside audit_events on PostgreSQL (SQLite's writer has an inbox). */
  async mergeInbox(): Promise<void> {}

  private async flush(): Promise<void> {
    if (this.running >= this.atOnce || this.queue.length === 0) return;
    this.running++;
    let events = 0;
    let n = 0;
    while (n < this.queue.length && (n === 0 || events + this.queue[n].write.rows.length <= GROUP_EVENTS))
      events += this.queue[n++].write.rows.length;
    const group = this.queue.splice(0, n);
    try {
      const writes = group.map((q) => q.write);
      const accepted = await this.transaction((tx) => writeAuditGroup(tx, writes));
      group.forEach((q, i) => q.ok(accepted[i]));
    } catch (err) {
      if (group.length === 1) group[0].fail(err);
      else await this.writeAlone(group);
    }
    this.running--;
    if (this.queue.length > 0) void this.flush();
    else if (this.running === 0) for (const resolve of this.drained.splice(0)) resolve();
  }

  /** After a group failed: each batch in a transaction of its own, so only a refused batch fails. */
  private async writeAlone(group: Queued[]): Promise<void> {
    for (const q of group) {
      try {
        const [accepted] = await this.transaction((tx) => writeAuditGroup(tx, [q.write]));
        q.ok(accepted);
      } catch (err) {
        q.fail(err);
      }
    }
  }

  /** Waits until every queued batch is answered. */
  async close(): Promise<void> {
    if (this.running > 0 || this.queue.length > 0) await new Promise<void>((r) => this.drained.push(r));
  }
}
