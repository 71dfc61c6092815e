/**
 * The task pane's behaviour, without React and without Office: it reads the item through the host
 * adapter it is given, decides with the core engine, applies through the adapter and records
 * audit events. Components render its state and call its actions; tests drive it against the fake
 * hosts directly.
 */
import type {
  CurrentLabel,
  DecisionContext,
  Justification,
  LabelPlan,
  Recommendation,
  ReasonCode,
} from "../../core/decide/types";
import type { AuditEvent } from "../../core/audit/event";
import type { ActionSource } from "../../core/audit/event";
import type { EffectivePolicy } from "../../core/policy/effective";
import type { DocumentLabelingHost } from "../hosts/documentHost";
import {
  HostError,
  isDocumentHost,
  type ApplyResult,
  type HostCapabilities,
  type HostItemInfo,
  type HostWarning,
  type LabelingHost,
  type LabelState,
} from "../hosts/types";
import { decisionText } from "../i18n/text";
import type { Strings } from "../i18n/types";
import type { AuditQueue } from "../services/auditQueue";
import { documentDecisionContext } from "../services/documentContext";
import { decisionContext, reconcileLabel } from "../services/mailState";
import type { PolicyClient, PolicySource } from "../services/policyClient";
import { SESSION } from "../services/session";
import { looksLikeToken, saveDevToken } from "../services/tokens";
import type { KeyValueStore } from "../services/storage";
import { describeLabel } from "./model/labelTree";
import { parseOpenContext, type PaneFocus } from "./model/openContext";
import { pickTheme, type PaneTheme } from "./model/theme";

/** What a host may offer beyond LabelingHost; the pane uses whatever is there. */
export interface PaneHostExtras {
  sessionGet?(name: string): Promise<string | null>;
  sessionSet?(name: string, value: string | null): Promise<void>;
  initializationContext?(): Promise<string | null>;
  onItemChanged?(listener: () => void): Promise<() => Promise<void>>;
  /** Documents: open the pane with the document until it is labeled (mandatory labeling). */
  ensureOpensWithDocument?(on: boolean): Promise<void>;
}

/** The engine functions the pane calls (engine.ts). */
export type Engine = typeof import("./engine");

export interface PaneDeps {
  host: LabelingHost;
  /** The person's language (i18n/load.ts). */
  strings: Strings;
  /** Loads the decision engine; the default fetches its chunk. */
  engine?: () => Promise<Engine>;
  extras?: PaneHostExtras;
  policy: PolicyClient;
  audit: AuditQueue;
  store: KeyValueStore;
  now?: () => Date;
  newId: () => string;
  forcedColors?: () => boolean;
  /** Also keep a pasted development token where other runtimes find it (Outlook roaming settings). */
  shareDevToken?: (token: string | null) => Promise<void>;
  /** How much text the detectors read (subject + body, or the document). */
  detectChars?: number;
}

export type Notice = { kind: "success" | "error" | "warning" | "info"; text: string };

export interface JustificationRequest {
  /** A label change, or sending a mail to outside recipients under a "justify" recipient rule. */
  purpose: "label" | "recipients";
  /** The label asked for (null = removal). */
  target: string | null;
  from: string | null;
  reasons: string[];
  otherReason: string;
  /** The change came from Outlook's own control: Outlook already carries `target`. */
  outside: boolean;
  error: string | null;
  /** Why the dialog opened (the engine's message, translated). */
  message: string;
}

export interface PaneState {
  phase: "loading" | "ready" | "no-policy" | "error";
  strings: Strings;
  theme: PaneTheme;
  policy: EffectivePolicy | null;
  policySource: PolicySource;
  policyFetchedAt: number | null;
  info: HostItemInfo | null;
  capabilities: HostCapabilities | null;
  label: LabelState | null;
  /** The label the item carries now (Outlook's own label when it is one of ours). */
  current: CurrentLabel | null;
  /** Our record before a change made with Outlook's control was checked. */
  recorded: CurrentLabel | null;
  outside: { from: string | null; to: string } | null;
  recommendation: Recommendation | null;
  justification: JustificationRequest | null;
  busy: boolean;
  notice: Notice | null;
  /** What the last write did short of what the label asks (shown until the next write or dismissed). */
  warnings: HostWarning[];
  focus: PaneFocus | null;
  auditPending: number;
  /** Where the pane keeps its data (localStorage, …), for the settings view. */
  storage: string;
}

type Listener = (state: PaneState) => void;

const DETECT_CHARS = 256 * 1024;

export class PaneController {
  private state: PaneState;
  private readonly listeners = new Set<Listener>();
  private readonly now: () => Date;
  private dismissed: string | null = null;
  private unsubscribe: Array<() => Promise<void>> = [];

