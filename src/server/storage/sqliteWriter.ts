/**
 * Audit batches on SQLite written off the main thread. better-sqlite3 is synchronous: a batch's
 * INSERTs, counter upserts and COMMIT held the event loop (/healthz included) for every batch
 * (docs/benchmarks.md, "Audit ingestion at scale"). The request's thread validates and builds the
 * rows; a worker thread with its own connection writes them. Batches that queue while one
 * transaction runs go together into the next (group commit), each in a savepoint of its own: a batch
 * that fails is rolled back alone and fails only its request, and a request is answered only once
 * the transaction holding its batch has committed. The stored batches' counters are summed and
 * upserted once per key at the end of the transaction (if that fails, like a failed COMMIT, every
 * batch in it fails). Where a batch's time went: docs/benchmarks.md, "Audit writer: where an
 * event's time went".
 *
 * A group of several batches (a busy moment) goes into audit_inbox, a table without indexes: an
 * event in audit_events' time key costs a page of its own when the events' times are spread
 * (clients sending what they queued offline), an append in the inbox costs a fraction of one. The
 * thread keeps the inbox's keys in memory to refuse duplicates, and moves the inbox into audit_events
 * in key order once it holds `mergeAt` events, when asked (retention, closing), and never otherwise;
 * reports read both tables (consoleReports.ts). A group of one batch goes straight to audit_events.
 * The keys in memory hold because this thread is the file's one audit writer: SQLite serves one
 * instance (docs/deploy.md runs several on PostgreSQL only).
 */
import { Worker } from "node:worker_threads";
import type { SqliteAuditSql } from "./auditRows";
import type { AuditWrite } from "./auditWrite";
import type { WriteTurn } from "./writeTurn";

/** Events per transaction at most: a longer one would keep the connection's own writes waiting. */
const GROUP_EVENTS = 5000;

/**
 * Inbox events that make the writer move them into audit_events. More events a move share the time
 * key's pages more, but reports scan the inbox whole; 50,000 measured no better (docs/benchmarks.md,
 * "Audit ingestion: one index entry an event, and an inbox for busy moments").
 */
export const INBOX_MERGE_EVENTS = 25_000;

const NO_EVENTS: AuditWrite = { rows: [], dimensions: [], prefixes: [] };

