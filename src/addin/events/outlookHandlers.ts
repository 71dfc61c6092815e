/**
 * Outlook's event-based activation handlers — Office glue only: each takes the event, builds the
 * adapter and the user's clients, runs its labeling flow (src/addin/flows) and completes the event
 * with the flow's outcome (Smart Alerts options, an info-bar message). They run in classic
 * Outlook's JavaScript-only runtime too, so this module and everything it imports stay free of DOM
 * and React; the bundle is down-levelled to ES2016.
 *
 * Each handler is (event) => Promise<void>; the promise is for tests and resolves after the event
 * was completed and the audit queue was given a chance to flush.
 */
import { decideSendWithoutPolicy } from "../../core/decide/send";
import type { DecisionContext, SendDecision } from "../../core/decide/types";
import type { EffectivePolicy } from "../../core/policy/effective";
import { LabelIndex } from "../../core/policy/labels";
import { attachmentsChanged, recipientsChanged, type EarlyWarning } from "../flows/composeChanged";
import type { EventDeps } from "../flows/deps";
import { openNewMail } from "../flows/open";
import { outsideLabelChanged } from "../flows/outsideChange";
import { sendMail } from "../flows/send";
import {
  MEETING_TASKPANE_COMMAND_ID,
  TASKPANE_COMMAND_ID,
  type OutlookEventHost,
} from "../hosts/outlookEventHost";
import { decisionText, stringsFor, type DecisionStrings } from "../i18n";
import type { UserClients } from "../runtime/wiring";
import type { AddinConfig } from "../services/config";
import { runHandler, type CompletableEvent } from "./completion";

/** Smart Alerts cut `errorMessage` and `errorMessageMarkdown` at 500 characters. */
const MAX_ALERT = 500;

export { SEND_TEXT_LIMIT } from "../flows/send";

export interface OutlookHandlerDeps {
  /** An adapter for the item this event is about. */
  host(): OutlookEventHost;
  /** Policy client and audit queue for the mailbox user (their caches are per user). */
  services(user: string): UserClients;
  config: AddinConfig;
  now(): Date;
  newId(): string;
  /** Called when a handler swallowed an error, for diagnostics (console in production). */
  report?(handler: string, error: unknown): void;
}

export interface OutlookHandlers {
  onNewMessageCompose(event: CompletableEvent): Promise<void>;
  onMessageSend(event: CompletableEvent): Promise<void>;
  /** A meeting being organised: the same moments as a message (the adapter knows the difference). */
  onNewAppointmentOrganizer(event: CompletableEvent): Promise<void>;
  onAppointmentSend(event: CompletableEvent): Promise<void>;
  onSensitivityLabelChanged(event: CompletableEvent): Promise<void>;
  onMessageRecipientsChanged(event: CompletableEvent): Promise<void>;
  onMessageAttachmentsChanged(event: CompletableEvent): Promise<void>;
}

/** The function names the manifest's `<LaunchEvent FunctionName>` and `Office.actions.associate` use. */
export const HANDLER_NAMES = {
  onNewMessageCompose: "onNewMessageCompose",
  onMessageSend: "onMessageSend",
  onNewAppointmentOrganizer: "onNewAppointmentOrganizer",
  onAppointmentSend: "onAppointmentSend",
  onSensitivityLabelChanged: "onSensitivityLabelChanged",
  onMessageRecipientsChanged: "onMessageRecipientsChanged",
  onMessageAttachmentsChanged: "onMessageAttachmentsChanged",
} as const;

function clip(text: string, max = MAX_ALERT): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function labelName(policy: EffectivePolicy | null, id: string | null | undefined): string | undefined {
  if (!policy || !id) return undefined;
  return new LabelIndex(policy.catalog).fullName(id);
}

