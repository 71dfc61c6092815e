/**
 * What the Word, Excel and PowerPoint adapters share: the document's name and location, language and theme,
 * the "open the pane with this document" setting, Office error mapping, and the protocol that keeps
 * a label change at one `context.sync()`.
 *
 * The protocol: `readLabel` takes a snapshot of everything a label change needs (properties and the
 * marking state) in ONE read sync; `applyPlan` then writes in ONE sync from that snapshot and loads
 * the state after the write in the same batch, which becomes the next snapshot and is returned as
 * `ApplyResult.state`. So a label change costs 1 write sync after the read the pane does anyway to
 * decide, and nothing after it. If the snapshot is missing or
 * too old to be trusted, `applyPlan` reads first (1 read + 1 write). If the write finds the document
 * changed under it (a section or sheet added, a co-author's label), one more write repairs it.
 *
 * Office batches are not transactions: a failed sync leaves the commands before the failure applied.
 * The adapters queue the markings first and the label properties after them in the one batch, so a
 * batch that stops early leaves the properties naming the previous label. Every write here is
 * idempotent from a fresh snapshot, so a failed write is retried once from a fresh read; if that
 * fails too the HostError reaches the pane and the next apply repairs the rest.
 */
import type { LabelPlan } from "../../core/decide/types";
import {
  DEFAULT_FILE_LIMITS,
  readDocumentPackage,
  type DocumentFileLimits,
  type DocumentPackageRead,
} from "./documentFile";
import type { PropertyEntry } from "./documentLabel";
import { labelStateFromDocument } from "./documentLabel";
import {
  HostError,
  MissingRequirementError,
  type ApplyResult,
  type HostItemInfo,
  type LabelingHost,
  type LabelState,
} from "./types";

/**
 * What a document host adds to LabelingHost for mandatory labeling. Office has no before-save
 * event, so the pane opens with the document (AutoShowTaskpaneWithDocument, saved in it) and shows
 * its banner until a label is set.
 */
export interface DocumentLabelingHost extends LabelingHost {
  readonly kind: DocumentKind;
  opensWithDocument(): Promise<boolean>;
  /**
   * Turns "open the pane with this document" on or off, and with `unlabeledOpenAt` remembers that
   * this open was recorded as unlabeled (UNLABELED_OPEN_SETTING); one save for both. Turning it
   * off forgets that record too.
   */
  ensureOpensWithDocument(on: boolean, unlabeledOpenAt?: number): Promise<void>;
  /** When an open of this document was last recorded as unlabeled, by any runtime of the add-in; null if never. */
  unlabeledOpenRecordedAt(): Promise<number | null>;
  /** Releases event registrations (Excel's worksheet-added handler). */
  dispose(): Promise<void>;
}

/** The hosts whose files carry the label in custom document properties. */
export type DocumentKind = "Word" | "Excel" | "PowerPoint";

/** The document setting that makes Office open our task pane with the document (docs/reference/office-js.md §6). */
export const AUTO_SHOW_TASKPANE_SETTING = "Office.AutoShowTaskpaneWithDocument";

/**
 * The document setting where the runtimes that see an open (OnDocumentOpened, the task pane) leave
 * the time they recorded it as unlabeled, epoch milliseconds (flows/documentOpen.ts says why).
 */
export const UNLABELED_OPEN_SETTING = "labelbridge.unlabeledOpenRecordedAt";

export interface DocumentUser {
  /** Display name, for `${User.Name}`. Word and Excel do not expose it; the pane knows it from sign-in. */
  name: string;
  principalName: string;
}

export interface DocumentHostOptions {
  /** Defaults to the global `Office`. */
  office?: typeof Office;
  user?: () => DocumentUser;
  /** Milliseconds clock for snapshot age (defaults to Date.now). */
  now?: () => number;
  /** Bounds of reading the document's own bytes for LabelInfo.xml (documentFile.ts). */
  fileLimits?: DocumentFileLimits;
}

/** The state a label change is computed from. */
export interface DocumentSnapshot {
  properties: PropertyEntry[];
  takenAt: number;
}

export interface WriteOutcome<S extends DocumentSnapshot> {
  result: ApplyResult;
  /** The document after the write, loaded in the same batch. */
  after: S;
  /** The write could not cover what changed under it (new section/sheet, co-author's label). */
  needsRepair: boolean;
}

/** Office errors that mean "the document changed since the snapshot": retry from a fresh read. */
const STALE_CODES = new Set(["ItemNotFound", "InvalidObjectPath", "InvalidArgument", "GeneralException"]);

