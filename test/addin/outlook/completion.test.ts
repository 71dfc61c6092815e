import { completion, runHandler } from "../../../src/addin/events/completion";

function recorder() {
  const calls: unknown[] = [];
  return { calls, event: { completed: (o?: unknown) => void calls.push(o ?? "none") } };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("exactly one event.completed", () => {
  it("a body that completes is never completed again by the deadline", async () => {
    const { calls, event } = recorder();
    await runHandler(
      event,
      50,
      () => ({ allowEvent: true }),
      async (c) => {
        c.complete({ allowEvent: false, errorMessage: "x" });
      },
    );
    await sleep(120);
    expect(calls).toEqual([{ allowEvent: false, errorMessage: "x" }]);
  });

  it("a body that returns without completing gets the fallback, once", async () => {
    const { calls, event } = recorder();
    await runHandler(
      event,
      50,
      () => ({ allowEvent: true }),
      async () => undefined,
    );
    await sleep(120);
    expect(calls).toEqual([{ allowEvent: true }]);
  });

  it("a body that throws (sync or async) gets the fallback, once", async () => {
    for (const body of [
      async () => {
        throw new Error("boom");
      },
      () => {
        throw new Error("sync boom");
      },
    ]) {
      const { calls, event } = recorder();
      await runHandler(event, 50, () => undefined, body as never);
      await sleep(120);
      expect(calls).toEqual(["none"]);
    }
  });

  it("a body that hangs is completed by the deadline; its late completion is ignored", async () => {
    const { calls, event } = recorder();
    let late: (() => void) | null = null;
    const t0 = Date.now();
    await runHandler(
      event,
      60,
      () => ({ allowEvent: true }),
      (c) => {
        late = () => c.complete({ allowEvent: false });
        return new Promise<void>(() => undefined);
      },
    );
    expect(Date.now() - t0).toBeGreaterThanOrEqual(55);
    late!();
    await sleep(50);
    expect(calls).toEqual([{ allowEvent: true }]);
  });

  it("a host whose completed() throws does not break the handler", () => {
    const c = completion({
      completed: () => {
        throw new Error("host");
      },
    });
    expect(c.complete()).toBe(true);
    expect(c.complete()).toBe(false);
    expect(c.done).toBe(true);
  });
});