/** The worker's whole program (plain CommonJS, so the same text runs from sources and from the build). */
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const sql = workerData.sql;
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma("synchronous = NORMAL");
db.pragma("busy_timeout = 5000");
db.pragma("wal_autocheckpoint = " + workerData.autocheckpoint);
// Each batch's savepoint keeps the pages it changes in a sub-journal, which SQLite moves to a temp
// file past 64 KiB (temp storage is a file in this build): kept in memory, a batch writes no file.
db.pragma("temp_store = MEMORY");
// One row a statement: measured cheaper than one multi-row INSERT … RETURNING a batch.
const insert = db.prepare(sql.insertRow);
const counter = db.prepare(sql.counter);
const message = (err) => String((err && err.message) || err);
const keyOf = (tenant, time, id) => tenant + "\\u0000" + time + "\\u0000" + id;
// A thread started on a schema older than the inbox's (migration 8) writes every batch straight
// to audit_events until it is restarted.
const hasInbox = db.prepare(sql.inboxExists).get() !== undefined;
const insertInbox = hasInbox ? db.prepare(sql.insertInbox) : null;
const stored = db.prepare(sql.stored).pluck();
const mergeInbox = hasInbox ? sql.mergeInbox.map((text) => db.prepare(text)) : [];
// What audit_inbox holds, as (tenant, time, id) keys: kept here, so the inbox needs no index.
const inbox = new Set(hasInbox ? db.prepare(sql.inboxKeys).raw().all().map((k) => keyOf(...k)) : []);
// One batch: its new events, into the inbox or audit_events. Returns its counters (only what it
// stored is counted), by key; the inbox keys it added go into added.
const write = (w, toInbox, added) => {
  const storedIds = new Set();
  for (const r of w.rows) {
    const tenant = r[sql.tenantColumn], time = r[sql.timeColumn], id = r[sql.idColumn];
    const key = keyOf(tenant, time, id);
    if (inbox.has(key)) continue;
    if (toInbox) {
      if (stored.get(tenant, time, id) !== undefined) continue;
      insertInbox.run(...r);
      inbox.add(key);
      added.push(key);
    } else if (insert.run(...r).changes === 0) continue;
    storedIds.add(id);
  }
  const byDimensions = new Map();
  w.rows.forEach((r, i) => {
    if (!storedIds.has(r[sql.idColumn])) return;
    const id = w.dimensions[i].join("\\u0000");
    const entry = byDimensions.get(id);
    if (entry) entry.events++;
    else byDimensions.set(id, { dims: w.dimensions[i], events: 1 });
  });
  const counts = new Map();
  for (const prefix of w.prefixes)
    for (const [id, { dims, events }] of byDimensions)
      counts.set(prefix.join("\\u0000") + "\\u0000" + id, { key: [...prefix, ...dims], events });
  return { accepted: storedIds.size, counts };
};
// The group's counters, summed over its stored batches: one upsert a key per transaction (many
// batches share today's keys), in key order.
const addCounts = (group) => {
  for (const id of [...group.keys()].sort()) {
    const { key, events } = group.get(id);
    counter.run(...key, events);
  }
};
parentPort.on("message", (m) => {
  if (m.kind === "stop") {
    db.close();
    parentPort.close();
    return;
  }
  if (m.kind === "autocheckpoint") {
    db.pragma("wal_autocheckpoint = " + m.pages);
    return;
  }
  const results = [];
  const group = new Map();
  // Several batches at once: a busy moment, when the inbox pays.
  const toInbox = hasInbox && m.writes.filter((w) => w.rows.length > 0).length > 1;
  const added = [];
  let merged = false;
  try {
    db.exec("BEGIN IMMEDIATE");
    for (const w of m.writes) {
      db.exec("SAVEPOINT batch");
      const own = [];
      try {
        const { accepted, counts } = write(w, toInbox, own);
        db.exec("RELEASE batch");
        added.push(...own);
        results.push({ accepted });
        for (const [id, c] of counts) {
          const sum = group.get(id);
          if (sum) sum.events += c.events;
          else group.set(id, c);
        }
      } catch (err) {
        db.exec("ROLLBACK TO batch");
        db.exec("RELEASE batch");
        for (const key of own) inbox.delete(key);
        results.push({ error: message(err) });
      }
    }
    addCounts(group);
    if (inbox.size > 0 && (m.merge || inbox.size >= workerData.mergeAt)) {
      for (const statement of mergeInbox) statement.run();
      merged = true;
    }
    db.exec("COMMIT");
  } catch (err) {
    if (db.inTransaction) db.exec("ROLLBACK");
    // Nothing of this transaction was stored: every batch in it fails.
    for (const key of added) inbox.delete(key);
    const error = message(err);
    parentPort.postMessage(m.writes.map(() => ({ error })));
    return;
  }
  if (merged) inbox.clear();
  parentPort.postMessage(results);
});
`;

interface Result {
  accepted?: number;
  error?: string;
}

interface Queued {
  write: AuditWrite;
  /** Move the inbox into audit_events in this transaction. */
  merge?: boolean;
  ok: (accepted: number) => void;
  fail: (err: Error) => void;
}

export class SqliteAuditWriter {
  private worker: Worker | null = null;
  private readonly queue: Queued[] = [];
  private flushing = false;
  private autocheckpoint: number;
  /** The group on its way, answered by the worker's next message (or its exit). */
  private inFlight: { group: Queued[]; done: () => void } | null = null;
  private drained: (() => void)[] = [];

  constructor(
    private readonly path: string,
    private readonly sql: SqliteAuditSql,
    private readonly turn: WriteTurn,
    autocheckpoint: number,
    private readonly mergeAt = INBOX_MERGE_EVENTS,
  ) {
    this.autocheckpoint = autocheckpoint;
  }

  /** Stores one batch; resolves with how many of its events were new, once they are committed. */
  write(write: AuditWrite): Promise<number> {
    return new Promise<number>((ok, fail) => {
      this.queue.push({ write, ok, fail });
      void this.flush();
    });
  }

  /** Moves every event of the inbox into audit_events (before retention deletes by time, say). */
  async mergeInbox(): Promise<void> {
    await new Promise<number>((ok, fail) => {
      this.queue.push({ write: NO_EVENTS, merge: true, ok, fail });
      void this.flush();
    });
  }

  /** The connection's own checkpoints, turned back on when the checkpoint thread stops. */
  setAutocheckpoint(pages: number): void {
    this.autocheckpoint = pages;
    this.worker?.postMessage({ kind: "autocheckpoint", pages });
  }

  private start(): Worker {
    const worker = new Worker(WORKER, {
      eval: true,
      workerData: {
        driver: require.resolve("better-sqlite3"),
        path: this.path,
        sql: this.sql,
        autocheckpoint: this.autocheckpoint,
        mergeAt: this.mergeAt,
      },
    });
    // Idle, the writer never keeps the process alive; a group on its way does (see flush).
    worker.unref();
    worker.on("message", (results: Result[]) => {
      const flight = this.inFlight;
      if (!flight) return;
      this.inFlight = null;
      flight.group.forEach((q, i) => {
        const r = results[i];
        if (r?.accepted !== undefined) q.ok(r.accepted);
        else q.fail(new Error(`the audit batch was not stored: ${r?.error ?? "no answer from the writer"}`));
      });
      flight.done();
    });
    const stopped = (err: Error) => {
      if (this.worker !== worker) return;
      this.worker = null;
      const flight = this.inFlight;
      this.inFlight = null;
      if (!flight) return;
      // The transaction never committed (SQLite rolls back what a closed connection left open).
      for (const q of flight.group) q.fail(new Error(`the audit batch was not stored: ${err.message}`));
      flight.done();
    };
    worker.on("error", stopped);
    worker.on("exit", (code) => stopped(new Error(`the SQLite writer thread stopped (exit code ${code})`)));
    return worker;
  }

  private async flush(): Promise<void> {
    if (this.flushing || this.queue.length === 0) return;
    this.flushing = true;
    const release = await this.turn.take();
    let events = 0;
    let n = 0;
    while (n < this.queue.length && (n === 0 || events + this.queue[n].write.rows.length <= GROUP_EVENTS))
      events += this.queue[n++].write.rows.length;
    const group = this.queue.splice(0, n);
    const worker = (this.worker ??= this.start());
    worker.ref();
    await new Promise<void>((done) => {
      this.inFlight = { group, done };
      try {
        worker.postMessage({
          kind: "write",
          writes: group.map((q) => q.write),
          merge: group.some((q) => q.merge === true),
        });
      } catch {
        // A value the thread cannot be sent, and nothing was written: the batches that hold one
        // fail, the others go back to the head of the queue.
        this.inFlight = null;
        const sendable = group.filter((q) => {
          try {
            structuredClone(q.write);
            return true;
          } catch (err) {
            q.fail(new Error(`the audit batch was not stored: ${(err as Error).message}`));
            return false;
          }
        });
        this.queue.unshift(...sendable);
        done();
      }
    });
    worker.unref();
    release();
    this.flushing = false;
    if (this.queue.length > 0) void this.flush();
    else for (const resolve of this.drained.splice(0)) resolve();
  }

  /** Waits for every queued batch to be answered, moves the inbox, then stops the thread. */
  async close(): Promise<void> {
    // A move that fails leaves the events in the inbox, stored and read alike.
    if (this.worker) await this.mergeInbox().catch(() => undefined);
    if (this.flushing || this.queue.length > 0) await new Promise<void>((r) => this.drained.push(r));
    const worker = this.worker;
    this.worker = null;
    if (!worker) return;
    const exited = new Promise<void>((r) => worker.once("exit", () => r()));
    worker.ref();
    worker.postMessage({ kind: "stop" });
    await exited;
  }
}
