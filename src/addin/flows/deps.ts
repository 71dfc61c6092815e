/**
 * What every labeling flow is given, and the steps they share: read the label as the policy sees
 * it, apply a plan and record its audit. A flow is read → decide (src/core/decide) → apply (the host
 * adapter) → audit, once, for one labeling moment; the pane renders its outcome and an event
 * handler completes with it.
 */
import type { AuditEvent } from "../../core/audit/event";
import { itemDecisionContext } from "../../core/decide/context";
import { reconcileLabel, type LabelState, type ReconciledLabel } from "../../core/decide/labelState";
import type { DecisionContext, ItemKind } from "../../core/decide/types";
import type { EffectivePolicy } from "../../core/policy/effective";
import type { HostItemInfo, ItemHost } from "../hosts/types";
import { withTimeout } from "../ports/timing";

/** Where audit events go: the AuditQueue (or a caller that also refreshes what it shows). */
export interface AuditRecorder {
  enqueue(events: AuditEvent[]): Promise<unknown>;
}

/** The policy client as the event moments use it (services/policyClient.ts). */
export interface PolicySource {
  load(options: { timeoutMs: number; interactive: boolean }): Promise<{ policy: EffectivePolicy | null }>;
  forSend(budgetMs: number): Promise<{ policy: EffectivePolicy | null }>;
  cached(): Promise<{ policy: EffectivePolicy } | null>;
  offlineSendFallback(): Promise<"allow" | "block">;
}

export interface FlowDeps<H extends ItemHost = ItemHost> {
  host: H;
  policy: EffectivePolicy;
  kind: ItemKind;
  ctx: DecisionContext;
  audit: AuditRecorder;
  /** Errors a flow swallowed on purpose (diagnostics only). */
  report?(what: string, error: unknown): void;
  /** Wraps the flow's reads and writes of the item: the pane shows it is busy meanwhile. */
  busy?<T>(work: () => Promise<T>): Promise<T>;
}

/** Runs `work` inside the caller's busy wrapper, if it has one. */
export function busy<T>(d: Pick<FlowDeps, "busy">, work: () => Promise<T>): Promise<T> {
  return d.busy ? d.busy(work) : work();
}

/** What an event handler knows before the policy is loaded. */
export interface EventDeps<H extends ItemHost = ItemHost> {
  host: H;
  info: HostItemInfo;
  policies: PolicySource;
  audit: AuditRecorder;
  now(): Date;
  newId(): string;
  report?(what: string, error: unknown): void;
}

/** Storage writes (the audit queue) are local; anything slower is not worth an event's wait. */
export const LOCAL_WRITE_BUDGET_MS = 500;

export function contextOf(
  host: ItemHost,
  info: HostItemInfo,
  now: Date,
  newId: () => string,
): DecisionContext {
  return itemDecisionContext(host.kind, info, now, newId);
}

/** The deps of a flow once an event has its policy. */
export function withPolicy<H extends ItemHost>(
  e: Omit<EventDeps<H>, "policies">,
  policy: EffectivePolicy,
): FlowDeps<H> {
  return {
    host: e.host,
    policy,
    kind: e.info.kind,
    ctx: contextOf(e.host, e.info, e.now(), e.newId),
    audit: e.audit,
    report: e.report,
  };
}

/** The label as read, and what it means under this policy (outside changes found). */
export interface ReadLabel extends ReconciledLabel {
  state: LabelState;
}

export async function readLabel(host: ItemHost, policy: EffectivePolicy): Promise<ReadLabel> {
  const state = await host.readLabel(policy.siteId, policy.settings.markingProfile);
  return { state, ...reconcileLabel(state, policy) };
}

/** Queues audit events (bounded wait), unless the policy turned audit off. */
export async function recordAudit(
  d: Pick<FlowDeps, "audit" | "report">,
  policy: EffectivePolicy | null,
  events: AuditEvent[],
): Promise<void> {
  if (events.length === 0 || (policy && policy.settings.auditEnabled === false)) return;
  await withTimeout(d.audit.enqueue(events), LOCAL_WRITE_BUDGET_MS, "audit enqueue").catch((e: unknown) =>
    d.report?.("audit", e),
  );
}