  private readonly engine: Promise<Engine>;

  constructor(private readonly deps: PaneDeps) {
    this.now = deps.now ?? (() => new Date());
    this.engine = (deps.engine ?? (() => import(/* webpackChunkName: "engine" */ "./engine.js")))();
    // An unobserved failure here would be reported twice; each use awaits it and handles it.
    this.engine.catch(() => undefined);
    this.state = {
      phase: "loading",
      strings: deps.strings,
      theme: pickTheme(deps.host.theme(), deps.forcedColors?.() ?? false),
      policy: null,
      policySource: "none",
      policyFetchedAt: null,
      info: null,
      capabilities: null,
      label: null,
      current: null,
      recorded: null,
      outside: null,
      recommendation: null,
      justification: null,
      busy: false,
      notice: null,
      warnings: [],
      focus: null,
      auditPending: 0,
      storage: deps.store.kind,
    };
  }

  getState = (): PaneState => this.state;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(patch: Partial<PaneState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l(this.state);
  }

  private get strings(): Strings {
    return this.state.strings;
  }

  /** The app is the host's: `${If.App…}` blocks, the watermark and audit `app` depend on it. */
  private context(): DecisionContext {
    const kind = this.deps.host.kind;
    return kind === "Word" || kind === "Excel"
      ? documentDecisionContext(kind, this.state.info!, this.now(), this.deps.newId)
      : decisionContext(this.state.info!, this.now(), this.deps.newId);
  }

  private labelName(id: string | null | undefined): string | undefined {
    return id ? describeLabel(this.state.policy, id).name : undefined;
  }

  private text(reason: ReasonCode, message: string, labelId?: string | null, from?: string | null): string {
    return decisionText(this.strings, reason, message, {
      label: this.labelName(labelId),
      from: this.labelName(from),
    });
  }

  /** Loads everything and applies what the policy asks on open (default label, outside changes). */
  async init(): Promise<void> {
    this.set({ phase: "loading", notice: null, warnings: [] });
    try {
      const [info, capabilities] = await Promise.all([
        this.deps.host.itemInfo(),
        this.deps.host.capabilities(),
      ]);
      this.set({ info, capabilities });
      const loaded = await this.deps.policy.load({ timeoutMs: 8000, interactive: true });
      this.set({ policySource: loaded.source, policyFetchedAt: loaded.fetchedAt });
      if (!loaded.policy) {
        this.set({ phase: "no-policy", notice: { kind: "error", text: this.strings.noPolicy } });
        return;
      }
      this.set({ policy: loaded.policy });
      if (loaded.source === "stale-cache")
        this.set({
          notice: { kind: "warning", text: this.strings.offlineNotice(this.when(loaded.fetchedAt)) },
        });
      const host = this.deps.host;
      // A document gets what OnDocumentOpened would have done (the event does not run everywhere).
      const opening = isDocumentHost(host) && this.writable();
      if (opening) await this.openDocument(host);
      else await this.readLabel();
      this.dismissed = (await this.deps.extras?.sessionGet?.(SESSION.dismissed).catch(() => null)) ?? null;
      const open = parseOpenContext(
        (await this.deps.extras?.initializationContext?.().catch(() => null)) ?? null,
      );
      if (open) this.set({ focus: open.fix });

      // The list shows as soon as the label is known; what the policy asks on open follows.
      this.set({ phase: "ready" });
      if (this.writable()) {
        if (!opening) await this.applyOnOpen();
        await this.checkRecommendation();
        if (!opening) await this.keepPaneWithUnlabeledDocument();
        if (open?.reason === "recipient-rule-justify" && !this.state.justification) this.askRecipientReason();
      }
      await this.listen();
    } catch (error) {
      this.set({ phase: "error", notice: { kind: "error", text: this.failure(error) } });
    } finally {
      void this.flushAudit();
    }
  }

  dispose(): void {
    const offs = this.unsubscribe;
    this.unsubscribe = [];
    this.listening = false;
    for (const off of offs) void off();
  }

  private writable(): boolean {
    const p = this.state.policy;
    return !!p && p.features.manualLabeling && this.state.capabilities?.canWriteLabel === true;
  }

  private when(at: number | null): string {
    if (at === null) return "";
    const d = new Date(at);
    return `${d.toLocaleDateString(this.strings.locale)} ${d.toLocaleTimeString(this.strings.locale, { hour: "2-digit", minute: "2-digit" })}`;
  }

  private listening = false;

