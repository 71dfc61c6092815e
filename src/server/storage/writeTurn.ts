/**
 * Whose turn it is to write to the SQLite file in this process: the connection's own transactions
 * and writes, and the writer thread's batches (sqliteWriter.ts), one at a time in the order they
 * asked. Two writers of one process never meet on SQLite's lock, where the loser would sleep in the
 * busy handler — on the event loop, for the main connection.
 */
export class WriteTurn {
  private held = false;
  private readonly waiting: (() => void)[] = [];

  /**
   * Resolves when it is the caller's turn, with the function that ends it. A caller that had to wait
   * lets the event loop turn once first: queued writers would otherwise follow one another in
   * microtasks and hold every other request (/healthz included) for all of them.
   */
  async take(): Promise<() => void> {
    if (this.held) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
      await new Promise<void>((resolve) => setImmediate(resolve));
    } else this.held = true;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      const next = this.waiting.shift();
      // The turn passes straight to the next in line (still held), or is free.
      if (next) next();
      else this.held = false;
    };
  }
}
