/**
 * The request/batch machinery that Word and Excel share in Office.js, re-created for tests:
 * proxies queue commands, `context.sync()` runs them in one round trip, a property is readable only
 * after it was loaded AND synced (otherwise PropertyNotLoaded is thrown, as office.js does),
 * `*OrNullObject` proxies learn `isNullObject` at the next sync, collections expose `items` only
 * after a load, proxies die with their `run` unless tracked, and a failed command fails the whole
 * sync while the commands before it stay applied (Office batches are not transactions).
 *
 * Plain TypeScript without Node APIs, so the browser suite can bundle the same fakes.
 */

export type OfficeErrorCode =
  | "PropertyNotLoaded"
  | "ItemNotFound"
  | "InvalidArgument"
  | "InvalidObjectPath"
  | "InvalidRequestContext"
  | "AccessDenied"
  | "GeneralException"
  | "ItemAlreadyExists"
  | "ApiNotFound";

/** Shaped like `OfficeExtension.Error`: `code`, `message`, `debugInfo.errorLocation`. */
export class FakeOfficeError extends Error {
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  constructor(
    readonly code: OfficeErrorCode,
    message: string,
    errorLocation?: string,
  ) {
    super(message);
    this.name = "RichApi.Error";
    this.debugInfo = { code, message, errorLocation };
  }
}

/** Round trips and commands, per host, so tests and the bench can count them. */
export interface SyncStats {
  /** Every `context.sync()` call, including the one `run` makes at the end when commands are pending. */
  syncCalls: number;
  /** Syncs that carried at least one command to the host: what costs time in a real Office. */
  roundTrips: number;
  /** Commands executed (loads, property sets, method calls). */
  commands: number;
}

/** Injected failure: the next command whose name matches fails with this code. */
export interface FailurePlan {
  match: (command: string) => boolean;
  code: OfficeErrorCode;
  message?: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any proxy, whatever its model
export type AnyClientObject = FakeClientObject<any>;

interface Command {
  name: string;
  run: () => void;
}

/** Shared state of one fake host: stats, failure injection and event delivery. */
export class FakeHostRuntime {
  readonly stats: SyncStats = { syncCalls: 0, roundTrips: 0, commands: 0 };
  /** Names of every executed command in order (tests assert on what was sent). */
  readonly log: string[] = [];
  /**
   * Counts batches as they execute. Within one batch the document's structure changes only through
   * the batch's own commands, so proxies may cache what a navigation resolved to for the batch.
   */
  batch = 0;
  private failures: FailurePlan[] = [];
  private missing: Array<{ match: (command: string) => boolean; message: string }> = [];
  private pendingEvents: Promise<unknown>[] = [];

  resetStats(): void {
    this.stats.syncCalls = 0;
    this.stats.roundTrips = 0;
    this.stats.commands = 0;
    this.log.length = 0;
  }

  /** The next command matching `match` fails (once). */
  failNext(plan: FailurePlan): void {
    this.failures.push(plan);
  }

  /**
   * The host's requirement sets lack these commands: every matching command fails with ApiNotFound,
   * as Office answers a call newer than the client.
   */
  lacks(match: (command: string) => boolean, message: string): void {
    this.missing.push({ match, message });
  }

  checkFailure(command: string): void {
    const missing = this.missing.find((m) => m.match(command));
    if (missing) throw new FakeOfficeError("ApiNotFound", missing.message, command);
    const at = this.failures.findIndex((f) => f.match(command));
    if (at < 0) return;
    const [plan] = this.failures.splice(at, 1);
    throw new FakeOfficeError(plan.code, plan.message ?? `Injected failure in ${command}`, command);
  }

  /** Event handlers run asynchronously, as in Office; tests await them here. */
  deliver(handlerCall: () => unknown): void {
    this.pendingEvents.push(Promise.resolve().then(handlerCall));
  }

  async settleEvents(): Promise<void> {
    while (this.pendingEvents.length > 0) {
      const batch = this.pendingEvents.splice(0);
      await Promise.allSettled(batch);
    }
  }
}

/** `OfficeExtension.ClientRequestContext` for the fakes. */
export class FakeRequestContext {
  private queue: Command[] = [];
  private commits: Array<() => void> = [];
  /** Increments each time a `run` starts using this context; proxies from an earlier run are dead. */
  generation = 1;
  private tracked = new Set<AnyClientObject>();
  readonly trackedObjects = {
    add: (objects: AnyClientObject | AnyClientObject[]): void => {
      for (const o of Array.isArray(objects) ? objects : [objects]) this.tracked.add(o);
    },
    remove: (objects: AnyClientObject | AnyClientObject[]): void => {
      for (const o of Array.isArray(objects) ? objects : [objects]) this.tracked.delete(o);
    },
  };