  /** Once per pane: init runs again (new token, another mail in a pinned pane) without stacking handlers. */
  private async listen(): Promise<void> {
    if (this.listening) return;
    this.listening = true;
    const host = this.deps.host;
    if (host.onLabelChanged)
      this.unsubscribe.push(await host.onLabelChanged(() => void this.onOutsideChange()));
    if (this.deps.extras?.onItemChanged)
      this.unsubscribe.push(await this.deps.extras.onItemChanged(() => void this.init()));
  }

  private async readLabel(): Promise<void> {
    this.showLabel(await this.deps.host.readLabel(this.state.policy!.siteId));
  }

  private showLabel(label: LabelState): void {
    const r = reconcileLabel(label, this.state.policy!);
    this.set({ label, current: r.current, recorded: r.recorded, outside: r.outside });
  }

  /**
   * Default label (Standard) on a new or unlabeled document; when labeling is mandatory and it stays
   * unlabeled, "unlabeled-document" is audited and the pane set to open with the document.
   */
  private async openDocument(host: DocumentLabelingHost): Promise<void> {
    const policy = this.state.policy!;
    this.set({ busy: true });
    try {
      const e = await this.engine;
      const outcome = await e.openDocument(host, policy, this.context(), "pane");
      this.showLabel(outcome.after);
      this.set({ warnings: outcome.warnings });
      const d = outcome.decision;
      if (outcome.applied && d)
        this.set({ notice: { kind: "info", text: this.text(d.reason, d.message, outcome.applied.labelId) } });
      await this.record(outcome.audit);
    } catch (error) {
      // Say what a failed batch may have left; the label shown is read again, and can be set here.
      this.set({ notice: { kind: "error", text: this.applyFailure(error) } });
      await this.readLabel();
    } finally {
      this.set({ busy: false });
    }
  }

  /** Default label on an unlabeled item; a label set with Outlook's control is checked like ours. */
  private async applyOnOpen(): Promise<void> {
    const policy = this.state.policy!;
    if (this.state.outside) {
      await this.checkOutsideChange();
      return;
    }
    const e = await this.engine;
    const d = e.decideDefaultLabel(
      policy,
      { kind: this.state.info!.kind, current: this.state.current },
      this.context(),
    );
    if (d.outcome === "apply" && (await this.apply(d.plan, "auto", [d.plan.audit])))
      this.set({ notice: { kind: "info", text: this.text(d.reason, d.message, d.plan.labelId) } });
  }

  private async onOutsideChange(): Promise<void> {
    await this.readLabel();
    if (this.state.outside) await this.checkOutsideChange();
  }

  private async checkOutsideChange(): Promise<void> {
    const outside = this.state.outside!;
    const policy = this.state.policy!;
    const e = await this.engine;
    const d = e.decideLabelChange(
      policy,
      { kind: this.state.info!.kind, current: this.state.recorded },
      { labelId: outside.to, method: "Privileged", actionSource: "manual" },
      this.context(),
    );
    if (d.outcome === "allow") {
      await this.apply(d.plan, "skip", [d.plan.audit]);
    } else if (d.outcome === "justify") {
      this.set({
        justification: {
          purpose: "label",
          target: outside.to,
          from: outside.from,
          reasons: d.reasons,
          otherReason: d.otherReason,
          outside: true,
          error: null,
          message: this.strings.labelChangedOutside(this.labelName(outside.to) ?? outside.to),
        },
        focus: "justification",
      });
    } else if (d.outcome === "block") {
      this.set({ notice: { kind: "error", text: this.text(d.reason, d.message, outside.to, outside.from) } });
    }
  }

