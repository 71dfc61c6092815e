/**
 * The task pane's state, without React and without Office: it asks the labeling flows
 * (src/addin/flows, loaded as the engine chunk) to do what the person or the item asks, and turns
 * their outcomes into what the pane shows. Components render its state and call its actions;
 * tests drive it against the fake hosts directly.
 */
import type { ActionSource } from "../../core/audit/event";
import { itemDecisionContext } from "../../core/decide/context";
import type { LabelState } from "../../core/decide/labelState";
import type { ProtectionNotice } from "../../core/decide/addinProtection";
import type { Justification } from "../../core/decide/types";
import { LabelIndex } from "../../core/policy/labels";
import type { FlowDeps, ReadLabel } from "../flows/deps";
import type { OutsideChangeOutcome } from "../flows/outsideChange";
import type { ProtectedApplyResult } from "../flows/protect";
import type { DocumentLabelingHost } from "../hosts/documentHost";
import { SESSION } from "../hosts/outlookSession";
import { isDocumentHost, type ApplyResult } from "../hosts/types";
import type { Strings } from "../i18n/types";
import { looksLikeToken, saveDevToken } from "../ports/tokens";
import { parseOpenContext } from "./model/openContext";
import { PaneText } from "./model/paneText";
import { pickTheme } from "./model/theme";
import { loadingState, type Engine, type LabelStateModule, type Notice, type PaneDeps } from "./paneState";
import { PaneStore } from "./paneStore";

export type { Engine, JustificationRequest, Notice, PaneDeps, PaneHostExtras, PaneState } from "./paneState";

const DETECT_CHARS = 256 * 1024;

export class PaneController extends PaneStore {
  private readonly now: () => Date;
  private dismissed: string | null = null;
  private unsubscribe: Array<() => Promise<void>> = [];
  private listening = false;
  private readonly engine: Promise<Engine>;
  /** Reconciling a read label (foreign-label mappings included): its own chunk, needed only once a label is read. */
  private readonly labelState: Promise<LabelStateModule>;

  constructor(private readonly deps: PaneDeps) {
    super(
      loadingState(
        deps.strings,
        pickTheme(deps.host.theme(), deps.forcedColors?.() ?? false),
        deps.store.kind,
      ),
    );
    this.now = deps.now ?? (() => new Date());
    this.engine = (deps.engine ?? (() => import(/* webpackChunkName: "engine" */ "./engine.js")))();
    // An unobserved failure here would be reported twice; each use awaits it and handles it.
    this.engine.catch(() => undefined);
    this.labelState = (
      deps.labelState ??
      (() => import(/* webpackChunkName: "label-state" */ "../../core/decide/labelState.js"))
    )();
    this.labelState.catch(() => undefined);
  }

  private get strings(): Strings {
    return this.state.strings;
  }

