/** One report row per file: what it is, what it carries, what it holds, what was done, what failed. */
import type { AuditEvent } from "../../core/audit";
import type { Recommendation } from "../../core/decide";
import type { MappedLabelReport } from "./mapped";

export type ScanAction =
  /** Discover mode: reported only. */
  | "reported"
  | "labeled"
  | "relabeled"
  /** --dry-run: would have been labeled. */
  | "would-label"
  /** A label that should apply was not written (a person's label, no --relabel, needs justification…). */
  | "kept"
  /** Enforce: a file carrying a Labelbridge-protected label was encrypted (its label unchanged). */
  | "protected"
  /** Enforce: the label protects and this scan cannot really protect with it (decideProtection). */
  | "refused"
  /** Enforce: the policy only recommends this label. */
  | "recommended"
  /** The file cannot carry a label we write (text, mail; an encrypted, protected or damaged PDF). */
  | "not-labelable"
  /** A stale temporary file of an interrupted labeling, removed. */
  | "removed"
  | "none"
  | "error";

export interface RowLabel {
  labelId: string;
  siteId: string;
  /** The label's Name as the metadata carries it. */
  name: string | null;
  /** From the policy's catalog when the label is our tenant's. */
  displayName: string | null;
  method: "Standard" | "Privileged" | null;
  /** Where it was read: `docMetadata/LabelInfo.xml`, `docProps/custom.xml`, `msip_labels header`. */
  location: string;
  /** Our tenant's label (policy siteId). */
  ours: boolean;
}

export interface RowInfoType {
  sitId: string;
  name: string;
  count: number;
  confidence: number;
}

export interface RowProposal {
  labelId: string;
  displayName: string;
  mode: "automatic" | "recommend";
  condition: Recommendation["condition"];
}

export interface ScanRow {
  /** As reports show it: bytes that are not UTF-8 as \xNN (see fsPath.ts). */
  path: string;
  /** Symbolic links through which the file was reached (`path` is their target). */
  links: string[];
  size: number;
  type: string;
  /** Every tenant's label in effect. */
  labels: RowLabel[];
  /** Our tenant's label (with a policy), otherwise the first label in effect. */
  currentLabel: RowLabel | null;
  /** With a policy: the label as found (original) and ours it means, through the tenant's mappings. */
  mapping: MappedLabelReport | null;
  /** Disagreements between locations and other facts about the labels. */
  labelNotes: string[];
  infoTypes: RowInfoType[];
  scannedChars: number;
  /** The label the policy would apply, and the condition that chose it. */
  proposed: RowProposal | null;
  /** Why: the condition, or why nothing applies or why a label was kept. */
  reason: string;
  action: ScanAction;
  error: string | null;
  errorCode: string | null;
  warnings: string[];
  audit: AuditEvent[];
}

export function emptyRow(path: string, size: number, type: string): ScanRow {
  return {
    path,
    links: [],
    size,
    type,
    labels: [],
    currentLabel: null,
    mapping: null,
    labelNotes: [],
    infoTypes: [],
    scannedChars: 0,
    proposed: null,
    reason: "",
    action: "none",
    error: null,
    errorCode: null,
    warnings: [],
    audit: [],
  };
}