  /** The person picks a label (or removal) in the list. */
  async chooseLabel(
    labelId: string | null,
    options: { actionSource?: ActionSource; justification?: Justification; outside?: boolean } = {},
  ): Promise<void> {
    const policy = this.state.policy;
    if (!policy || this.state.busy) return;
    // Decide from what the item carries now (a co-author, another window, Outlook's own control),
    // and let the adapter write from this same read: 1 read + 1 write in Word and Excel.
    this.set({ busy: true });
    try {
      await this.readLabel();
    } catch (error) {
      this.set({ notice: { kind: "error", text: this.strings.readFailed(this.failure(error)) } });
      return;
    } finally {
      this.set({ busy: false });
    }
    const base = this.state.outside ? this.state.recorded : this.state.current;
    const e = await this.engine;
    const d = e.decideLabelChange(
      policy,
      { kind: this.state.info!.kind, current: base },
      {
        labelId,
        method: "Privileged",
        actionSource: options.actionSource ?? "manual",
        justification: options.justification ?? null,
      },
      this.context(),
    );
    if (d.outcome === "justify") {
      const previous = this.state.justification;
      this.set({
        justification: {
          purpose: "label",
          target: labelId,
          from: base?.labelId ?? null,
          reasons: d.reasons,
          otherReason: d.otherReason,
          outside: options.outside ?? false,
          error: options.justification ? this.text(d.reason, d.message) : null,
          message: previous?.outside
            ? previous.message
            : this.strings.justificationIntro(
                this.labelName(base?.labelId) ?? "",
                labelId === null ? "" : (this.labelName(labelId) ?? labelId),
              ),
        },
      });
      return;
    }
    if (d.outcome === "block") {
      this.set({
        justification: null,
        notice: { kind: "error", text: this.text(d.reason, d.message, labelId, base?.labelId) },
      });
      return;
    }
    if (d.outcome === "none") {
      this.set({ justification: null });
      return;
    }
    const native = this.state.label?.native ?? null;
    const extra: AuditEvent[] = [];
    const rec = this.state.recommendation;
    if (options.actionSource === "recommended" && rec)
      extra.push(
        e.eventAuditEvent(this.context(), "recommendation-accepted", {
          labelId: rec.labelId,
          reason: "recommended-label",
          details: {
            sitId: rec.condition.sitId,
            count: rec.condition.count,
            confidence: rec.condition.confidence,
          },
        }),
      );
    const result = await this.apply(d.plan, labelId !== null && labelId === native ? "skip" : "auto", [
      d.plan.audit,
      ...extra,
    ]);
    if (result) {
      const text =
        labelId === null
          ? this.strings.labelRemoved
          : this.strings.labelApplied(this.labelName(labelId) ?? labelId);
      this.set({
        justification: null,
        focus: null,
        recommendation: rec && labelId !== null && this.isAtLeast(labelId, rec.labelId) ? null : rec,
        notice: {
          kind: "success",
          text: result.nativeLabelSet ? `${text} ${this.strings.nativeAlsoSet}` : text,
        },
      });
    }
  }

  private isAtLeast(a: string, b: string): boolean {
    const catalog = this.state.policy!.catalog;
    const la = catalog.find((l) => l.id === a);
    const lb = catalog.find((l) => l.id === b);
    return !!la && !!lb && la.sensitivity >= lb.sensitivity;
  }

  /** A Smart Alert sent the person here for a reason to send to outside recipients. */
  private askRecipientReason(): void {
    const settings = this.state.policy!.settings;
    this.set({
      justification: {
        purpose: "recipients",
        target: null,
        from: null,
        reasons: [...settings.justificationReasons],
        otherReason: settings.otherReasonText,
        outside: false,
        error: null,
        message: this.strings.recipientJustificationIntro,
      },
    });
  }

  async submitJustification(reason: string, text: string): Promise<void> {
    const j = this.state.justification;
    if (!j) return;
    if (!reason) {
      this.set({ justification: { ...j, error: this.strings.justificationPickReason } });
      return;
    }
    if (reason === j.otherReason && text.trim() === "") {
      this.set({ justification: { ...j, error: this.strings.justificationOtherRequired } });
      return;
    }
    if (j.purpose === "recipients") {
      // The send handler reads it from the mail's session data and lets the mail go.
      const value = reason === j.otherReason ? { reason, text: text.trim().slice(0, 1000) } : { reason };
      await this.deps.extras
        ?.sessionSet?.(SESSION.recipientJustification, JSON.stringify(value))
        .catch(() => undefined);
      this.set({
        justification: null,
        focus: null,
        notice: { kind: "success", text: this.strings.recipientJustified },
      });
      return;
    }
    await this.chooseLabel(j.target, { justification: { reason, text }, outside: j.outside });
  }

  /** Cancel: nothing changes. A change made with Outlook's control is put back where Outlook allows. */
  async cancelJustification(): Promise<void> {
    const j = this.state.justification;
    this.set({ justification: null, focus: null });
    if (j?.outside && j.from) {
      const restore = (this.deps.host as { restoreNativeLabel?: (id: string) => Promise<boolean> })
        .restoreNativeLabel;
      if (restore) {
        await restore.call(this.deps.host, j.from).catch(() => false);
        await this.readLabel();
      }
    }
  }

  async acceptRecommendation(): Promise<void> {
    const rec = this.state.recommendation;
    if (rec) await this.chooseLabel(rec.labelId, { actionSource: "recommended" });
  }