  constructor(readonly runtime: FakeHostRuntime) {}

  isTracked(o: AnyClientObject): boolean {
    return this.tracked.has(o);
  }

  get pending(): number {
    return this.queue.length;
  }

  /** A batch that threw never reaches the host. */
  discardPending(): void {
    this.queue = [];
  }

  /** Queues a command; it runs at the next sync, in order. */
  enqueue(owner: AnyClientObject, name: string, run: () => void): void {
    if (owner.context !== this) {
      throw new FakeOfficeError(
        "InvalidRequestContext",
        `${name}: the object belongs to another request context`,
        name,
      );
    }
    const alive = owner.generation === this.generation || this.isTracked(owner) || owner.trackedViaParent();
    this.queue.push({
      name,
      run: alive
        ? run
        : () => {
            throw new FakeOfficeError(
              "InvalidObjectPath",
              `${name}: the object was created in an earlier run and was not tracked`,
              name,
            );
          },
    });
  }

  /** A load result becomes visible only if the whole sync succeeds. */
  addCommit(commit: () => void): void {
    this.commits.push(commit);
  }

  async sync(): Promise<void> {
    const runtime = this.runtime;
    runtime.stats.syncCalls++;
    const batch = this.queue.splice(0);
    this.commits = [];
    // A round trip is asynchronous even in the fake, so nothing can be read before it resolves.
    await Promise.resolve();
    if (batch.length === 0) return;
    runtime.stats.roundTrips++;
    runtime.batch++;
    for (const command of batch) {
      runtime.stats.commands++;
      runtime.log.push(command.name);
      try {
        runtime.checkFailure(command.name);
        command.run();
      } catch (error) {
        this.commits = [];
        if (error instanceof FakeOfficeError) throw error;
        throw new FakeOfficeError("GeneralException", `${command.name}: ${String(error)}`, command.name);
      }
    }
    const commits = this.commits.splice(0);
    for (const commit of commits) commit();
  }
}

// ---------------------------------------------------------------------------------------------
// Load specifications: every shape office.js accepts, normalised into a tree.

export interface LoadTree {
  all: boolean;
  scalars: Set<string>;
  navs: Map<string, LoadTree>;
  top?: number;
  skip?: number;
}

function emptyTree(): LoadTree {
  return { all: false, scalars: new Set(), navs: new Map() };
}

function addPath(tree: LoadTree, path: string): void {
  const parts = path
    .split("/")
    .map((p) => p.trim())
    .filter((p) => p !== "");
  if (parts[0] === "items") parts.shift();
  if (parts.length === 0) {
    tree.all = true;
    return;
  }
  let node = tree;
  for (let i = 0; i < parts.length - 1; i++) {
    const next = node.navs.get(parts[i]) ?? emptyTree();
    node.navs.set(parts[i], next);
    node = next;
  }
  const last = parts[parts.length - 1];
  if (last === "$all") node.all = true;
  else if (last !== "$none") node.scalars.add(last);
}

function addOptions(tree: LoadTree, options: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(options)) {
    if (key === "$all") tree.all = tree.all || value === true;
    else if (key === "$top") tree.top = Number(value);
    else if (key === "$skip") tree.skip = Number(value);
    else if (value === true) tree.scalars.add(key);
    else if (value && typeof value === "object") {
      const child = tree.navs.get(key) ?? emptyTree();
      addOptions(child, value as Record<string, unknown>);
      tree.navs.set(key, child);
    }
  }
}

/** `load()`, `load("a,b/c")`, `load(["a"])`, `load({select, expand, top, skip})`, `load({a: true, b: {c: true}})`. */
export function parseLoadSpec(spec: unknown): LoadTree {
  const tree = emptyTree();
  if (spec === undefined || spec === null) {
    tree.all = true;
    return tree;
  }
  if (typeof spec === "string") {
    for (const p of spec.split(",")) addPath(tree, p);
    if (spec.trim() === "") tree.all = true;
    return tree;
  }
  if (Array.isArray(spec)) {
    for (const p of spec) addPath(tree, String(p));
    return tree;
  }
  const o = spec as Record<string, unknown>;
  if ("select" in o || "expand" in o || "top" in o || "skip" in o) {
    const list = (v: unknown): string[] =>
      v === undefined ? [] : Array.isArray(v) ? v.map(String) : String(v).split(",");
    for (const p of list(o.select)) addPath(tree, p);
    for (const p of list(o.expand)) addPath(tree, `${p}/$all`);
    if (o.select === undefined) tree.all = true;
    if (o.top !== undefined) tree.top = Number(o.top);
    if (o.skip !== undefined) tree.skip = Number(o.skip);
    return tree;
  }
  addOptions(tree, o);
  return tree;
}

