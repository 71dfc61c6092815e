/** Runs the Outlook event handlers against the fake Outlook host and a scripted backend. */
import type { AuditEvent } from "../../../src/core/audit";
import type { EffectivePolicy } from "../../../src/core/policy";
import { OutlookHost } from "../../../src/addin/hosts/outlook";
import { createOutlookHandlers, type OutlookHandlers } from "../../../src/addin/events/outlookHandlers";
import { AuditQueue } from "../../../src/addin/services/auditQueue";
import { defaultConfig, type AddinConfig } from "../../../src/addin/services/config";
import type { HttpClient, HttpResponse } from "../../../src/addin/ports/http";
import { PolicyClient } from "../../../src/addin/services/policyClient";
import { memoryStore, type KeyValueStore } from "../../../src/addin/ports/storage";
import type { FakeOutlook } from "../fakes/outlook/fakeOutlook";

export interface Completed {
  /** The options of every `event.completed` call, in order (undefined = called without options). */
  calls: Array<Office.SmartAlertsEventCompletedOptions | undefined>;
}

export function recordingEvent(): Completed & {
  completed(options?: Office.SmartAlertsEventCompletedOptions): void;
} {
  const calls: Array<Office.SmartAlertsEventCompletedOptions | undefined> = [];
  return {
    calls,
    completed(options?: Office.SmartAlertsEventCompletedOptions) {
      calls.push(options);
    },
  };
}

export interface BackendScript {
  /** The policy the backend serves; null = the backend is down. */
  policy: EffectivePolicy | null;
  /** Seed the cache with this policy before the event (a pane or an earlier event fetched it). */
  cached?: EffectivePolicy | null;
  /** The stated fallback remembered from an earlier policy. */
  rememberedFallback?: "allow" | "block";
}

export interface HandlerRun {
  handlers: OutlookHandlers;
  store: KeyValueStore;
  audit: AuditQueue;
  policy: PolicyClient;
  requests: string[];
  /** Audit events the backend received. */
  received: AuditEvent[];
  config: AddinConfig;
}

const USER = "sam@contoso.com";

export async function handlersFor(
  fake: FakeOutlook,
  script: BackendScript,
  config: Partial<AddinConfig> = {},
): Promise<HandlerRun> {
  const cfg = defaultConfig({
    apiBase: "https://labels.example.com",
    handlerDeadlineMs: 1500,
    sendNetworkBudgetMs: 200,
    ...config,
  });
  const store = memoryStore();
  const requests: string[] = [];
  const received: AuditEvent[] = [];
  const http: HttpClient = async (req): Promise<HttpResponse> => {
    requests.push(`${req.method} ${req.url.replace(cfg.apiBase, "")}`);
    if (script.policy === null) throw new TypeError("Failed to fetch");
    if (req.method === "POST") {
      received.push(...(JSON.parse(req.body!).events as AuditEvent[]));
      return { status: 202, header: () => null, text: async () => "{}" };
    }
    const body = JSON.stringify(script.policy);
    return {
      status: 200,
      header: (n) => (n.toLowerCase() === "etag" ? '"p1"' : null),
      text: async () => body,
    };
  };
  const tokens = { kind: "test", token: async () => "a.b.c" };
  const policy = new PolicyClient({ config: cfg, store, tokens, http, user: USER });
  const audit = new AuditQueue({ config: cfg, store, tokens, http });
  if (script.cached) {
    await store.set(
      policy.cacheKey,
      JSON.stringify({
        v: 1,
        policy: script.cached,
        etag: '"p0"',
        fetchedAt: Date.now(),
        maxAgeMs: 3_600_000,
      }),
    );
    await store.set(policy.fallbackKey, script.cached.settings.offlineSendFallback);
  }
  if (script.rememberedFallback) await store.set(policy.fallbackKey, script.rememberedFallback);
  let n = 0;
  const handlers = createOutlookHandlers({
    host: () => new OutlookHost(fake.Office),
    services: () => ({ policy, audit }),
    config: cfg,
    now: () => new Date("2026-11-29T10:15:30Z"),
    newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`,
  });
  return { handlers, store, audit, policy, requests, received, config: cfg };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
