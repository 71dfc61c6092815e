/**
 * The one adapter interface every host (Outlook, Word, Excel) implements. The task pane and the
 * event handlers talk only to this; only files in src/addin/hosts touch `Office`, `Word` or `Excel`.
 * A host that cannot do something says so in a capability flag, and the UI shows it honestly.
 */
import type { AttachmentInfo, ItemKind, LabelPlan, LabelState } from "../../core/decide";
import type { MarkingProfile } from "../../core/policy/model";
import type { DocumentLabelingHost } from "./documentHost";

/** What an adapter reads is core's LabelState (src/core/decide/labelState.ts). */
export type { LabelState } from "../../core/decide";

export type HostKind = "Outlook" | "Word" | "Excel" | "PowerPoint";

export interface HostCapabilities {
  /** Outlook's native sensitivity label API (Mailbox 1.13, catalog enabled). */
  nativeLabels: boolean;
  /** The label can be written at all (false in Outlook read mode). */
  canWriteLabel: boolean;
  headerFooterMarking: boolean;
  /** Word watermark via an OOXML shape; false where the host has no way to insert one. */
  watermark: boolean;
  /** Mail subject marking (au-epms `[SEC=…]`). */
  subjectMarking: boolean;
  /** Mail body marking added at send time (prepend/appendOnSendAsync) rather than at apply time. */
  bodyMarkingOnSend: boolean;
  /** Writing our own x-headers (internetHeaders, Mailbox 1.8 compose). */
  internetHeaders: boolean;
}

/** Office's theme colours, as `Office.context.officeTheme` gives them. */
export interface HostTheme {
  bodyBackgroundColor: string;
  bodyForegroundColor: string;
  isDarkTheme?: boolean;
}

export interface HostItemInfo {
  kind: ItemKind;
  mode: "compose" | "read" | "document";
  /** Mail subject or file name, for `${Item.Name}` and audit. */
  name: string;
  /** Path + file name, or the subject for mail (`${Item.Location}`). */
  location: string;
  user: { name: string; principalName: string };
  /** Sender address, for EPMS `ORIGIN=`. */
  sender?: string;
}

/** A reply or forward being written, and what it shows of the mail it answers (Outlook compose). */
export interface ComposeOrigin {
  response: "reply" | "forward";
  subject: string;
  /** The body as plain text: the quoted original, when read as Outlook created the mail. */
  body: string;
}

/** What the open moment found the original's label to be (null: none shown). */
export interface OriginalLabelRecord {
  labelId: string | null;
}

export interface ApplyOptions {
  /**
   * "auto" (default) also sets the host's own label where it has a label API and the label;
   * "skip" when the host already carries it (chosen with the host's own control).
   */
  native?: "auto" | "skip";
}

/**
 * Something a write did short of what the label asks, as a code and its parameters: the pane says
 * it in the person's language (Strings.warnings), the event handlers log it.
 */
export type HostWarning =
  /** Excel: with the author's text, a sheet's header + footer would pass 255 characters; the mark that fits went on. */
  | { code: "excel-marking-shortened"; sheets: string[] }
  /** The label has a watermark this host does not write (Excel has none; Word where the adapter's watermark is off). */
  | { code: "watermark-not-supported"; app: "Word" | "Excel" }
  /** The tenant keeps labels in LabelInfo (co-authoring of labeled files), which an add-in cannot write. */
  | { code: "label-info-not-written" }
  /** Sections or sheets kept appearing while the label was written; the markings may be incomplete. */
  | { code: "document-kept-changing" }
  /** Word counts another number of our marking controls than it was given (linked headers). */
  | { code: "word-mark-count"; found: number; expected: number }
  /** The setting that opens the pane with the document could not be saved. */
  | { code: "open-with-document-not-saved"; detail: string }
  /** Word without shapes (WordApiDesktop 1.2): Office's own marks of the label replaced may still be in the headers and footers. */
  | { code: "office-marks-kept" }
  /** Outlook before Mailbox 1.8 cannot write internet headers: our msip_labels header is missing. */
  | { code: "mail-headers-not-supported" }
  /** Outlook's own label list lacks this label, so only our header carries it. */
  | { code: "not-in-outlook-catalog" }
  /** Outlook on Android and iOS cannot write a subject or body: the label's mail markings are not written. */
  | { code: "mail-marking-not-on-mobile" };