export function createOutlookHandlers(deps: OutlookHandlerDeps): OutlookHandlers {
  const report = (name: string, error: unknown): void => deps.report?.(name, error);

  /** The adapter, the user's clients and language for this event. */
  async function begin(
    host: OutlookEventHost = deps.host(),
  ): Promise<{ e: EventDeps<OutlookEventHost>; clients: UserClients; strings: DecisionStrings }> {
    const info = await host.itemInfo();
    const clients = deps.services(info.user.principalName || host.userEmail());
    const e: EventDeps<OutlookEventHost> = {
      host,
      info,
      policies: clients.policy,
      audit: clients.audit,
      now: deps.now,
      newId: deps.newId,
      report,
    };
    return { e, clients, strings: stringsFor(host.displayLanguage()) };
  }

  /** After completing: a best-effort flush; the queue is durable, so an ended runtime loses nothing. */
  function flushLater(clients: UserClients | null): Promise<void> | undefined {
    return clients?.audit
      .flush({ timeoutMs: 5000, deadlineMs: 5000 })
      .then(() => undefined)
      .catch((e: unknown) => report("audit flush", e));
  }

  function onNewMessageCompose(event: CompletableEvent): Promise<void> {
    let clients: UserClients | null = null;
    return runHandler(
      event,
      deps.config.eventDeadlineMs,
      () => undefined,
      async (c) => {
        const started = await begin();
        clients = started.clients;
        await openNewMail(started.e);
        c.complete();
      },
    ).then(() => flushLater(clients));
  }

  function onMessageSend(event: CompletableEvent): Promise<void> {
    let fallback: "allow" | "block" = "allow";
    let clients: UserClients | null = null;
    let host: OutlookEventHost | null = null;
    let strings: DecisionStrings = stringsFor("en");
    const fallbackOptions = (): Office.SmartAlertsEventCompletedOptions => {
      if (fallback !== "block" || !host) return { allowEvent: true };
      const ctx: DecisionContext = {
        app: "Outlook",
        now: deps.now(),
        newId: deps.newId,
        user: { name: "", principalName: "" },
        item: { name: "", location: "" },
      };
      return blockOptions(host, strings, decideSendWithoutPolicy("block", ctx, null), null);
    };
    return runHandler(event, deps.config.handlerDeadlineMs, fallbackOptions, async (c) => {
      const h = (host = deps.host());
      const started = await begin(h);
      strings = started.strings;
      clients = started.clients;
      const outcome = await sendMail(started.e, {
        networkBudgetMs: deps.config.sendNetworkBudgetMs,
        onFallback: (f) => (fallback = f),
        late: () => c.done,
      });
      if (outcome.kind === "late") return;
      // Without sendModeOverride (Mailbox 1.14) the person could not send past a warning at all.
      if (outcome.kind === "allow" || (outcome.decision.outcome === "warn" && !h.supports("1.14")))
        c.complete({ allowEvent: true });
      else c.complete(blockOptions(h, strings, outcome.decision, outcome.policy));
    }).then(() => flushLater(clients));
  }

  function blockOptions(
    host: OutlookEventHost,
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
        options.commandId = host.isAppointment ? MEETING_TASKPANE_COMMAND_ID : TASKPANE_COMMAND_ID;
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

  function onSensitivityLabelChanged(event: CompletableEvent): Promise<void> {
    let clients: UserClients | null = null;
    return runHandler(
      event,
      deps.config.eventDeadlineMs,
      () => undefined,
      async (c) => {
        const { e, clients: user, strings } = await begin();
        clients = user;
        const outcome = await outsideLabelChanged(e);
        if (!outcome) return;
        const d = outcome.decision;
        if (d.outcome === "allow") await e.host.clearNotification("lb-label");
        else if (d.outcome === "justify" || d.outcome === "block") {
          const policy = outcome.policy;
          const message = decisionText(strings, d.reason, d.message, {
            label: labelName(policy, outcome.label.outside?.to),
            from: labelName(policy, outcome.label.outside?.from),
          });
          await e.host.notify("lb-label", message, "error").catch((err: unknown) => report("notify", err));
        }
        c.complete();
      },
    ).then(() => flushLater(clients));
  }

  /** Says early what send will say, in the mail's info bar, or clears what no longer holds. */
  async function showEarlyWarning(
    e: EventDeps<OutlookEventHost>,
    strings: DecisionStrings,
    w: EarlyWarning | null,
  ) {
    if (!w) return;
    if (!w.finding) return e.host.clearNotification(w.key);
    const params = { label: labelName(w.policy, w.finding.labelId) };
    await e.host.notify(w.key, decisionText(strings, w.finding.reason, w.finding.message, params));
  }

  function onComposeChanged(moment: typeof recipientsChanged) {
    return (event: CompletableEvent): Promise<void> =>
      runHandler(
        event,
        deps.config.eventDeadlineMs,
        () => undefined,
        async (c) => {
          const { e, strings } = await begin();
          await showEarlyWarning(e, strings, await moment(e));
          c.complete();
        },
      );
  }

  return {
    onNewMessageCompose,
    onMessageSend,
    onNewAppointmentOrganizer: onNewMessageCompose,
    onAppointmentSend: onMessageSend,
    onSensitivityLabelChanged,
    onMessageRecipientsChanged: onComposeChanged(recipientsChanged),
    onMessageAttachmentsChanged: onComposeChanged(attachmentsChanged),
  };
}

function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]#])/g, "\\$1");
}