// ---------------------------------------------------------------------------------------------
// Proxies.

export interface ScalarSpec<M> {
  get: (model: M) => unknown;
  /** Absent = read-only; setting it fails at sync with InvalidArgument, as Office does. */
  set?: (model: M, value: unknown) => void;
}

export type Schema<M> = Record<string, ScalarSpec<M>>;

function snapshot(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snapshot);
  if (value instanceof Date) return new Date(value.getTime());
  return value;
}

/** Base of every proxy: a resolver to the model object, loaded values, null-object state. */
export abstract class FakeClientObject<M = unknown> {
  readonly generation: number;
  private loaded = new Map<string, unknown>();
  private nullState: "unresolved" | "null" | "present";
  private navCache = new Map<string, AnyClientObject>();
  /** Getters, not fields: the base constructor already needs them. */
  protected get typeName(): string {
    return "Object";
  }
  protected abstract get schema(): Schema<M>;

  constructor(
    readonly context: FakeRequestContext,
    private readonly resolver: () => M | null,
    private readonly orNull = false,
    private readonly parent: AnyClientObject | null = null,
  ) {
    this.generation = context.generation;
    this.nullState = orNull ? "unresolved" : "present";
    if (orNull) {
      context.enqueue(this, `${this.typeName}.resolveOrNullObject`, () => {
        const exists = this.tryResolve() !== null;
        context.addCommit(() => {
          this.nullState = exists ? "present" : "null";
        });
      });
    }
  }

  trackedViaParent(): boolean {
    for (let p = this.parent; p; p = p.parent) if (this.context.isTracked(p)) return true;
    return false;
  }

  /** Resolves at sync time; null when the object no longer (or never) exists. */
  tryResolve(): M | null {
    return this.resolver();
  }

  /** Resolves at sync time or fails the sync with ItemNotFound. */
  model(command: string): M {
    const m = this.resolver();
    if (m === null)
      throw new FakeOfficeError("ItemNotFound", `${command}: the requested resource doesn't exist`, command);
    return m;
  }

  /** Always after a sync: office.js throws when read earlier. */
  get isNullObject(): boolean {
    if (this.nullState === "unresolved") {
      throw new FakeOfficeError(
        "PropertyNotLoaded",
        `isNullObject of ${this.typeName} is not available until context.sync() has run`,
      );
    }
    return this.nullState === "null";
  }

  protected readScalar<T>(name: string): T {
    if (!this.loaded.has(name)) {
      throw new FakeOfficeError(
        "PropertyNotLoaded",
        `The property '${name}' of ${this.typeName} is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()".`,
      );
    }
    return this.loaded.get(name) as T;
  }

  protected writeScalar(name: string, value: unknown): void {
    const spec = this.schema[name];
    const command = `${this.typeName}.${name}=`;
    this.loaded.set(name, snapshot(value));
    this.context.enqueue(this, command, () => {
      const m = this.model(command);
      if (!spec?.set)
        throw new FakeOfficeError("InvalidArgument", `${command}: the property is read-only`, command);
      spec.set(m, value);
    });
  }

  /** Queues a method call that acts on the model at sync time. */
  protected call(method: string, act: (model: M) => void): void {
    const command = `${this.typeName}.${method}`;
    this.context.enqueue(this, command, () => act(this.model(command)));
  }

  /** A navigation property: the same proxy every time, so loads on it stay visible. */
  protected nav<P extends AnyClientObject>(name: string, make: () => P): P {
    let child = this.navCache.get(name) as P | undefined;
    if (!child) {
      child = make();
      this.navCache.set(name, child);
    }
    return child;
  }

  /** Navigation children that `load("a/b")` may reach, by name. */
  protected navigation(_name: string): AnyClientObject | null {
    return null;
  }