export interface ApplyResult {
  /** What was really written, e.g. native label set or not, markings written, ContentBits. */
  nativeLabelSet: boolean;
  contentBits: number;
  warnings: HostWarning[];
  /**
   * The label as the item carries it after the write, where the host loaded it in the write's own
   * round trip (Word, Excel); absent where the caller must read it again.
   */
  state?: LabelState;
}

export class HostError extends Error {
  constructor(
    readonly operation: string,
    message: string,
    readonly code?: string | number,
    /** Calls whose earlier writes could not be undone after the failure (Outlook), so the item is not as it was. */
    readonly notUndone: readonly string[] = [],
  ) {
    super(message);
    this.name = "HostError";
  }
}

/**
 * The host lacks a requirement set the adapter needs (e.g. Word with only WordApi 1.1 has no
 * document properties): said before any call Office would answer with "API could not be found".
 */
export class MissingRequirementError extends HostError {
  constructor(
    operation: string,
    readonly app: string,
    /** The set and version, e.g. "WordApi 1.3". */
    readonly set: string,
  ) {
    super(
      operation,
      `${app} lacks ${set}, which Labelbridge needs to read and write labels.`,
      "RequirementSetMissing",
    );
    this.name = "MissingRequirementError";
  }
}

/**
 * What the flows and event handlers use of a host. The task pane's extras are in {@link LabelingHost},
 * so that an event bundle's adapter (hosts/outlookEventHost.ts) need not carry them.
 */
export interface ItemHost {
  readonly kind: HostKind;
  itemInfo(): Promise<HostItemInfo>;
  /**
   * The item's label for our tenant. `markingProfile` (the policy's) says how to read a received
   * mail's subject marking, which names no namespace (au-epms or nz-gov); other hosts ignore it.
   */
  readLabel(siteId: string, markingProfile?: MarkingProfile): Promise<LabelState>;
  /**
   * Executes a plan from the decision engine; a HostError says which call failed. What a failure
   * leaves behind depends on the host: Outlook undoes the writes already made (and names those it
   * could not undo in `notUndone`); Word and Excel write in one batch, which Office stops at the
   * failing command without undoing the ones before it (documentHost.ts).
   */
  applyPlan(plan: LabelPlan, options?: ApplyOptions): Promise<ApplyResult>;
  /** Text to run the detectors on, bounded so the pane stays responsive on large items. */
  readText(maxChars: number): Promise<string>;
  recipients?(): Promise<string[]>;
  attachments?(): Promise<AttachmentInfo[]>;
  /**
   * The host applies this label as a real Purview label (Outlook's own sensitivity label), or the
   * item carries it so already; absent where the host has no such API (Word, Excel).
   */
  appliesPurviewLabel?(labelId: string): Promise<boolean>;
  /**
   * Puts the host's own label back after a change its control made that the policy refuses (Outlook);
   * false when the host cannot apply that label.
   */
  restoreNativeLabel?(labelId: string): Promise<boolean>;
  /** Outlook compose: whether the mail answers or forwards another, and what it shows of it. */
  composeOrigin?(maxChars: number): Promise<ComposeOrigin | null>;
  /** Outlook compose: what the open moment found of the original's label, kept for send; null if never. */
  recordedOriginal?(): Promise<OriginalLabelRecord | null>;
  recordOriginal?(record: OriginalLabelRecord): Promise<void>;
  /** Office display language, e.g. "en-US", "fr-FR". */
  displayLanguage(): string;
}

/** A host as the task pane uses it: what the flows use, and what the pane shows and listens to. */
export interface LabelingHost extends ItemHost {
  capabilities(): Promise<HostCapabilities>;
  /** Registers for label changes made outside the pane (Outlook's own label control); returns an unsubscribe. */
  onLabelChanged?(listener: () => void): Promise<() => Promise<void>>;
  /** Office theme colours, or null where the host has none. */
  theme(): HostTheme | null;
  /**
   * Registers for Office theme changes while the pane is open (Outlook: Mailbox 1.14's
   * OfficeThemeChanged; Word and Excel document no such event); returns an unsubscribe.
   */
  onThemeChanged?(listener: (theme: HostTheme | null) => void): Promise<() => Promise<void>>;
}

/**
 * A Word, Excel or PowerPoint adapter (documentHost.ts). Defined here, with a type-only import, so the task pane
 * can ask without loading the document adapters' code into its first chunk.
 */
export function isDocumentHost(host: LabelingHost): host is DocumentLabelingHost {
  const h = host as Partial<DocumentLabelingHost>;
  return (
    (host.kind === "Word" || host.kind === "Excel" || host.kind === "PowerPoint") &&
    typeof h.ensureOpensWithDocument === "function"
  );
}
