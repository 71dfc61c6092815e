/**
 * Outlook's event-based activation handlers: default label on compose, the send check (Smart
 * Alerts), checks of labels changed with Outlook's own control, and the precomputation send relies
 * on. They run in classic Outlook's JavaScript-only runtime too, so this module and everything it
 * imports stay free of DOM and React; the bundle is down-levelled to ES2016.
 *
 * Each handler is (event) => Promise<void>; the promise is for tests and resolves after the event
 * was completed and the audit queue was given a chance to flush.
 */
import { decideDefaultLabel } from "../../core/decide/defaultLabel";
import { decideLabelChange } from "../../core/decide/labelChange";
import { decideSend, decideSendWithoutPolicy } from "../../core/decide/send";
import type {
  DecisionContext,
  Justification,
  LabelPlan,
  SendDecision,
  SendFinding,
} from "../../core/decide/types";
import { detectSensitiveInfo } from "../../core/detect/detect";
import type { AuditEvent } from "../../core/audit/event";
import type { EffectivePolicy } from "../../core/policy/effective";
import { LabelIndex } from "../../core/policy/labels";
import { officeAttachmentReader } from "../hosts/attachmentLabels";
import { SESSION, TASKPANE_COMMAND_ID, type OutlookHost } from "../hosts/outlook";
import { decisionText, stringsFor, type DecisionStrings } from "../i18n";
import type { AuditQueue } from "../services/auditQueue";
import type { AddinConfig } from "../services/config";
import { decisionContext, reconcileLabel } from "../services/mailState";
import type { PolicyClient, PolicyResult } from "../services/policyClient";
import { withTimeout } from "../services/timing";
import { runHandler, type CompletableEvent } from "./completion";

/** Smart Alerts cut `errorMessage` and `errorMessageMarkdown` at 500 characters. */
const MAX_ALERT = 500;
/** Body text scanned at send; a 100 KB body is read whole (bench/addin measures it). */
export const SEND_TEXT_LIMIT = 256 * 1024;
/** Storage writes (audit queue) are local; anything slower than this is not worth the wait on send. */
const LOCAL_WRITE_BUDGET_MS = 500;
const NO_TENANT = "00000000-0000-0000-0000-000000000000";

export interface OutlookServices {
  policy: PolicyClient;
  audit: AuditQueue;
}

export interface OutlookHandlerDeps {
  /** An adapter for the item this event is about. */
  host(): OutlookHost;
  /** Policy client and audit queue for the mailbox user (their caches are per user). */
  services(user: string): OutlookServices;
  config: AddinConfig;
  now(): Date;
  newId(): string;
  /** Called when a handler swallowed an error, for diagnostics (console in production). */
  report?(handler: string, error: unknown): void;
}

export interface OutlookHandlers {
  onNewMessageCompose(event: CompletableEvent): Promise<void>;
  onMessageSend(event: CompletableEvent): Promise<void>;
  onSensitivityLabelChanged(event: CompletableEvent): Promise<void>;
  onMessageRecipientsChanged(event: CompletableEvent): Promise<void>;
  onMessageAttachmentsChanged(event: CompletableEvent): Promise<void>;
}

/** The function names the manifest's `<LaunchEvent FunctionName>` and `Office.actions.associate` use. */
export const HANDLER_NAMES = {
  onNewMessageCompose: "onNewMessageCompose",
  onMessageSend: "onMessageSend",
  onSensitivityLabelChanged: "onSensitivityLabelChanged",
  onMessageRecipientsChanged: "onMessageRecipientsChanged",
  onMessageAttachmentsChanged: "onMessageAttachmentsChanged",
} as const;