  async dismissRecommendation(): Promise<void> {
    const rec = this.state.recommendation;
    if (!rec) return;
    this.dismissed = rec.labelId;
    this.set({ recommendation: null });
    await this.deps.extras?.sessionSet?.(SESSION.dismissed, rec.labelId).catch(() => undefined);
    const e = await this.engine;
    await this.record([
      e.eventAuditEvent(this.context(), "recommendation-dismissed", {
        labelId: rec.labelId,
        reason: "recommended-label",
        details: {
          sitId: rec.condition.sitId,
          count: rec.condition.count,
          confidence: rec.condition.confidence,
        },
      }),
    ]);
  }

  /** Runs the detectors on the item's text (again: the pane cannot see typing in the body). */
  async checkRecommendation(): Promise<void> {
    const policy = this.state.policy;
    if (!policy || !this.writable() || !policy.features.autoLabeling) return;
    if (!policy.labels.some((l) => l.conditions.length > 0)) return;
    const text = await this.deps.host.readText(this.deps.detectChars ?? DETECT_CHARS).catch(() => "");
    const e = await this.engine;
    const detections = e.detectSensitiveInfo(text).detections;
    const d = e.decideRecommendation(
      policy,
      { kind: this.state.info!.kind, current: this.state.current },
      detections,
      this.context(),
      { dismissed: this.dismissed },
    );
    if (d.outcome === "recommend") this.set({ recommendation: d.recommendation });
    else if (d.outcome === "apply") {
      if (await this.apply(d.plan, "auto", [d.plan.audit]))
        this.set({
          recommendation: null,
          notice: { kind: "info", text: this.text(d.reason, d.message, d.plan.labelId) },
        });
    } else this.set({ recommendation: null });
  }

  private async keepPaneWithUnlabeledDocument(): Promise<void> {
    const ensure = this.deps.extras?.ensureOpensWithDocument;
    const policy = this.state.policy!;
    if (!ensure || this.state.info?.kind !== "file") return;
    await ensure(policy.settings.mandatoryDocuments && this.state.current === null).catch(() => undefined);
  }

  /** Applies a plan; on failure we say what failed and what the adapter says that leaves behind. */
  private async apply(
    plan: LabelPlan,
    native: "auto" | "skip",
    audit: AuditEvent[],
  ): Promise<ApplyResult | null> {
    this.set({ busy: true, warnings: [] });
    try {
      const result = await this.deps.host.applyPlan(plan, this.state.policy!, { native });
      this.set({ warnings: result.warnings });
      await this.record(audit);
      // Word and Excel load the result in the write's own round trip; Outlook is read again.
      if (result.state) this.showLabel(result.state);
      else await this.readLabel();
      void this.keepPaneWithUnlabeledDocument();
      return result;
    } catch (error) {
      this.set({ notice: { kind: "error", text: this.applyFailure(error) } });
      await this.readLabel().catch(() => undefined);
      return null;
    } finally {
      this.set({ busy: false });
    }
  }

  /**
   * What a failed write left behind, as the adapter can vouch for it: Outlook undoes its writes
   * (and names those it could not); Word and Excel stop their one batch at the failing step.
   */
  private applyFailure(error: unknown): string {
    const detail = this.failure(error);
    if (isDocumentHost(this.deps.host)) return this.strings.applyFailedDocument(detail);
    if (error instanceof HostError && error.notUndone.length > 0)
      return this.strings.applyFailedNotUndone(detail, error.notUndone.join(", "));
    return this.strings.applyFailed(detail);
  }

  private failure(error: unknown): string {
    if (error instanceof HostError) return error.message;
    return error instanceof Error ? error.message : String(error);
  }

  private async record(events: AuditEvent[]): Promise<void> {
    if (events.length === 0 || this.state.policy?.settings.auditEnabled === false) return;
    await this.deps.audit.enqueue(events).catch(() => undefined);
    this.set({ auditPending: await this.deps.audit.pending().catch(() => 0) });
    void this.flushAudit();
  }

  async flushAudit(force = false): Promise<void> {
    await this.deps.audit.flush({ timeoutMs: 10_000, force }).catch(() => undefined);
    this.set({ auditPending: await this.deps.audit.pending().catch(() => 0) });
  }

  async saveToken(token: string): Promise<boolean> {
    const value = token.trim();
    if (value !== "" && !looksLikeToken(value)) {
      this.set({ notice: { kind: "error", text: this.strings.tokenInvalid } });
      return false;
    }
    await saveDevToken(this.deps.store, value === "" ? null : value);
    await this.deps.shareDevToken?.(value === "" ? null : value).catch(() => undefined);
    this.set({ notice: { kind: "success", text: this.strings.tokenSaved } });
    await this.init();
    return true;
  }

  clearNotice(): void {
    this.set({ notice: null });
  }

  dismissWarning(index: number): void {
    this.set({ warnings: this.state.warnings.filter((_, i) => i !== index) });
  }
}
