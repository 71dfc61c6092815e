/**
 * The task pane's state, without React and without Office: it loads the policy and the label, and
 * asks the labeling flows (src/addin/flows, loaded as the engine chunk) to do what the person or the
 * item asks; paneFlows.ts, loaded with them, turns their outcomes into what the pane shows.
 * Components render its state and call its actions; tests drive it against the fake hosts directly.
 */
import type { AuditEvent } from "../../core/audit/event";
import type { LabelState } from "../../core/decide/labelState";
import type { DocumentLabelingHost } from "../hosts/documentHost";
import { SESSION } from "../hosts/outlookSession";
import { isDocumentHost } from "../hosts/types";
import type { Strings } from "../i18n/types";
import { looksLikeToken, saveDevToken } from "../ports/tokens";
import { parseOpenContext } from "./model/openContext";
import { PaneText } from "./model/paneText";
import { pickTheme } from "./model/theme";
import type { ChooseOptions, PaneFlows, PaneHandle } from "./paneFlows";
import { loadingState, type Engine, type LabelStateModule, type PaneDeps } from "./paneState";
import { PaneStore } from "./paneStore";

export type { Engine, JustificationRequest, Notice, PaneDeps, PaneHostExtras, PaneState } from "./paneState";

export class PaneController extends PaneStore {
  private dismissed: string | null = null;
  private unsubscribe: Array<() => Promise<void>> = [];
  private listening = false;
  private followingTheme = false;
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

  /** The flows with what the pane makes of their outcomes (paneFlows.ts, in the engine chunk). */
  private async flows(): Promise<PaneFlows> {
    const e = await this.engine;
    const handle: PaneHandle = {
      deps: this.deps,
      state: () => this.state,
      set: (patch) => this.set(patch),
      readLabel: () => this.readLabel(),
      showLabel: (label) => this.showLabel(label),
      applyFailure: (error) => this.applyFailure(error),
      record: (events) => this.record(events),
      chooseLabel: (labelId, options) => this.chooseLabel(labelId, options),
    };
    return new e.PaneFlows(e, handle);
  }

  /** Loads everything and applies what the policy asks on open (default label, outside changes). */
  async init(): Promise<void> {
    this.set({ phase: "loading", notice: null, policyNotice: null, warnings: [] });
    try {
      await this.followTheme();
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
        if (!opening) await (await this.flows()).applyOnOpen();
        await this.checkRecommendation();
        if (!opening) await (await this.flows()).keepPaneWithUnlabeledDocument();
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
    this.followingTheme = false;
    for (const off of offs) void off();
  }

  private writable(): boolean {
    const p = this.state.policy;
    return !!p && p.features.manualLabeling && this.state.capabilities?.canWriteLabel === true;
  }

  /**
   * Once per pane, before anything else loads: the theme does not wait for the policy or the lazily
   * loaded flows (a theme changed while they load was missed).
   */
  private async followTheme(): Promise<void> {
    const host = this.deps.host;
    if (this.followingTheme || !host.onThemeChanged) return;
    this.followingTheme = true;
    this.unsubscribe.push(
      await host.onThemeChanged((theme) =>
        this.set({ theme: pickTheme(theme ?? host.theme(), this.deps.forcedColors?.() ?? false) }),
      ),
    );
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
    const { siteId, settings } = this.state.policy!;
    await this.showLabel(await this.deps.host.readLabel(siteId, settings.markingProfile));
  }

  private async showLabel(label: LabelState): Promise<void> {
    const r = (await this.labelState).reconcileLabel(label, this.state.policy!);
    this.set({ label, current: r.current, recorded: r.recorded, outside: r.outside, mapped: r.mapped });
  }

  /**
   * Default label (Standard) on a new or unlabeled document; when labeling is mandatory and it stays
   * unlabeled, "unlabeled-document" is audited and the pane set to open with the document.
   */
  private async openDocument(host: DocumentLabelingHost): Promise<void> {
    this.set({ busy: true });
    try {
      await (await this.flows()).openDocument(host);
    } catch (error) {
      // Say what a failed batch may have left; the label shown is read again, and can be set here.
      this.set({ notice: { kind: "error", text: this.applyFailure(error) } });
      await this.readLabel();
    } finally {
      this.set({ busy: false });
    }
  }

  private async onOutsideChange(): Promise<void> {
    await this.readLabel();
    if (!this.state.outside) return;
    await (await this.flows()).settleOutsideChange();
  }

  /** The person picks a label (or removal) in the list. */
  async chooseLabel(labelId: string | null, options: ChooseOptions = {}): Promise<void> {
    if (!this.state.policy || this.state.busy) return;
    // Busy at once: a second click while the flows load is ignored.
    this.set({ busy: true });
    const flows = await this.flows().finally(() => this.set({ busy: false }));
    await flows.chooseLabel(labelId, options);
  }

  async submitJustification(reason: string, text: string): Promise<void> {
    const j = this.state.justification;
    if (!j) return;
    await (await this.flows()).submitJustification(j, reason, text);
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
    await (await this.flows()).dismissRecommendation(rec);
  }

  /** Runs the detectors on the item's text (again: the pane cannot see typing in the body). */
  async checkRecommendation(): Promise<void> {
    if (!this.writable()) return;
    await (await this.flows()).checkRecommendation(this.dismissed);
  }

  private applyFailure(error: unknown): string {
    return this.say.applyFailure(error, isDocumentHost(this.deps.host));
  }

  /** The flows' audit: queued, the count shown, and a send started. */
  private async record(events: AuditEvent[]): Promise<void> {
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