  private get say(): PaneText {
    return new PaneText(this.state.strings, this.state.policy, this.deps.host.kind);
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
      // What a flow swallowed on purpose (e.g. a condition's type it cannot look for): the console's log.
      report: (what, error) => console.warn(`Labelbridge ${what}:`, error),
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

  /** Loads everything and applies what the policy asks on open (default label, outside changes). */
  async init(): Promise<void> {
    this.set({ phase: "loading", notice: null, policyNotice: null, warnings: [] });
    try {
      const [info, capabilities] = await Promise.all([
        this.deps.host.itemInfo(),
        this.deps.host.capabilities(),
      ]);
      this.set({ info, capabilities });
      const loaded = await this.deps.policy.load({ timeoutMs: 8000, interactive: true });
      this.set({
        policySource: loaded.source,
        policyFetchedAt: loaded.fetchedAt,
        policyNotice: this.say.policyNotice(loaded),
      });
      if (!loaded.policy) {
        this.set({ phase: "no-policy" });
        return;
      }
      this.set({ policy: loaded.policy });
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
        if (open?.reason === "recipient-rule-justify" && !this.state.justification) {
          const { recipientJustification } = await this.engine;
          this.set({ justification: recipientJustification(this.state.policy!, this.strings) });
        }
      }
      await this.listen();
    } catch (error) {
      this.set({ phase: "error", notice: { kind: "error", text: this.say.failure(error) } });
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

  /** Once per pane: init runs again (new token, another mail in a pinned pane) without stacking handlers. */
  private async listen(): Promise<void> {
    if (this.listening) return;
    this.listening = true;
    const host = this.deps.host;
    if (host.onLabelChanged)
      this.unsubscribe.push(await host.onLabelChanged(() => void this.onOutsideChange()));
    if (host.onThemeChanged)
      this.unsubscribe.push(
        await host.onThemeChanged((theme) =>
          this.set({ theme: pickTheme(theme ?? host.theme(), this.deps.forcedColors?.() ?? false) }),
        ),
      );
    if (this.deps.extras?.onItemChanged)
      this.unsubscribe.push(await this.deps.extras.onItemChanged(() => void this.init()));
  }

  private async readLabel(): Promise<void> {
    const { siteId, settings } = this.state.policy!;
    await this.showLabel(await this.deps.host.readLabel(siteId, settings.markingProfile));
  }

  private async showLabel(label: LabelState): Promise<void> {
    const r = (await this.labelState).reconcileLabel(label, this.state.policy!);
    this.set({ label, current: r.current, recorded: r.recorded, outside: r.outside, mapped: r.mapped });
  }

  /** The label as last read, as the flows take it. */
  private lastRead(): ReadLabel {
    const s = this.state;
    return {
      state: s.label!,
      current: s.current,
      recorded: s.recorded,
      outside: s.outside,
      mapped: s.mapped,
    };
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
    if (result.state) await this.showLabel(result.state);
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
      await this.showLabel(outcome.after);
      this.set({ warnings: outcome.warnings });
      const d = outcome.decision;
      if (outcome.refused) this.set({ notice: { kind: "error", text: this.say.failure(outcome.refused) } });
      else if (outcome.applied && d)
        this.set({
          notice: this.withProtection(
            { kind: "info", text: this.say.decision(d.reason, d.message, outcome.applied.labelId) },
            outcome.protection,
            outcome.applied.labelId,
          ),
        });
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
      this.set({
        notice: this.withProtection(
          { kind: "info", text: this.say.decision(d.reason, d.message, d.plan.labelId) },
          outcome.result.protection,
          d.plan.labelId,
        ),
      });
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
    if (d.outcome === "allow") {
      await this.applied(outcome.result);
      const notice = this.say.protection(outcome.result?.protection, outside.to);
      if (notice) this.set({ notice });
    } else if (d.outcome === "justify")
      this.set({
        justification: (await this.engine).labelJustification(d, {
          target: outside.to,
          from: outside.from,
          outside: true,
          message: this.strings.labelChangedOutside(this.say.labelName(outside.to) ?? outside.to),
        }),
        focus: "justification",
      });
    else if (d.outcome === "block")
      this.set({
        notice: { kind: "error", text: this.say.decision(d.reason, d.message, outside.to, outside.from) },
      });
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
      this.set({ notice: { kind: "error", text: this.strings.readFailed(this.say.failure(outcome.error)) } });
      return;
    }
    await this.showLabel(outcome.label.state);
    const { decision: d, base } = outcome;
    if (d.outcome === "justify") {
      const previous = this.state.justification;
      this.set({
        justification: e.labelJustification(d, {
          target: labelId,
          from: base?.labelId ?? null,
          outside: options.outside ?? false,
          error: options.justification ? this.say.decision(d.reason, d.message) : null,
          message: previous?.outside
            ? previous.message
            : this.strings.justificationIntro(
                this.say.labelName(base?.labelId) ?? "",
                labelId === null ? "" : (this.say.labelName(labelId) ?? labelId),
              ),
        }),
      });
    } else if (d.outcome === "block")
      this.set({
        justification: null,
        notice: { kind: "error", text: this.say.decision(d.reason, d.message, labelId, base?.labelId) },
      });
    else if (d.outcome === "none") this.set({ justification: null });
    else if (outcome.result) await this.chosen(labelId, outcome.result);
  }

  /** A notice with what the person must know about the label's protection after it (paneText.ts). */
  private withProtection(
    notice: Notice,
    protection: ProtectionNotice | null,
    labelId: string | null,
  ): Notice {
    const p = this.say.protection(protection, labelId);
    return p ? { kind: p.kind, text: `${notice.text} ${p.text}` } : notice;
  }

  private async chosen(labelId: string | null, result: ProtectedApplyResult): Promise<void> {
    await this.applied(result);
    const rec = this.state.recommendation;
    const text =
      labelId === null
        ? this.strings.labelRemoved
        : this.strings.labelApplied(this.say.labelName(labelId) ?? labelId);
    this.set({
      justification: null,
      focus: null,
      recommendation:
        rec && labelId !== null && new LabelIndex(this.state.policy!.catalog).isAtLeast(labelId, rec.labelId)
          ? null
          : rec,
      notice: this.withProtection(
        { kind: "success", text: result.nativeLabelSet ? `${text} ${this.strings.nativeAlsoSet}` : text },
        result.protection,
        labelId,
      ),
    });
  }

  async submitJustification(reason: string, text: string): Promise<void> {
    const j = this.state.justification;
    if (!j) return;
    const e = await this.engine;
    const error = e.justificationError(j, reason, text, this.strings);
    if (error) {
      this.set({ justification: { ...j, error } });
      return;
    }
    if (j.purpose === "recipients") {
      // The send handler reads it from the mail's session data and lets the mail go.
      const value = reason === j.otherReason ? { reason, text: text.trim().slice(0, 1000) } : { reason };
      await e.giveRecipientJustification(this.sessionSet(), value);
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
        notice: this.withProtection(
          { kind: "info", text: this.say.decision(d.reason, d.message, d.plan.labelId) },
          outcome.result?.protection ?? null,
          d.plan.labelId,
        ),
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

  private applyFailure(error: unknown): string {
    return this.say.applyFailure(error, isDocumentHost(this.deps.host));
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

  dismissPolicyNotice(): void {
    this.set({ policyNotice: null });
  }

  dismissWarning(index: number): void {
    this.set({ warnings: this.state.warnings.filter((_, i) => i !== index) });
  }
}