  /** Runs at sync time: reads from the model; the commit makes the values visible. */
  applyLoad(tree: LoadTree, command: string): void {
    if (this.orNull && this.tryResolve() === null) {
      // Loading a null object is no error: it stays a null object with nothing loaded.
      this.context.addCommit(() => {
        this.nullState = "null";
      });
      return;
    }
    const m = this.model(command);
    const names = tree.all ? Object.keys(this.schema) : [...tree.scalars];
    const values: Array<[string, unknown]> = [];
    for (const name of names) {
      const spec = this.schema[name];
      if (!spec) {
        const child = this.navigation(name);
        if (child) {
          child.applyLoad({ all: true, scalars: new Set(), navs: new Map() }, command);
          continue;
        }
        throw new FakeOfficeError(
          "InvalidArgument",
          `${command}: ${this.typeName} has no property '${name}'`,
          command,
        );
      }
      values.push([name, snapshot(spec.get(m))]);
    }
    for (const [name, sub] of tree.navs) {
      const child = this.navigation(name);
      if (!child)
        throw new FakeOfficeError(
          "InvalidArgument",
          `${command}: ${this.typeName} has no navigation property '${name}'`,
          command,
        );
      child.applyLoad(sub, command);
    }
    this.context.addCommit(() => {
      for (const [name, value] of values) this.loaded.set(name, value);
      this.nullState = "present";
    });
  }

  load(spec?: unknown): this {
    const tree = parseLoadSpec(spec);
    const command = `${this.typeName}.load`;
    this.context.enqueue(this, command, () => this.applyLoad(tree, command));
    return this;
  }

  track(): this {
    this.context.trackedObjects.add(this);
    return this;
  }

  untrack(): this {
    this.context.trackedObjects.remove(this);
    return this;
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this.loaded);
  }
}

/** A collection proxy: `items` exists only after load + sync. */
export abstract class FakeCollection<M, P extends FakeClientObject<M>> extends FakeClientObject<M[]> {
  private loadedItems: P[] | null = null;
  protected get schema(): Schema<M[]> {
    return {};
  }

  protected abstract makeItem(model: M): P;

  get items(): P[] {
    if (this.loadedItems === null) {
      throw new FakeOfficeError(
        "PropertyNotLoaded",
        `The property 'items' of ${this.typeName} is not available. Call load() and context.sync() first.`,
      );
    }
    return this.loadedItems;
  }

  override applyLoad(tree: LoadTree, command: string): void {
    let models = this.model(command);
    const skip = tree.skip ?? 0;
    models = models.slice(skip, tree.top === undefined ? undefined : skip + tree.top);
    const items = models.map((m) => this.makeItem(m));
    const itemTree: LoadTree = { all: tree.all, scalars: tree.scalars, navs: tree.navs };
    for (const item of items) item.applyLoad(itemTree, command);
    this.context.addCommit(() => {
      this.loadedItems = items;
    });
  }
}

/** `OfficeExtension.ClientResult<T>`: `value` after sync. */
export class FakeClientResult<T> {
  private state: { set: boolean; value?: T } = { set: false };
  get value(): T {
    if (!this.state.set) {
      throw new FakeOfficeError(
        "PropertyNotLoaded",
        "ClientResult.value is not available until context.sync() has run",
      );
    }
    return this.state.value as T;
  }
  resolveAtCommit(context: FakeRequestContext, value: T): void {
    context.addCommit(() => {
      this.state = { set: true, value };
    });
  }
}

/** What `Word.run` / `Excel.run` take: a batch, optionally after objects or a context to reuse. */
export async function runBatch<C extends FakeRequestContext, T>(
  runtime: FakeHostRuntime,
  makeContext: () => C,
  args: unknown[],
): Promise<T> {
  const batch = args[args.length - 1] as (context: C) => Promise<T>;
  if (typeof batch !== "function")
    throw new FakeOfficeError("InvalidArgument", "run: the last argument must be the batch function");
  const first = args.length > 1 ? args[0] : undefined;
  let context: C;
  if (first instanceof FakeRequestContext) context = first as C;
  else if (first instanceof FakeClientObject) context = first.context as C;
  else if (Array.isArray(first) && first[0] instanceof FakeClientObject) context = first[0].context as C;
  else context = makeContext();
  if (context.runtime !== runtime)
    throw new FakeOfficeError("InvalidRequestContext", "run: the context belongs to another host");
  try {
    let result: T;
    try {
      result = await batch(context);
    } catch (error) {
      context.discardPending();
      throw error;
    }
    // office.js sends whatever is still queued when the batch returns.
    if (context.pending > 0) await context.sync();
    return result;
  } finally {
    // Objects made in this run die with it unless tracked (a later run may reuse the context).
    context.generation++;
  }
}
