/**
 * The task pane's state, without React and without Office: it asks the labeling flows
 * (src/addin/flows, loaded as the engine chunk) to do what the person or the item asks, and turns
 * their outcomes into what the pane shows. Components render its state and call its actions;
 * tests drive it against the fake hosts directly.
 */
import type { ActionSource } from "../../core/audit/event";
import { itemDecisionContext } from "../../core/decide/context";
import { reconcileLabel, type LabelState } from "../../core/decide/labelState";
import type { Justification, LabelChangeDecision, ReasonCode } from "../../core/decide/types";
import type { FlowDeps, ReadLabel } from "../flows/deps";
import type { OutsideChangeOutcome } from "../flows/outsideChange";
import type { DocumentLabelingHost } from "../hosts/documentHost";
import { SESSION } from "../hosts/outlookSession";
import { HostError, isDocumentHost, type ApplyResult } from "../hosts/types";
import { decisionText } from "../i18n/text";
import type { Strings } from "../i18n/types";
import { looksLikeToken, saveDevToken } from "../ports/tokens";
import { describeLabel } from "./model/labelTree";
import { parseOpenContext } from "./model/openContext";
import { pickTheme } from "./model/theme";
import type { Engine, JustificationRequest, PaneDeps, PaneState } from "./paneState";

export type { Engine, JustificationRequest, Notice, PaneDeps, PaneHostExtras, PaneState } from "./paneState";

type Listener = (state: PaneState) => void;

const DETECT_CHARS = 256 * 1024;

export class PaneController {
  private state: PaneState;
  private readonly listeners = new Set<Listener>();
  private readonly now: () => Date;
  private dismissed: string | null = null;
  private unsubscribe: Array<() => Promise<void>> = [];
  private listening = false;
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

