/**
 * Every Outlook event handler path ends in exactly one `event.completed(...)`: a missing call
 * leaves Outlook waiting until its timeout (docs/reference/peers.md: Microsoft's own sample has two such paths), a
 * second call is an error. The guard makes "exactly once" a property of the code, and the deadline
 * makes it hold when a host call never answers.
 */

/** The part of Office.MailboxEvent a handler uses. */
export interface CompletableEvent {
  completed(options?: Office.SmartAlertsEventCompletedOptions): void;
}

export interface Completion {
  /** Completes the event unless already done; true when this call completed it. */
  complete(options?: Office.SmartAlertsEventCompletedOptions): boolean;
  readonly done: boolean;
}

export function completion(event: CompletableEvent): Completion {
  let done = false;
  return {
    complete(options) {
      if (done) return false;
      done = true;
      try {
        if (options === undefined) event.completed();
        else event.completed(options);
      } catch {
        // Nothing can be done about a host that throws here; the event is finished either way.
      }
      return true;
    },
    get done() {
      return done;
    },
  };
}

/**
 * Runs a handler body under a deadline. Whatever happens — the body completes the event, returns
 * without completing, throws, or outlives the deadline — `completed` is called exactly once.
 */
export function runHandler(
  event: CompletableEvent,
  deadlineMs: number,
  fallback: () => Office.SmartAlertsEventCompletedOptions | undefined,
  body: (c: Completion) => Promise<void>,
): Promise<void> {
  const c = completion(event);
  return new Promise<void>((resolve) => {
    // A host call that never answers must not keep the event (or the caller) waiting.
    const timer = setTimeout(() => {
      c.complete(fallback());
      resolve();
    }, deadlineMs);
    const finish = (): void => {
      clearTimeout(timer);
      if (!c.done) c.complete(fallback());
      resolve();
    };
    let started: Promise<void>;
    try {
      started = body(c);
    } catch (error) {
      started = Promise.reject(error);
    }
    started.then(finish, finish);
  });
}