interface OfficeErrorLike {
  code?: unknown;
  message?: unknown;
  debugInfo?: { errorLocation?: unknown };
}

export function officeErrorCode(error: unknown): string | undefined {
  const code = (error as OfficeErrorLike | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/** An Office.js failure as the HostError the pane shows: which call, Office's code and message. */
export function toHostError(operation: string, error: unknown): HostError {
  if (error instanceof HostError) return error;
  const e = error as OfficeErrorLike | null;
  const location = typeof e?.debugInfo?.errorLocation === "string" ? ` (${e.debugInfo.errorLocation})` : "";
  const message = typeof e?.message === "string" ? e.message : String(error);
  return new HostError(operation, `${message}${location}`, officeErrorCode(error));
}

/** The parts joined by newlines, cut at `limit` characters (what detection reads of a document). */
export function textUpTo(parts: Iterable<string>, limit: number): string {
  let text = "";
  for (const part of parts) {
    text += (text === "" ? "" : "\n") + part;
    if (text.length >= limit) break;
  }
  return text.slice(0, limit);
}

/** File name from `Office.context.document.url` (a web URL or a local path); "" for a new document. */
export function documentName(url: string): string {
  const path = url.split(/[?#]/)[0];
  const last = path.split(/[\\/]/).pop() ?? "";
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

export abstract class DocumentHost<S extends DocumentSnapshot> {
  protected snapshot: S | null = null;
  /** LabelInfo.xml as the last readLabel found it (only Office changes it, so a write keeps it). */
  protected packageRead: DocumentPackageRead | null = null;
  protected readonly now: () => number;
  /** This runtime's own record of an unlabeled open, kept in case saving it to the document failed. */
  private unlabeledOpenAt: number | null = null;

  constructor(protected readonly options: DocumentHostOptions = {}) {
    this.now = options.now ?? (() => Date.now());
  }

  protected get office(): typeof Office {
    return this.options.office ?? Office;
  }

  /** One sync: properties and everything the marking write needs. */
  protected abstract readSnapshot(): Promise<S>;

  /** One sync: marks, properties, and loads of the state after them. */
  protected abstract writePlan(snapshot: S, plan: LabelPlan): Promise<WriteOutcome<S>>;

  /** How old a snapshot may be and still be written from; Infinity where a stale one is harmless. */
  protected abstract readonly maxSnapshotAgeMs: number;

  abstract readonly kind: DocumentKind;

  /** The requirement set the label's custom properties need (WordApi 1.3, ExcelApi 1.7, PowerPointApi 1.7). */
  protected abstract readonly labelApi: { set: string; version: string };

  /**
   * Said before the first call: without the set, Office answers every property call with its own
   * "API could not be found", which names nothing a person can act on.
   */
  protected assertLabelApi(operation: string): void {
    const { set, version } = this.labelApi;
    if (!this.office.context.requirements.isSetSupported(set, version))
      throw new MissingRequirementError(operation, this.kind, `${set} ${version}`);
  }

  /**
   * The properties (one sync) and, at the same time, the document's own package for LabelInfo.xml
   * (documentFile.ts): on open and before every change, since Office may have labeled it since.
   */
  async readLabel(siteId: string): Promise<LabelState> {
    this.assertLabelApi("readLabel");
    const [snapshot, pkg] = await Promise.all([
      this.readSnapshot(),
      readDocumentPackage(this.office, this.options.fileLimits ?? DEFAULT_FILE_LIMITS),
    ]);
    this.snapshot = snapshot;
    this.packageRead = pkg;
    return labelStateFromDocument(snapshot.properties, pkg, siteId);
  }

  /** Our tenant's label before a write (LabelInfo first), for what its markings may have been. */
  protected previousState(snapshot: S, siteId: string): LabelState {
    return labelStateFromDocument(snapshot.properties, this.packageRead, siteId);
  }

  async applyPlan(plan: LabelPlan): Promise<ApplyResult> {
    this.assertLabelApi("applyPlan");
    const fresh = this.snapshot !== null && this.now() - this.snapshot.takenAt <= this.maxSnapshotAgeMs;
    let snapshot = fresh && this.snapshot ? this.snapshot : await this.readSnapshot();
    let outcome: WriteOutcome<S>;
    try {
      outcome = await this.writePlan(snapshot, plan);
    } catch (error) {
      this.snapshot = null;
      const code = officeErrorCode(error);
      if (code === undefined || !STALE_CODES.has(code)) throw toHostError("applyPlan", error);
      snapshot = await this.readSnapshot();
      try {
        outcome = await this.writePlan(snapshot, plan);
      } catch (second) {
        throw toHostError("applyPlan", second);
      }
    }
    if (outcome.needsRepair) {
      const repaired = await this.writePlan(outcome.after, plan).catch((error: unknown) => {
        throw toHostError("applyPlan (repair)", error);
      });
      if (repaired.needsRepair) repaired.result.warnings.push({ code: "document-kept-changing" });
      outcome = repaired;
    }
    this.snapshot = outcome.after;
    outcome.result.state = labelStateFromDocument(outcome.after.properties, this.packageRead, plan.siteId);
    if (plan.labelStorage === "labelInfo") outcome.result.warnings.push({ code: "label-info-not-written" });
    return outcome.result;
  }

  async itemInfo(): Promise<HostItemInfo> {
    const url = this.office.context.document?.url ?? "";
    const user = this.options.user?.() ?? { name: "", principalName: "" };
    return {
      kind: "file",
      mode: "document",
      name: documentName(url),
      location: url,
      user: { ...user },
    };
  }

  displayLanguage(): string {
    return this.office.context.displayLanguage || "en-US";
  }

  theme(): { bodyBackgroundColor: string; bodyForegroundColor: string; isDarkTheme?: boolean } | null {
    const t = this.office.context.officeTheme as Office.OfficeTheme | undefined;
    if (!t || typeof t.bodyBackgroundColor !== "string") return null;
    return {
      bodyBackgroundColor: t.bodyBackgroundColor,
      bodyForegroundColor: t.bodyForegroundColor,
      isDarkTheme: t.isDarkTheme,
    };
  }

  protected readOnly(): boolean {
    return String(this.office.context.document?.mode ?? "").toLowerCase() === "readonly";
  }

  /** Nothing registered by default; Excel overrides this for its worksheet-added handler. */
  async dispose(): Promise<void> {}

  /**
   * Reads the document's settings again first (refreshAsync): OnDocumentOpened or an earlier pane
   * may have saved the record since this runtime loaded them. What this runtime recorded itself
   * counts even if saving it failed.
   */
  async unlabeledOpenRecordedAt(): Promise<number | null> {
    const settings = this.office.context.document.settings;
    if (typeof settings.refreshAsync === "function")
      await new Promise<void>((resolve) => settings.refreshAsync(() => resolve()));
    const saved: unknown = settings.get(UNLABELED_OPEN_SETTING);
    const at = typeof saved === "number" && Number.isFinite(saved) ? saved : null;
    if (at === null || this.unlabeledOpenAt === null) return at ?? this.unlabeledOpenAt;
    return Math.max(at, this.unlabeledOpenAt);
  }

  /** Whether Office opens our task pane with this document. */
  async opensWithDocument(): Promise<boolean> {
    return this.office.context.document.settings.get(AUTO_SHOW_TASKPANE_SETTING) === true;
  }

  /**
   * Office has no before-save event, so mandatory labeling works by opening the pane with the
   * document until it is labeled. The settings live in the document and are saved with it.
   */
  async ensureOpensWithDocument(on: boolean, unlabeledOpenAt?: number): Promise<void> {
    const settings = this.office.context.document.settings;
    let changed = false;
    if ((settings.get(AUTO_SHOW_TASKPANE_SETTING) === true) !== on) {
      if (on) settings.set(AUTO_SHOW_TASKPANE_SETTING, true);
      else settings.remove(AUTO_SHOW_TASKPANE_SETTING);
      changed = true;
    }
    if (unlabeledOpenAt !== undefined) {
      this.unlabeledOpenAt = unlabeledOpenAt;
      settings.set(UNLABELED_OPEN_SETTING, unlabeledOpenAt);
      changed = true;
    } else if (!on) {
      this.unlabeledOpenAt = null;
      const saved: unknown = settings.get(UNLABELED_OPEN_SETTING);
      if (saved !== null && saved !== undefined) {
        settings.remove(UNLABELED_OPEN_SETTING);
        changed = true;
      }
    }
    if (!changed) return;
    const succeeded = this.office.AsyncResultStatus?.Succeeded ?? "succeeded";
    await new Promise<void>((resolve, reject) => {
      settings.saveAsync((result: Office.AsyncResult<void>) => {
        if (result.status === succeeded) resolve();
        else
          reject(
            new HostError(
              "settings.saveAsync",
              result.error?.message ?? "saving the document settings failed",
              result.error?.code,
            ),
          );
      });
    });
  }
}
