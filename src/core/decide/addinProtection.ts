/**
 * Whether the add-in (pane and handlers) may put a protecting label on the item, and what it must
 * tell the person about the protection. The add-in encrypts nothing itself:
 * - `purview`: only Outlook's own sensitivity label really applies it; otherwise refused
 *   (decideProtection's message, audited as `label-refused`);
 * - `labelbridge` on a file: the label goes on as metadata, and the pane says that the file is
 *   encrypted later, when `scan --mode enforce` or `labelbridge label --server` runs on the saved file
 *   (docs/deploy.md, "Protecting files");
 * - `labelbridge` on mail: Labelbridge does not encrypt mail. The policy does not record whether the
 *   Exchange rules are deployed, so the pane says only that the message is not encrypted by Labelbridge.
 */
import { labelProtection } from "../policy/protectionAccess";
import { purviewRefusal, type ProtectedLabel, type ProtectionRefusal } from "./protection";
import type { ItemKind } from "./types";

/** What the person is told about the label's protection once it is on the item. */
export type ProtectionNotice =
  /** Outlook's own label carries it: Microsoft Purview encrypts the message. */
  | "purview"
  /** Encrypted when the scanner or `labelbridge label` runs on the saved file, not by the add-in. */
  | "labelbridge-file"
  /** Labelbridge encrypts files, not mail: this message is not encrypted by Labelbridge. */
  | "labelbridge-mail";

export type AddinProtectionDecision =
  | { outcome: "apply"; notice: ProtectionNotice | null }
  | { outcome: "refuse"; reason: ProtectionRefusal; message: string };

export interface AddinAbilities {
  item: ItemKind;
  /** The host applies this label as a real Purview label (Outlook's own label), or already carries it. */
  purviewLabel: boolean;
  /** "Outlook", "Word", "Excel": named in the refusal. */
  pathName: string;
}

export function decideAddinProtection(
  label: ProtectedLabel,
  can: AddinAbilities,
  labelName: string = label.displayName,
): AddinProtectionDecision {
  const kind = labelProtection(label).kind;
  if (kind === "none") return { outcome: "apply", notice: null };
  if (kind === "labelbridge")
    return { outcome: "apply", notice: can.item === "email" ? "labelbridge-mail" : "labelbridge-file" };
  return can.purviewLabel
    ? { outcome: "apply", notice: "purview" }
    : purviewRefusal(`"${labelName}"`, can.pathName);
}
