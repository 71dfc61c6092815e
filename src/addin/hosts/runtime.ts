/**
 * What each Office runtime offers for storage and sign-in, behind the services' interfaces:
 * - `localStorage` where there is one (task pane; Outlook on the web, new Outlook and Mac run event
 *   handlers in a browser runtime of the same origin, so pane and handlers share it);
 * - `OfficeRuntime.storage` in classic Outlook's JavaScript-only runtime (no localStorage there);
 * - Office SSO through `OfficeRuntime.auth.getAccessToken` (the only SSO call allowed in handlers);
 * - roaming settings only to carry a development token from the pane to classic Outlook's handler
 *   runtime, which shares no storage with the pane (a few hundred bytes; development only).
 */
import { browserStorage, localStorageStore, memoryStore, type KeyValueStore } from "../ports/storage";
import type { SsoGetAccessToken, TokenProvider } from "../ports/tokens";

interface OfficeRuntimeStorage {
  getItem(key: string): Promise<string | null>;
  setItem(key: string, value: string): Promise<void>;
  removeItem(key: string): Promise<void>;
}

interface OfficeRuntimeLike {
  storage?: OfficeRuntimeStorage;
  auth?: { getAccessToken?: SsoGetAccessToken };
}

function officeRuntime(): OfficeRuntimeLike | null {
  const rt = (globalThis as { OfficeRuntime?: OfficeRuntimeLike }).OfficeRuntime;
  return rt ?? null;
}

export function officeRuntimeStore(storage: OfficeRuntimeStorage): KeyValueStore {
  return {
    kind: "OfficeRuntime.storage",
    get: (key) => storage.getItem(key).then((v) => (v === undefined ? null : v)),
    set: (key, value) => storage.setItem(key, value),
    remove: (key) => storage.removeItem(key),
  };
}

/** The durable store this runtime has; memory only where there is none (then nothing survives). */
export function runtimeStore(): KeyValueStore {
  const ls = browserStorage();
  if (ls) return localStorageStore(ls);
  const rt = officeRuntime();
  if (rt?.storage && typeof rt.storage.getItem === "function") return officeRuntimeStore(rt.storage);
  return memoryStore();
}

export function officeSsoGetAccessToken(): SsoGetAccessToken | null {
  const get = officeRuntime()?.auth?.getAccessToken;
  return typeof get === "function" ? (options) => get(options) : null;
}

export const ROAMING_DEV_TOKEN = "labelbridgeDevToken";

/** The development token the pane left in roaming settings (Outlook only). */
export function roamingDevTokenProvider(office: typeof Office | undefined): TokenProvider {
  return {
    kind: "roaming-dev",
    token: async () => {
      const settings = office?.context?.roamingSettings;
      if (!settings) return null;
      const value = settings.get(ROAMING_DEV_TOKEN) as unknown;
      return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
    },
  };
}

/** Saves (or clears) the development token in roaming settings so classic Outlook's handlers find it. */
export function saveRoamingDevToken(office: typeof Office | undefined, token: string | null): Promise<void> {
  const settings = office?.context?.roamingSettings;
  if (!settings) return Promise.resolve();
  if (token) settings.set(ROAMING_DEV_TOKEN, token);
  else settings.remove(ROAMING_DEV_TOKEN);
  return new Promise((resolve) => settings.saveAsync(() => resolve()));
}
