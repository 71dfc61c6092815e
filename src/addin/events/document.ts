/**
 * Entry of the Word/Excel event bundle (`OnDocumentOpened`, manifest.office.xml; page
 * document-events.html loads document-events.js built from this file). When a document opens:
 * the default label goes on a new or unlabeled document where the policy has one (method
 * Standard, markings written); if labeling is mandatory and the document is still unlabeled, the
 * task pane is set to open with it and "unlabeled-document" is audited. `event.completed()` is
 * called exactly once on every path, also when the policy, the host or the network fails.
 *
 * `openDocument` is the same flow for the task pane, which runs it when it opens on a document the
 * event did not reach (Mac, sideloaded add-ins, older builds: OnDocumentOpened is not everywhere).
 *
 * No DOM and no React here: on Windows the handler may run without a browser around it.
 */
import "./polyfills";
import { decideDefaultLabel } from "../../core/decide/defaultLabel";
import { eventAuditEvent } from "../../core/decide/plan";
import type { DecisionContext, LabelPlan } from "../../core/decide/types";
import type { AuditEvent } from "../../core/audit/event";
import type { EffectivePolicy } from "../../core/policy/effective";
import type { DocumentLabelingHost, DocumentUser } from "../hosts/documentHost";
import { ExcelHost } from "../hosts/excel";
import { WordHost } from "../hosts/word";
import type { HostItemInfo, LabelState } from "../hosts/types";
import { officeSsoGetAccessToken, runtimeStore } from "../hosts/runtime";
import { AuditQueue } from "../services/auditQueue";
import { defaultConfig } from "../services/config";
import { fetchHttpClient } from "../services/http";
import { newGuid } from "../services/ids";
import { localDateTime } from "../services/mailState";
import { PolicyClient } from "../services/policyClient";
import { devTokenProvider, firstToken, ssoTokenProvider } from "../services/tokens";
import { runHandler, type CompletableEvent } from "./completion";

/** The function name of `<LaunchEvent Type="OnDocumentOpened" FunctionName="…">`. */
export const DOCUMENT_HANDLER_NAMES = { onDocumentOpened: "onDocumentOpened" } as const;

export interface DocumentOpenOutcome {
  /** The label as read when the document opened. */
  before: LabelState;
  /** The default label's plan, when one was applied. */
  applied: LabelPlan | null;
  /** Labeling is mandatory and the document has no label of ours: the pane shows its banner. */
  mandatoryMissing: boolean;
  /** To queue: label-applied (default) or unlabeled-document. */
  audit: AuditEvent[];
  warnings: string[];
}

export function documentDecisionContext(
  app: "Word" | "Excel",
  info: HostItemInfo,
  now: Date,
  newId: () => string,
): DecisionContext {
  return {
    app,
    now,
    newId,
    user: info.user,
    item: { name: info.name, location: info.location },
    localDateTime: localDateTime(now),
  };
}

/**
 * What opening a document means, for the OnDocumentOpened handler and the task pane alike.
 * Office has no before-save event, so mandatory labeling is: the pane opens with the document
 * (AutoShowTaskpaneWithDocument, saved in it) until it is labeled, and the pane keeps a banner up.
 */