  /** What a flow needs from the pane: the item, the policy, a fresh decision context, the audit queue. */
  private flow(): FlowDeps {
    const info = this.state.info!;
    return {
      host: this.deps.host,
      policy: this.state.policy!,
      kind: info.kind,
      ctx: itemDecisionContext(this.deps.host.kind, info, this.now(), this.deps.newId),
      audit: { enqueue: (events) => this.record(events) },
      busy: async (work) => {
        this.set({ busy: true });
        try {
          return await work();
        } finally {
          this.set({ busy: false });
        }
      },
    };
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

  /** The label as last read, as the flows take it. */
  private lastRead(): ReadLabel {
    const s = this.state;
    return { state: s.label!, current: s.current, recorded: s.recorded, outside: s.outside };
  }

  /**
   * Runs a flow; when its write fails, says what failed and what the adapter says that leaves
   * behind, and reads the label again.
   */
  private async attempt<T>(flow: () => Promise<T>): Promise<T | null> {
    try {
      return await flow();
    } catch (error) {
      this.set({ notice: { kind: "error", text: this.applyFailure(error) }, warnings: [] });
      await this.readLabel().catch(() => undefined);
      return null;
    }
  }

  /** After a write: what it did short of the label, and the label as the item now carries it. */
  private async applied(result: ApplyResult | null): Promise<void> {
    if (!result) return;
    this.set({ warnings: result.warnings });
    // Word and Excel load the result in the write's own round trip; Outlook is read again.
    if (result.state) this.showLabel(result.state);
    else await this.readLabel();
    void this.keepPaneWithUnlabeledDocument();
  }

  /**
   * Default label (Standard) on a new or unlabeled document; when labeling is mandatory and it stays
   * unlabeled, "unlabeled-document" is audited and the pane set to open with the document.
   */
  private async openDocument(host: DocumentLabelingHost): Promise<void> {
    this.set({ busy: true });
    try {
      const e = await this.engine;
      const outcome = await e.openDocument({ ...this.flow(), host, busy: undefined }, "pane");
      this.showLabel(outcome.after);
      this.set({ warnings: outcome.warnings });
      const d = outcome.decision;
      if (outcome.applied && d)
        this.set({ notice: { kind: "info", text: this.text(d.reason, d.message, outcome.applied.labelId) } });
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
    const e = await this.engine;
    const outcome = await this.attempt(() => e.labelOnOpen(this.flow(), this.lastRead(), "chosen"));
    if (!outcome) return;
    if (outcome.kind === "outside") return this.showOutside(outcome);
    const d = outcome.decision;
    await this.applied(outcome.result);
    if (outcome.result && d.outcome === "apply")
      this.set({ notice: { kind: "info", text: this.text(d.reason, d.message, d.plan.labelId) } });
  }

  private async onOutsideChange(): Promise<void> {
    await this.readLabel();
    if (!this.state.outside) return;
    const e = await this.engine;
    const outcome = await this.attempt(() => e.settleOutsideChange(this.flow(), this.lastRead(), "chosen"));
    if (outcome) await this.showOutside(outcome);
  }

  private async showOutside(outcome: OutsideChangeOutcome): Promise<void> {
    const d = outcome.decision;
    const outside = outcome.label.outside!;
    if (d.outcome === "allow") await this.applied(outcome.result);
    else if (d.outcome === "justify")
      this.set({
        justification: {
          ...this.justificationOf(d, outside.to, outside.from),
          outside: true,
          message: this.strings.labelChangedOutside(this.labelName(outside.to) ?? outside.to),
        },
        focus: "justification",
      });
    else if (d.outcome === "block")
      this.set({ notice: { kind: "error", text: this.text(d.reason, d.message, outside.to, outside.from) } });
  }

  private justificationOf(
    d: Extract<LabelChangeDecision, { outcome: "justify" }>,
    target: string | null,
    from: string | null,
  ): Omit<JustificationRequest, "outside" | "message"> {
    return { purpose: "label", target, from, reasons: d.reasons, otherReason: d.otherReason, error: null };
  }

  /** The person picks a label (or removal) in the list. */
  async chooseLabel(
    labelId: string | null,
    options: { actionSource?: ActionSource; justification?: Justification; outside?: boolean } = {},
  ): Promise<void> {
    if (!this.state.policy || this.state.busy) return;
    // Busy at once: a second click while the flows load is ignored.
    this.set({ busy: true });
    const e = await this.engine.finally(() => this.set({ busy: false }));
    const rec = this.state.recommendation;
    const outcome = await this.attempt(() =>
      e.chooseLabel(this.flow(), { labelId, ...options, recommendation: rec }),
    );
    if (!outcome) return;
    if (outcome.kind === "read-failed") {
      this.set({ notice: { kind: "error", text: this.strings.readFailed(this.failure(outcome.error)) } });
      return;
    }
    this.showLabel(outcome.label.state);
    const { decision: d, base } = outcome;
    if (d.outcome === "justify") {
      const previous = this.state.justification;
      this.set({
        justification: {
          ...this.justificationOf(d, labelId, base?.labelId ?? null),
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
    } else if (d.outcome === "block")
      this.set({
        justification: null,
        notice: { kind: "error", text: this.text(d.reason, d.message, labelId, base?.labelId) },
      });
    else if (d.outcome === "none") this.set({ justification: null });
    else if (outcome.result) await this.chosen(labelId, outcome.result);
  }

  private async chosen(labelId: string | null, result: ApplyResult): Promise<void> {
    await this.applied(result);
    const rec = this.state.recommendation;
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
      await (await this.engine).giveRecipientJustification(this.sessionSet(), value);
      this.set({
        justification: null,
        focus: null,
        notice: { kind: "success", text: this.strings.recipientJustified },
      });
      return;
    }
    await this.chooseLabel(j.target, { justification: { reason, text }, outside: j.outside });
  }

  private sessionSet(): ((name: string, value: string | null) => Promise<void>) | undefined {
    const extras = this.deps.extras;
    return extras?.sessionSet ? (name, value) => extras.sessionSet!(name, value) : undefined;
  }

  /** Cancel: nothing changes. A change made with Outlook's control is put back where Outlook allows. */
  async cancelJustification(): Promise<void> {
    const j = this.state.justification;
    this.set({ justification: null, focus: null });
    if (j?.outside && j.from && this.deps.host.restoreNativeLabel) {
      await (await this.engine).revertOutsideChange({ host: this.deps.host }, j.from);
      await this.readLabel();
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
    await (await this.engine).dismissRecommendation(this.flow(), rec, this.sessionSet());
  }

  /** Runs the detectors on the item's text (again: the pane cannot see typing in the body). */
  async checkRecommendation(): Promise<void> {
    if (!this.writable()) return;
    const e = await this.engine;
    const outcome = await this.attempt(() =>
      e.checkRecommendation(this.flow(), this.state.current, {
        maxChars: this.deps.detectChars ?? DETECT_CHARS,
        dismissed: this.dismissed,
      }),
    );
    if (!outcome) return;
    const d = outcome.decision;
    if (d.outcome === "recommend") this.set({ recommendation: d.recommendation });
    else if (d.outcome === "apply") {
      await this.applied(outcome.result);
      this.set({
        recommendation: null,
        notice: { kind: "info", text: this.text(d.reason, d.message, d.plan.labelId) },
      });
    } else this.set({ recommendation: null });
  }

  private async keepPaneWithUnlabeledDocument(): Promise<void> {
    const info = this.state.info;
    if (!info) return;
    const e = await this.engine;
    await e.keepPaneWithUnlabeled(
      this.deps.extras?.ensureOpensWithDocument,
      this.state.policy!,
      info.kind,
      this.state.current,
    );
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

  /** The flows' audit: queued, the count shown, and a send started. */
  private async record(events: Parameters<PaneDeps["audit"]["enqueue"]>[0]): Promise<void> {
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
