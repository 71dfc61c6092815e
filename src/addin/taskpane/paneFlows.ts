/**
 * The pane's side of the labeling flows: runs a flow for PaneController and turns its outcome into
 * what the pane shows (notices, the justification dialog, the recommendation). It only ever runs
 * after the flows are loaded, so it loads with them (engine.ts), not with the pane's first chunk.
 */
import type { ActionSource, AuditEvent } from "../../core/audit/event";
import { itemDecisionContext } from "../../core/decide/context";
import type { LabelState } from "../../core/decide/labelState";
import type { Justification, Recommendation } from "../../core/decide/types";
import { LabelIndex } from "../../core/policy/labels";
import type { FlowDeps, ReadLabel } from "../flows/deps";
import type { OutsideChangeOutcome } from "../flows/outsideChange";
import type { ProtectedApplyResult } from "../flows/protect";
import type { DocumentLabelingHost } from "../hosts/documentHost";
import type { ApplyResult } from "../hosts/types";
import { OutcomeText } from "./model/outcomeText";
import type { Engine, JustificationRequest, PaneDeps, PaneState } from "./paneState";

const DETECT_CHARS = 256 * 1024;

/** What PaneFlows reaches of the controller: its state, and the steps that stay in the first chunk. */
export interface PaneHandle {
  readonly deps: PaneDeps;
  state(): PaneState;
  set(patch: Partial<PaneState>): void;
  readLabel(): Promise<void>;
  showLabel(label: LabelState): Promise<void>;
  /** What a failed write left behind (paneText.ts). */
  applyFailure(error: unknown): string;
  record(events: AuditEvent[]): Promise<void>;
  /** The person picks a label: the controller's own entry (busy check included). */
  chooseLabel(labelId: string | null, options: ChooseOptions): Promise<void>;
}

export interface ChooseOptions {
  actionSource?: ActionSource;
  justification?: Justification;
  outside?: boolean;
}

export class PaneFlows {
  constructor(
    private readonly e: Engine,
    private readonly pane: PaneHandle,
  ) {}

  private get state(): PaneState {
    return this.pane.state();
  }

  private get say(): OutcomeText {
    const s = this.state;
    return new OutcomeText(s.strings, s.policy, this.pane.deps.host.kind);
  }