export async function openDocument(
  host: DocumentLabelingHost,
  policy: EffectivePolicy,
  ctx: DecisionContext,
): Promise<DocumentOpenOutcome> {
  const before = await host.readLabel(policy.siteId);
  const outcome: DocumentOpenOutcome = {
    before,
    applied: null,
    mandatoryMissing: false,
    audit: [],
    warnings: [],
  };
  if (!policy.features.manualLabeling) return outcome;
  const decision = decideDefaultLabel(policy, { kind: "file", current: before.current }, ctx);
  if (decision.outcome === "apply") {
    const result = await host.applyPlan(decision.plan, policy);
    outcome.applied = decision.plan;
    outcome.audit.push(decision.plan.audit);
    outcome.warnings.push(...result.warnings);
  }
  const labeled = before.current !== null || outcome.applied !== null;
  outcome.mandatoryMissing = policy.settings.mandatoryDocuments && !labeled;
  if (outcome.mandatoryMissing) {
    outcome.audit.push(eventAuditEvent(ctx, "unlabeled-document", { reason: "mandatory-label-missing" }));
  }
  try {
    // Changes the document only when the setting must flip.
    await host.ensureOpensWithDocument(outcome.mandatoryMissing);
  } catch (error) {
    outcome.warnings.push(
      `The task pane could not be set to open with this document: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return outcome;
}

export interface DocumentHandlerDeps {
  /** The signed-in person, from the backend token (Word and Excel do not expose it). */
  user(): Promise<DocumentUser | null>;
  /** The adapter for this document's host, or null where we do not label (PowerPoint for now). */
  host(user: DocumentUser): DocumentLabelingHost | null;
  /** The cached effective policy, never interactive. */
  policy(user: DocumentUser): Promise<EffectivePolicy | null>;
  /** Queues audit events durably (before the event completes). */
  record(user: DocumentUser, events: AuditEvent[]): Promise<void>;
  /** Best-effort send after completing. */
  flush?(user: DocumentUser): Promise<void>;
  now(): Date;
  newId(): string;
  deadlineMs: number;
  report?(what: string, error: unknown): void;
}

export interface DocumentHandlers {
  onDocumentOpened(event: CompletableEvent): Promise<void>;
}

export function createDocumentHandlers(deps: DocumentHandlerDeps): DocumentHandlers {
  const report = (what: string, error: unknown): void => deps.report?.(what, error);
  return {
    onDocumentOpened(event) {
      let who: DocumentUser | null = null;
      return runHandler(
        event,
        deps.deadlineMs,
        () => undefined,
        async (c) => {
          const user = await deps.user();
          if (!user) return;
          who = user;
          const host = deps.host(user);
          if (!host) return;
          const policy = await deps.policy(user);
          if (!policy) return;
          const info = await host.itemInfo();
          const ctx = documentDecisionContext(host.kind, info, deps.now(), deps.newId);
          const outcome = await openDocument(host, policy, ctx);
          for (const warning of outcome.warnings) report("onDocumentOpened", warning);
          if (outcome.audit.length > 0 && policy.settings.auditEnabled !== false) {
            await deps.record(user, outcome.audit).catch((e: unknown) => report("audit", e));
          }
          c.complete();
        },
      )
        .catch((error: unknown) => report("onDocumentOpened", error))
        .then(() =>
          who && deps.flush ? deps.flush(who).catch((e: unknown) => report("audit flush", e)) : undefined,
        );
    },
  };
}

const BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** base64url → UTF-8 text; no atob/TextDecoder, which the JavaScript-only runtime may lack. */
function decodeBase64Url(input: string): string | null {
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of input.replace(/=+$/, "")) {
    const v = BASE64URL.indexOf(ch === "+" ? "-" : ch === "/" ? "_" : ch);
    if (v < 0) return null;
    buffer = (buffer << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  try {
    // UTF-8 bytes → percent-escapes → text; throws on invalid UTF-8.
    return decodeURIComponent(bytes.map((b) => `%${(b < 16 ? "0" : "") + b.toString(16)}`).join(""));
  } catch {
    return null;
  }
}

/** Name and UPN from the backend token's claims (not verified here: the backend verifies it). */
export function userFromToken(token: string | null): DocumentUser | null {
  if (!token) return null;
  const payload = token.split(".")[1];
  const json = payload ? decodeBase64Url(payload) : null;
  if (json === null) return null;
  try {
    const claims = JSON.parse(json) as Record<string, unknown>;
    const text = (v: unknown): string => (typeof v === "string" ? v : "");
    const principalName =
      text(claims.preferred_username) || text(claims.upn) || text(claims.email) || text(claims.unique_name);
    if (!principalName && !text(claims.oid)) return null;
    return { name: text(claims.name), principalName: principalName || text(claims.oid) };
  } catch {
    return null;
  }
}

/** Which adapter serves the document Office opened. */
export function documentHostFor(office: typeof Office, user: DocumentUser): DocumentLabelingHost | null {
  const host = String(office.context.host);
  const options = { office, user: () => user };
  if (host === String(office.HostType.Word)) return new WordHost(options);
  if (host === String(office.HostType.Excel)) return new ExcelHost({ ...options, watchNewSheets: false });
  return null;
}

function productionDeps(): DocumentHandlerDeps {
  const config = defaultConfig();
  const store = runtimeStore();
  const http = fetchHttpClient();
  const tokens = firstToken([
    ...(config.auth === "sso" ? [ssoTokenProvider(officeSsoGetAccessToken())] : []),
    devTokenProvider(store),
  ]);
  const byUser = new Map<string, { policy: PolicyClient; audit: AuditQueue }>();
  const services = (user: DocumentUser) => {
    let s = byUser.get(user.principalName);
    if (!s) {
      s = {
        policy: new PolicyClient({ config, store, tokens, http, user: user.principalName }),
        audit: new AuditQueue({ config, store, tokens, http }),
      };
      byUser.set(user.principalName, s);
    }
    return s;
  };
  return {
    user: async () => userFromToken(await tokens.token({ interactive: false }).catch(() => null)),
    host: (user) => documentHostFor(Office, user),
    policy: async (user) =>
      (await services(user).policy.load({ timeoutMs: 4000, interactive: false })).policy,
    record: (user, events) => services(user).audit.enqueue(events),
    flush: async (user) => {
      await services(user).audit.flush({ timeoutMs: 5000, deadlineMs: 5000 });
    },
    now: () => new Date(),
    newId: () => newGuid(),
    deadlineMs: config.eventDeadlineMs,
    report: (what, error) => {
      if (typeof console !== "undefined") console.warn(`Labelbridge ${what}:`, error);
    },
  };
}

// Associated at the top level when the bundle loads, as event-based activation requires.
if (typeof Office !== "undefined" && Office.actions) {
  let handlers: DocumentHandlers | null = null;
  Office.actions.associate(DOCUMENT_HANDLER_NAMES.onDocumentOpened, (event: CompletableEvent) => {
    handlers ??= createDocumentHandlers(productionDeps());
    return handlers.onDocumentOpened(event);
  });
}
