/**
 * A fixed number of slots shared by async work: take() waits for a free one, give() hands it to the
 * next waiter in the order they asked. The scanner node bounds the files it reads at once with it,
 * the PostgreSQL store the audit transactions it runs at once.
 */
export class Slots {
  private waiting: Array<() => void> = [];
  private free: number;

  constructor(count: number) {
    if (!Number.isInteger(count) || count < 1) throw new Error(`Slots: ${count} is not a whole number ≥ 1`);
    this.free = count;
  }

  async take(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  give(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }

  /** Runs `work` in a slot, given back however it ends. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    await this.take();
    try {
      return await work();
    } finally {
      this.give();
    }
  }
}