  /** What a flow needs from the pane: the item, the policy, a fresh decision context, the audit queue. */
  private flow(): FlowDeps {
    const deps = this.pane.deps;
    const info = this.state.info!;
    return {
      host: deps.host,
      policy: this.state.policy!,
      kind: info.kind,
      ctx: itemDecisionContext(deps.host.kind, info, (deps.now ?? (() => new Date()))(), deps.newId),
      audit: { enqueue: (events) => this.pane.record(events) },
      // What a flow swallowed on purpose (e.g. a condition's type it cannot look for): the console's log.
      report: (what, error) => console.warn(`Labelbridge ${what}:`, error),
      busy: async (work) => {
        this.pane.set({ busy: true });
        try {
          return await work();
        } finally {
          this.pane.set({ busy: false });
        }
      },
    };
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
      this.pane.set({ notice: { kind: "error", text: this.pane.applyFailure(error) }, warnings: [] });
      await this.pane.readLabel().catch(() => undefined);
      return null;
    }
  }

  /** After a write: what it did short of the label, and the label as the item now carries it. */
  private async applied(result: ApplyResult | null): Promise<void> {
    if (!result) return;
    this.pane.set({ warnings: result.warnings });
    // Word and Excel load the result in the write's own round trip; Outlook is read again.
    if (result.state) await this.pane.showLabel(result.state);
    else await this.pane.readLabel();
    void this.keepPaneWithUnlabeledDocument();
  }

  /**
   * Default label (Standard) on a new or unlabeled document; when labeling is mandatory and it stays
   * unlabeled, "unlabeled-document" is audited and the pane set to open with the document. A failed
   * batch is the controller's to report.
   */
  async openDocument(host: DocumentLabelingHost): Promise<void> {
    const outcome = await this.e.openDocument({ ...this.flow(), host, busy: undefined }, "pane");
    await this.pane.showLabel(outcome.after);
    this.pane.set({ warnings: outcome.warnings });
    const d = outcome.decision;
    if (outcome.refused)
      this.pane.set({ notice: { kind: "error", text: this.say.failure(outcome.refused) } });
    else if (outcome.applied && d)
      this.pane.set({
        notice: this.say.withProtection(
          { kind: "info", text: this.say.decision(d.reason, d.message, outcome.applied.labelId) },
          outcome.protection,
          outcome.applied.labelId,
        ),
      });
  }

  /** Default label on an unlabeled item; a label set with Outlook's control is checked like ours. */
  async applyOnOpen(): Promise<void> {
    const outcome = await this.attempt(() => this.e.labelOnOpen(this.flow(), this.lastRead(), "chosen"));
    if (!outcome) return;
    if (outcome.kind === "outside") return this.showOutside(outcome);
    const d = outcome.decision;
    await this.applied(outcome.result);
    if (outcome.result && d.outcome === "apply")
      this.pane.set({
        notice: this.say.withProtection(
          { kind: "info", text: this.say.decision(d.reason, d.message, d.plan.labelId) },
          outcome.result.protection,
          d.plan.labelId,
        ),
      });
  }

  /** A label set outside the pane (read again, and found changed): checked like ours. */
  async settleOutsideChange(): Promise<void> {
    const outcome = await this.attempt(() =>
      this.e.settleOutsideChange(this.flow(), this.lastRead(), "chosen"),
    );
    if (outcome) await this.showOutside(outcome);
  }

  private async showOutside(outcome: OutsideChangeOutcome): Promise<void> {
    const d = outcome.decision;
    const outside = outcome.label.outside!;
    if (d.outcome === "allow") {
      await this.applied(outcome.result);
      const notice = this.say.protection(outcome.result?.protection, outside.to);
      if (notice) this.pane.set({ notice });
    } else if (d.outcome === "justify")
      this.pane.set({
        justification: this.e.labelJustification(d, {
          target: outside.to,
          from: outside.from,
          outside: true,
          message: this.state.strings.labelChangedOutside(this.say.labelName(outside.to) ?? outside.to),
        }),
        focus: "justification",
      });
    else if (d.outcome === "block")
      this.pane.set({
        notice: { kind: "error", text: this.say.decision(d.reason, d.message, outside.to, outside.from) },
      });
  }

  /** The person picks a label (or removal) in the list; the controller has checked it may. */
  async chooseLabel(labelId: string | null, options: ChooseOptions): Promise<void> {
    const strings = this.state.strings;
    const rec = this.state.recommendation;
    const outcome = await this.attempt(() =>
      this.e.chooseLabel(this.flow(), { labelId, ...options, recommendation: rec }),
    );
    if (!outcome) return;
    if (outcome.kind === "read-failed") {
      this.pane.set({ notice: { kind: "error", text: strings.readFailed(this.say.failure(outcome.error)) } });
      return;
    }
    await this.pane.showLabel(outcome.label.state);
    const { decision: d, base } = outcome;
    if (d.outcome === "justify") {
      const previous = this.state.justification;
      this.pane.set({
        justification: this.e.labelJustification(d, {
          target: labelId,
          from: base?.labelId ?? null,
          outside: options.outside ?? false,
          error: options.justification ? this.say.decision(d.reason, d.message) : null,
          message: previous?.outside
            ? previous.message
            : strings.justificationIntro(
                this.say.labelName(base?.labelId) ?? "",
                labelId === null ? "" : (this.say.labelName(labelId) ?? labelId),
              ),
        }),
      });
    } else if (d.outcome === "block")
      this.pane.set({
        justification: null,
        notice: { kind: "error", text: this.say.decision(d.reason, d.message, labelId, base?.labelId) },
      });
    else if (d.outcome === "none") this.pane.set({ justification: null });
    else if (outcome.result) await this.chosen(labelId, outcome.result);
  }

  private async chosen(labelId: string | null, result: ProtectedApplyResult): Promise<void> {
    await this.applied(result);
    const strings = this.state.strings;
    const rec = this.state.recommendation;
    const text =
      labelId === null ? strings.labelRemoved : strings.labelApplied(this.say.labelName(labelId) ?? labelId);
    this.pane.set({
      justification: null,
      focus: null,
      recommendation:
        rec && labelId !== null && new LabelIndex(this.state.policy!.catalog).isAtLeast(labelId, rec.labelId)
          ? null
          : rec,
      notice: this.say.withProtection(
        { kind: "success", text: result.nativeLabelSet ? `${text} ${strings.nativeAlsoSet}` : text },
        result.protection,
        labelId,
      ),
    });
  }

  /** The dialog's answer: checked, then a recipient rule's reason kept for send, or the label chosen again. */
  async submitJustification(j: JustificationRequest, reason: string, text: string): Promise<void> {
    const error = this.e.justificationError(j, reason, text, this.state.strings);
    if (error) {
      this.pane.set({ justification: { ...j, error } });
      return;
    }
    if (j.purpose === "recipients") {
      // The send handler reads it from the mail's session data and lets the mail go.
      const value = reason === j.otherReason ? { reason, text: text.trim().slice(0, 1000) } : { reason };
      await this.e.giveRecipientJustification(this.sessionSet(), value);
      this.pane.set({
        justification: null,
        focus: null,
        notice: { kind: "success", text: this.state.strings.recipientJustified },
      });
      return;
    }
    await this.pane.chooseLabel(j.target, { justification: { reason, text }, outside: j.outside });
  }

  private sessionSet(): ((name: string, value: string | null) => Promise<void>) | undefined {
    const extras = this.pane.deps.extras;
    return extras?.sessionSet ? (name, value) => extras.sessionSet!(name, value) : undefined;
  }

  async dismissRecommendation(rec: Recommendation): Promise<void> {
    await this.e.dismissRecommendation(this.flow(), rec, this.sessionSet());
  }

  /** Runs the detectors on the item's text, skipping a label the person dismissed for this item. */
  async checkRecommendation(dismissed: string | null): Promise<void> {
    const outcome = await this.attempt(() =>
      this.e.checkRecommendation(this.flow(), this.state.current, {
        maxChars: this.pane.deps.detectChars ?? DETECT_CHARS,
        dismissed,
      }),
    );
    if (!outcome) return;
    const d = outcome.decision;
    if (d.outcome === "recommend") this.pane.set({ recommendation: d.recommendation });
    else if (d.outcome === "apply") {
      await this.applied(outcome.result);
      this.pane.set({
        recommendation: null,
        notice: this.say.withProtection(
          { kind: "info", text: this.say.decision(d.reason, d.message, d.plan.labelId) },
          outcome.result?.protection ?? null,
          d.plan.labelId,
        ),
      });
    } else this.pane.set({ recommendation: null });
  }

  async keepPaneWithUnlabeledDocument(): Promise<void> {
    const info = this.state.info;
    if (!info) return;
    await this.e.keepPaneWithUnlabeled(
      this.pane.deps.extras?.ensureOpensWithDocument,
      this.state.policy!,
      info.kind,
      this.state.current,
    );
  }
}
