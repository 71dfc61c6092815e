/**
 * The one wiring of a runtime of the add-in — the task pane, the Outlook event handlers and the
 * Word/Excel event handlers each build it once: build configuration, the runtime's durable store,
 * fetch, the sign-in token chain, and per user (their caches must not mix) a PolicyClient and an
 * AuditQueue.
 */
import { officeSsoGetAccessToken, roamingDevTokenProvider, runtimeStore } from "../hosts/runtime";
import { fetchHttpClient, type HttpClient } from "../ports/http";
import { newGuid } from "../ports/ids";
import type { KeyValueStore } from "../ports/storage";
import { devTokenProvider, ssoTokenProvider, tokenChain, type TokenProvider } from "../ports/tokens";
import type { AuditQueueOptions } from "../services/auditQueue";
import { defaultConfig, type AddinConfig } from "../services/config";
import type { AuditSink } from "../services/lazyAuditQueue";
import { PolicyClient } from "../services/policyClient";

export interface UserClients {
  policy: PolicyClient;
  audit: AuditSink;
}

export interface AddinRuntime {
  config: AddinConfig;
  store: KeyValueStore;
  http: HttpClient;
  tokens: TokenProvider;
  /** The policy client and audit queue of one mailbox or account, made once per runtime. */
  clientsFor(user: string): UserClients;
  now(): Date;
  newId(): string;
}

export interface RuntimeOptions {
  /**
   * Makes the audit queue: the event handlers build an AuditQueue at once, the task pane a lazy one
   * (services/lazyAuditQueue.ts) that keeps the queue's code out of its first chunk.
   */
  auditQueue: (options: AuditQueueOptions) => AuditSink;
  /**
   * Nested app authentication, task pane only: MSAL alone is larger than an event bundle's 40 KB
   * gzip budget, and the one ES2016 event file cannot load chunks, so handlers sign in with
   * OfficeRuntime.auth.getAccessToken (Office SSO).
   */
  naa?: TokenProvider;
  /**
   * Outlook: also read a development token the pane left in roaming settings — classic Outlook's
   * handler runtime shares no storage with the pane.
   */
  roamingDevToken?: typeof Office;
}

export function createRuntime(options: RuntimeOptions): AddinRuntime {
  const config = defaultConfig();
  const store = runtimeStore();
  const http = fetchHttpClient();
  const dev = [devTokenProvider(store)];
  if (options.roamingDevToken) dev.push(roamingDevTokenProvider(options.roamingDevToken));
  const tokens = tokenChain(config.auth, {
    naa: options.naa,
    sso: ssoTokenProvider(officeSsoGetAccessToken()),
    dev,
  });
  const byUser = new Map<string, UserClients>();
  return {
    config,
    store,
    http,
    tokens,
    clientsFor(user) {
      let clients = byUser.get(user);
      if (!clients) {
        clients = {
          policy: new PolicyClient({ config, store, tokens, http, user }),
          audit: options.auditQueue({ config, store, tokens, http }),
        };
        byUser.set(user, clients);
      }
      return clients;
    },
    now: () => new Date(),
    newId: () => newGuid(),
  };
}
