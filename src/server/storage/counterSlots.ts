/**
 * Which slot of audit_daily's counters a transaction adds to (auditDaily.ts, COUNTER_SLOT). Every
 * batch adds to today's everyone-wide counters, so on PostgreSQL concurrent transactions waited on
 * those few rows' locks until the holder's COMMIT. A transaction takes the lowest slot no other
 * transaction of this process holds, and gives it back once it has committed or rolled back: two
 * transactions of one process never update the same counter row, and slots beyond 0 appear only
 * as far as transactions overlap (at most the pool's size), so readers sum few extra rows.
 */
export class CounterSlots {
  private readonly held = new Set<number>();

  take(): number {
    let slot = 0;
    while (this.held.has(slot)) slot++;
    this.held.add(slot);
    return slot;
  }

  give(slot: number): void {
    this.held.delete(slot);
  }
}
