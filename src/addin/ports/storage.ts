/**
 * The small persistent key-value store the add-in keeps its policy cache, audit queue and settings
 * in. Each runtime has a different one (docs/sideload-outlook.md "Where the add-in keeps data"):
 * - task pane, and event handlers in Outlook on the web / new Outlook / Mac (browser runtime):
 *   `localStorage` of the add-in's origin — the pane and the handlers share it;
 * - event handlers in classic Outlook on Windows (JavaScript-only runtime, no `localStorage`):
 *   `OfficeRuntime.storage` (Mailbox 1.10; 10 MB per origin), adapted in src/addin/hosts/runtime.ts.
 * Roaming settings are not used for the cache: 32 KB for everything and whole-set saves that race
 * between the pane and the handlers.
 */

export interface KeyValueStore {
  /** Where the data lives, for the settings view and diagnostics. */
  readonly kind: "localStorage" | "OfficeRuntime.storage" | "memory";
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  remove(key: string): Promise<void>;
}

export const STORE_PREFIX = "labelbridge.";

export function memoryStore(initial: Record<string, string> = {}): KeyValueStore {
  const data = new Map(Object.keys(initial).map((k) => [k, initial[k]]));
  return {
    kind: "memory",
    get: (key) => Promise.resolve(data.has(key) ? data.get(key)! : null),
    set: (key, value) => {
      data.set(key, value);
      return Promise.resolve();
    },
    remove: (key) => {
      data.delete(key);
      return Promise.resolve();
    },
  };
}

interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** `localStorage`, or null where the runtime has none or refuses it (private mode, blocked storage). */
export function browserStorage(): StorageLike | null {
  try {
    const ls = (globalThis as { localStorage?: StorageLike }).localStorage;
    if (!ls) return null;
    const probe = `${STORE_PREFIX}probe`;
    ls.setItem(probe, "1");
    ls.removeItem(probe);
    return ls;
  } catch {
    return null;
  }
}

export function localStorageStore(ls: StorageLike): KeyValueStore {
  return {
    kind: "localStorage",
    get: (key) => {
      try {
        return Promise.resolve(ls.getItem(key));
      } catch (error) {
        return Promise.reject(error);
      }
    },
    set: (key, value) => {
      try {
        ls.setItem(key, value);
        return Promise.resolve();
      } catch (error) {
        // Quota exceeded: the caller decides whether losing this write matters.
        return Promise.reject(error);
      }
    },
    remove: (key) => {
      try {
        ls.removeItem(key);
        return Promise.resolve();
      } catch (error) {
        return Promise.reject(error);
      }
    },
  };
}

/** Reads and parses JSON; a corrupt value reads as absent rather than breaking the caller. */
export async function getJson<T>(store: KeyValueStore, key: string): Promise<T | null> {
  let text: string | null;
  try {
    text = await store.get(key);
  } catch {
    return null;
  }
  if (text === null) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

export function setJson(store: KeyValueStore, key: string, value: unknown): Promise<void> {
  return store.set(key, JSON.stringify(value));
}