function clip(text: string, max = MAX_ALERT): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function parseJson<T>(text: string | null): T | null {
  if (text === null) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

export function createOutlookHandlers(deps: OutlookHandlerDeps): OutlookHandlers {
  const report = (name: string, error: unknown): void => deps.report?.(name, error);

  /** Queues audit events (bounded wait) — call before completing, so they survive the runtime ending. */
  async function record(
    audit: AuditQueue,
    policy: EffectivePolicy | null,
    events: AuditEvent[],
  ): Promise<void> {
    if (events.length === 0 || (policy && policy.settings.auditEnabled === false)) return;
    await withTimeout(audit.enqueue(events), LOCAL_WRITE_BUDGET_MS, "audit enqueue").catch((e: unknown) =>
      report("audit", e),
    );
  }

  /** After completing: a best-effort flush; the queue is durable, so an ended runtime loses nothing. */
  async function flushLater(audit: AuditQueue): Promise<void> {
    await audit.flush({ timeoutMs: 5000, deadlineMs: 5000 }).catch((e: unknown) => report("audit flush", e));
  }

  function context(host: OutlookHost): Promise<{
    info: Awaited<ReturnType<OutlookHost["itemInfo"]>>;
    services: OutlookServices;
    strings: DecisionStrings;
  }> {
    return host.itemInfo().then((info) => ({
      info,
      services: deps.services(info.user.principalName || host.userEmail()),
      strings: stringsFor(host.displayLanguage()),
    }));
  }

  // ------------------------------------------------------------------------------------------
  // OnNewMessageCompose: the default mail label (Standard), or our record of a label Outlook
  // already carries (reply, forward, Purview default).

  function onNewMessageCompose(event: CompletableEvent): Promise<void> {
    let audit: AuditQueue | null = null;
    return runHandler(
      event,
      deps.config.eventDeadlineMs,
      () => undefined,
      async (c) => {
        const host = deps.host();
        const { info, services } = await context(host);
        audit = services.audit;
        const loaded = await services.policy.load({ timeoutMs: 4000, interactive: false });
        const policy = loaded.policy;
        if (!policy || !policy.features.manualLabeling) return;
        const ctx = decisionContext(info, deps.now(), deps.newId);
        const state = await host.readLabel(policy.siteId);
        const label = reconcileLabel(state, policy);
        let plan: LabelPlan | null = null;
        if (label.outside) {
          const d = decideLabelChange(
            policy,
            { kind: "email", current: label.recorded },
            { labelId: label.outside.to, method: "Standard", actionSource: "inherited" },
            ctx,
          );
          if (d.outcome === "allow") plan = d.plan;
        } else {
          const d = decideDefaultLabel(policy, { kind: "email", current: label.current }, ctx);
          if (d.outcome === "apply") plan = d.plan;
        }
        if (plan) {
          await host.applyPlan(plan, policy, { native: label.outside ? "skip" : "auto" });
          await record(services.audit, policy, [plan.audit]);
        }
        if (host.supports("1.8"))
          await host
            .refreshAttachmentLabels(policy.siteId, officeAttachmentReader)
            .catch((e: unknown) => report("attachments", e));
        c.complete();
      },
    ).then(() => (audit ? flushLater(audit) : undefined));
  }

  // ------------------------------------------------------------------------------------------
  // OnMessageSend: decide from the cached policy, inside Outlook's ~5 s budget.

  function onMessageSend(event: CompletableEvent): Promise<void> {
    let fallback: "allow" | "block" = "allow";
    let audit: AuditQueue | null = null;
    let host: OutlookHost | null = null;
    let strings: DecisionStrings = stringsFor("en");
    const fallbackOptions = (): Office.SmartAlertsEventCompletedOptions =>
      fallback === "block" && host
        ? blockOptions(host, strings, decideSendWithoutPolicy("block", fallbackContext(), null), null)
        : { allowEvent: true };
    const fallbackContext = (): DecisionContext => ({
      app: "Outlook",
      now: deps.now(),
      newId: deps.newId,
      user: { name: "", principalName: "" },
      item: { name: "", location: "" },
    });

    return runHandler(event, deps.config.handlerDeadlineMs, fallbackOptions, async (c) => {
      host = deps.host();
      const h = host;
      const { info, services } = await context(h);
      strings = stringsFor(h.displayLanguage());
      audit = services.audit;
      const [loaded, fallbackSetting] = await Promise.all([
        services.policy.forSend(deps.config.sendNetworkBudgetMs),
        services.policy.offlineSendFallback(),
      ]);
      fallback = fallbackSetting;
      const ctx = decisionContext(info, deps.now(), deps.newId);
      const decision = await decideForSend(h, loaded, fallback, ctx);
      if (c.done) return; // the deadline answered already
      await record(services.audit, loaded.policy, decision.audit);

      if (decision.outcome === "allow") {
        if (decision.plan && loaded.policy) {
          try {
            await h.applyPlan(decision.plan, loaded.policy);
          } catch (error) {
            report("send apply", error);
            if (loaded.policy.settings.mandatoryMail && !(await hasLabel(h, loaded.policy))) {
              c.complete(blockOptions(h, strings, mandatoryDecision(decision), loaded.policy));
              return;
            }
          }
        }
        c.complete({ allowEvent: true });
        return;
      }
      if (decision.outcome === "warn" && !h.supports("1.14")) {
        // Without sendModeOverride the person could not send past a warning at all.
        c.complete({ allowEvent: true });
        return;
      }
      c.complete(blockOptions(h, strings, decision, loaded.policy));
    }).then(() => (audit ? flushLater(audit) : undefined));
  }

  async function hasLabel(host: OutlookHost, policy: EffectivePolicy): Promise<boolean> {
    const state = await host.readLabel(policy.siteId).catch(() => null);
    return state ? reconcileLabel(state, policy).current !== null : false;
  }

  function mandatoryDecision(d: SendDecision): SendDecision {
    return {
      outcome: "block",
      reason: "mandatory-label-missing",
      message: "Select a sensitivity label before sending.",
      findings: [
        {
          reason: "mandatory-label-missing",
          message: "Select a sensitivity label before sending.",
          fix: "label-picker",
        },
      ],
      fix: "label-picker",
      audit: d.audit,
    };
  }

  async function decideForSend(
    host: OutlookHost,
    loaded: PolicyResult,
    fallback: "allow" | "block",
    ctx: DecisionContext,
  ): Promise<SendDecision> {
    const policy = loaded.policy;
    if (!policy) {
      // Without a policy we do not know our tenant: any label the mail carries counts.
      const state = await host.readLabel(NO_TENANT).catch(() => null);
      const carried = state?.native ?? state?.records.find((r) => r.enabled)?.labelId ?? null;
      return decideSendWithoutPolicy(fallback, ctx, carried);
    }
    if (!policy.features.manualLabeling)
      return { outcome: "allow", reason: "ok", message: "", findings: [], audit: [] };

    // Detection only matters when some label has a condition the phase lets work.
    const wantsText = policy.features.autoLabeling && policy.labels.some((l) => l.conditions.length > 0);
    const [state, recipients, attachments, text, dismissed, justification] = await Promise.all([
      host.readLabel(policy.siteId),
      host.recipients().catch(() => [] as string[]),
      host.attachments().catch(() => [] as Array<{ name: string; labelId: string | null }>),
      wantsText ? host.readText(SEND_TEXT_LIMIT).catch(() => "") : Promise.resolve(""),
      host.sessionGet(SESSION.dismissed).catch(() => null),
      host.sessionGet(SESSION.recipientJustification).catch(() => null),
    ]);
    const label = reconcileLabel(state, policy);

    if (label.outside) {
      // A label chosen with Outlook's control: the same rules as a choice in our pane.
      const change = decideLabelChange(
        policy,
        { kind: "email", current: label.recorded },
        { labelId: label.outside.to, method: "Privileged", actionSource: "manual" },
        ctx,
      );
      if (change.outcome === "justify" || change.outcome === "block") {
        const finding: SendFinding = {
          reason: change.reason,
          message: change.message,
          fix: change.outcome === "justify" ? "justification" : "label-picker",
          labelId: label.outside.to,
        };
        return {
          outcome: "block",
          reason: change.reason,
          message: change.message,
          findings: [finding],
          fix: finding.fix,
          audit: [],
        };
      }
      if (change.outcome === "allow") await host.applyPlan(change.plan, policy, { native: "skip" });
    }

    return decideSend(
      policy,
      {
        kind: "email",
        current: label.current,
        recipients,
        attachments,
        detections: text ? detectSensitiveInfo(text).detections : undefined,
        dismissedRecommendation: dismissed,
        recipientJustification: parseJson<Justification>(justification),
      },
      ctx,
    );
  }

  function labelName(policy: EffectivePolicy | null, id: string | null | undefined): string | undefined {
    if (!policy || !id) return undefined;
    return new LabelIndex(policy.catalog).fullName(id);
  }

  function blockOptions(
    host: OutlookHost,
    strings: DecisionStrings,
    decision: SendDecision,
    policy: EffectivePolicy | null,
  ): Office.SmartAlertsEventCompletedOptions {
    const first = decision.findings[0];
    const params = {
      label: labelName(policy, first?.labelId ?? null),
      text: first?.reason === "recommended-label" ? first.message : undefined,
    };
    const message = clip(decisionText(strings, decision.reason, decision.message, params));
    const options: Office.SmartAlertsEventCompletedOptions = { allowEvent: false, errorMessage: message };
    if (host.supports("1.15"))
      options.errorMessageMarkdown = clip(`${escapeMarkdown(message)}\n\n${strings.sendHelpMarkdown}`);
    const fix = decision.outcome === "allow" ? undefined : decision.fix;
    if (host.supports("1.14")) {
      if (fix) {
        options.commandId = TASKPANE_COMMAND_ID;
        options.contextData = JSON.stringify({
          fix,
          reason: decision.reason,
          labelId: first?.labelId ?? null,
        });
        options.cancelLabel = strings.chooseLabelButton.slice(0, 20);
      }
      if (decision.outcome === "warn") options.sendModeOverride = host.promptUserSendMode();
    }
    return options;
  }

  // ------------------------------------------------------------------------------------------
  // OnSensitivityLabelChanged: a label chosen with Outlook's control is checked like ours.

  function onSensitivityLabelChanged(event: CompletableEvent): Promise<void> {
    let audit: AuditQueue | null = null;
    return runHandler(
      event,
      deps.config.eventDeadlineMs,
      () => undefined,
      async (c) => {
        const host = deps.host();
        const { info, services, strings } = await context(host);
        audit = services.audit;
        const loaded = await services.policy.load({ timeoutMs: 4000, interactive: false });
        const policy = loaded.policy;
        if (!policy || !policy.features.manualLabeling) return;
        // The args carry no label (docs/reference/office-js.md §1): read it.
        const state = await host.readLabel(policy.siteId);
        const label = reconcileLabel(state, policy);
        if (!label.outside) return;
        const ctx = decisionContext(info, deps.now(), deps.newId);
        const change = decideLabelChange(
          policy,
          { kind: "email", current: label.recorded },
          { labelId: label.outside.to, method: "Privileged", actionSource: "manual" },
          ctx,
        );
        if (change.outcome === "allow") {
          await host.applyPlan(change.plan, policy, { native: "skip" });
          await record(services.audit, policy, [change.plan.audit]);
          await host.clearNotification("lb-label");
        } else if (change.outcome === "justify" || change.outcome === "block") {
          // Put the previous label back where Outlook allows it; otherwise send blocks until it is fixed.
          const message = decisionText(strings, change.reason, change.message, {
            label: labelName(policy, label.outside.to),
            from: labelName(policy, label.outside.from),
          });
          if (label.outside.from)
            await host.restoreNativeLabel(label.outside.from).catch((e: unknown) => report("revert", e));
          await host.notify("lb-label", message, "error").catch((e: unknown) => report("notify", e));
        }
        c.complete();
      },
    ).then(() => (audit ? flushLater(audit) : undefined));
  }

  // ------------------------------------------------------------------------------------------
  // Recipients and attachments changed: precompute what send needs, and say early what send will say.

  function onMessageRecipientsChanged(event: CompletableEvent): Promise<void> {
    return runHandler(
      event,
      deps.config.eventDeadlineMs,
      () => undefined,
      async (c) => {
        const host = deps.host();
        const { info, services, strings } = await context(host);
        const recipients = await host.recipients();
        await host.sessionSet(SESSION.recipients, JSON.stringify(recipients));
        const policy = (await services.policy.cached())?.policy ?? null;
        if (policy && policy.settings.recipientRules.length > 0)
          await earlyWarning(host, policy, info, strings, recipients, "lb-recipients", "recipient-rule");
        c.complete();
      },
    );
  }

  function onMessageAttachmentsChanged(event: CompletableEvent): Promise<void> {
    return runHandler(
      event,
      deps.config.eventDeadlineMs,
      () => undefined,
      async (c) => {
        const host = deps.host();
        const { info, services, strings } = await context(host);
        const policy = (await services.policy.cached())?.policy ?? null;
        if (!policy) return;
        await host.refreshAttachmentLabels(policy.siteId, officeAttachmentReader);
        if (policy.settings.attachmentInheritance !== "off")
          await earlyWarning(
            host,
            policy,
            info,
            strings,
            await host.recipients().catch(() => []),
            "lb-attachments",
            "attachment-label",
          );
        c.complete();
      },
    );
  }

  async function earlyWarning(
    host: OutlookHost,
    policy: EffectivePolicy,
    info: Awaited<ReturnType<OutlookHost["itemInfo"]>>,
    strings: DecisionStrings,
    recipients: string[],
    key: string,
    reasonPrefix: string,
  ): Promise<void> {
    const state = await host.readLabel(policy.siteId);
    const label = reconcileLabel(state, policy);
    // A dry run of the send check, without the audit it would record.
    const d = decideSend(
      policy,
      { kind: "email", current: label.current, recipients, attachments: await host.attachments() },
      decisionContext(info, deps.now(), deps.newId),
    );
    const finding = d.findings.find((f) => f.reason.startsWith(reasonPrefix));
    if (finding)
      await host.notify(
        key,
        decisionText(strings, finding.reason, finding.message, { label: labelName(policy, finding.labelId) }),
      );
    else await host.clearNotification(key);
  }

  return {
    onNewMessageCompose,
    onMessageSend,
    onSensitivityLabelChanged,
    onMessageRecipientsChanged,
    onMessageAttachmentsChanged,
  };
}

function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]#])/g, "\\$1");
}
