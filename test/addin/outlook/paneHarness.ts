/** The task pane's controller against the fake Outlook host and a scripted backend. */
import { decodeMsipLabelsHeader } from "../../../src/core/metadata";
import type { AuditEvent } from "../../../src/core/audit";
import type { EffectivePolicy } from "../../../src/core/policy";
import * as engine from "../../../src/addin/taskpane/engine";
import * as labelState from "../../../src/core/decide/labelState";
import { PaneController } from "../../../src/addin/taskpane/controller";
import { en } from "../../../src/addin/i18n/en";
import { AuditQueue } from "../../../src/addin/services/auditQueue";
import { defaultConfig } from "../../../src/addin/services/config";
import type { HttpClient } from "../../../src/addin/ports/http";
import { PolicyClient } from "../../../src/addin/services/policyClient";
import { memoryStore } from "../../../src/addin/ports/storage";
import type { FakeOutlook } from "../fakes/outlook/fakeOutlook";
import { hostOf, SITE } from "./setup";

export { header } from "./setup";

const config = defaultConfig({ apiBase: "https://labels.example.com" });
export const TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJuYW1lIjoiU2FtIExlZSJ9.c2ln";
export const NOW = new Date("2026-11-29T10:15:30Z");

export function ourLabel(fake: FakeOutlook): string | null {
  const v = fake.state.headers.get("msip_labels");
  return v ? (decodeMsipLabelsHeader(v).find((r) => r.siteId === SITE)?.labelId ?? null) : null;
}

export interface PaneOptions {
  /** A policy an earlier pane saved, fetched this long before NOW. */
  cached?: { policy: EffectivePolicy; ageMs: number };
  /** What the backend answers the policy request with instead of the policy (e.g. 401). */
  status?: number;
}

/** `policy` null: the backend cannot be reached. `token` null: no development token is stored. */
export async function pane(
  fake: FakeOutlook,
  policy: EffectivePolicy | null,
  strings = en,
  token: string | null = TOKEN,
  options: PaneOptions = {},
) {
  const store = memoryStore(token ? { "labelbridge.devToken": token } : {});
  const received: AuditEvent[] = [];
  const http: HttpClient = async (req) => {
    const auth = req.headers.Authorization;
    if (!auth) return { status: 401, header: () => null, text: async () => "" };
    if (req.method === "POST") {
      received.push(...JSON.parse(req.body!).events);
      return { status: 202, header: () => null, text: async () => "{}" };
    }
    if (!policy) throw new TypeError("Failed to fetch");
    if (options.status) return { status: options.status, header: () => null, text: async () => "" };
    return { status: 200, header: () => null, text: async () => JSON.stringify(policy) };
  };
  const tokens = { kind: "dev", token: async () => (await store.get("labelbridge.devToken")) ?? null };
  const policyClient = new PolicyClient({ config, store, tokens, http, user: "sam@contoso.com" });
  if (options.cached) {
    const entry = {
      v: 1,
      policy: options.cached.policy,
      etag: '"p0"',
      fetchedAt: NOW.getTime() - options.cached.ageMs,
      maxAgeMs: 3_600_000,
    };
    await store.set(policyClient.cacheKey, JSON.stringify(entry));
  }
  const host = hostOf(fake);
  let n = 0;
  const controller = new PaneController({
    host,
    strings,
    engine: async () => engine,
    labelState: async () => labelState,
    extras: {
      sessionGet: (k) => host.sessionGet(k),
      sessionSet: (k, v) => host.sessionSet(k, v),
      initializationContext: () => host.initializationContext(),
    },
    policy: policyClient,
    audit: new AuditQueue({ config, store, tokens, http }),
    store,
    now: () => NOW,
    newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`,
  });
  await controller.init();
  // Audit flushes run in the background; let them land.
  const settle = () => new Promise((r) => setTimeout(r, 20));
  await settle();
  return { controller, received, settle, store };
}
