/**
 * Items handed from one producer to several consumers, with at most `capacity` waiting: when it is
 * full the producer waits until a consumer takes one (back-pressure), so a fast producer (the walk)
 * never runs more than `capacity` items ahead of slow consumers (the workers). Consumers are
 * served in the order they asked.
 */
export class BoundedQueue<T> {
  private readonly items: T[] = [];
  private readonly takers: Array<{ resolve: (item: T | null) => void; reject: (err: unknown) => void }> = [];
  private readonly room: Array<() => void> = [];
  private ended = false;
  private failure: { error: unknown } | null = null;

  constructor(readonly capacity: number) {
    if (!(capacity >= 1)) throw new Error(`a queue holds at least one item, not ${capacity}`);
  }

  /** Items waiting to be taken. */
  get size(): number {
    return this.items.length;
  }

  /** Adds an item, once there is room for it. */
  async push(item: T): Promise<void> {
    if (this.ended) throw new Error("the queue has ended");
    while (this.items.length >= this.capacity && this.takers.length === 0)
      await new Promise<void>((resolve) => this.room.push(resolve));
    const taker = this.takers.shift();
    if (taker) taker.resolve(item);
    else this.items.push(item);
  }

  /** The next item; null once the producer has ended and every item was taken. */
  take(): Promise<T | null> {
    if (this.failure) return Promise.reject(this.failure.error);
    if (this.items.length > 0) {
      const item = this.items.shift()!;
      this.room.shift()?.();
      return Promise.resolve(item);
    }
    if (this.ended) return Promise.resolve(null);
    return new Promise((resolve, reject) => this.takers.push({ resolve, reject }));
  }

  /** No more items: consumers get what is left, then null. */
  end(): void {
    this.ended = true;
    for (const taker of this.takers.splice(0)) taker.resolve(null);
  }

  /** The producer failed: every consumer waiting, and every later take, gets its error. */
  fail(error: unknown): void {
    this.ended = true;
    this.failure = { error };
    for (const taker of this.takers.splice(0)) taker.reject(error);
    this.items.length = 0;
  }
}
