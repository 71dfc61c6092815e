/**
 * Whether a path may apply a label, given how the label protects and what the path can do. No
 * protecting label is ever applied as metadata alone: either the path really protects the item, or
 * the label is refused with a message that names why (issue 14, "no silent protection").
 *
 * The pane, the Outlook handlers, `labelbridge label` and the scanner all ask this one function.
 */
import type { LabelProtection, TenantProtection } from "../policy/protection";
import { type RightsHolder, holdsRights, isSuperUser, labelProtection } from "../policy/protectionAccess";
import type { Label } from "../policy/model";
import type { ItemKind } from "./types";

/** What the applying path can really do. */
export interface ProtectionAbilities {
  item: ItemKind;
  /** The path applies a real Purview label (Outlook's sensitivity label API; Word's where available). */
  purviewLabel: boolean;
  /** The path can encrypt this item with Labelbridge protection and escrow its key. */
  labelbridgeEncryption: boolean;
  /** Why Labelbridge encryption is not available here (e.g. "no --server to escrow the key"). */
  labelbridgeUnavailableBecause?: string;
  /** How the path is named in messages, e.g. "labelbridge label", "the scanner", "Word". */
  pathName: string;
}

export type ProtectionRefusal =
  "protection-purview-unavailable" | "protection-labelbridge-unavailable" | "protection-labelbridge-mail";

export type ProtectionDecision =
  | { outcome: "apply"; protection: { kind: "none" } }
  | {
      outcome: "apply-with-protection";
      protection: Exclude<LabelProtection, { kind: "none" }>;
      /** Who encrypts: Microsoft's service through the Purview label, or this path. */
      by: "purview" | "labelbridge";
      message: string;
    }
  | { outcome: "refuse"; reason: ProtectionRefusal; message: string };

/** What the protection decisions read of a label. */
export type ProtectedLabel = Pick<Label, "displayName"> &
  Partial<Pick<Label, "hasProtection" | "protection">>;

export function decideProtection(
  label: ProtectedLabel,
  can: ProtectionAbilities,
  labelName: string = label.displayName,
): ProtectionDecision {
  const p = labelProtection(label);
  const named = `"${labelName}"`;
  if (p.kind === "none") return { outcome: "apply", protection: p };
  if (p.kind === "purview") {
    if (can.purviewLabel)
      return {
        outcome: "apply-with-protection",
        protection: p,
        by: "purview",
        message: `${named} is applied as a Purview label; Microsoft Purview encrypts the ${can.item === "email" ? "message" : "file"}`,
      };
    return purviewRefusal(named, can.pathName);
  }
  if (can.item === "email")
    return {
      outcome: "refuse",
      reason: "protection-labelbridge-mail",
      message:
        `${named} is protected by Labelbridge, which encrypts files at rest, not mail; ` +
        `mail carrying it is encrypted by the Exchange rules (labelbridge exchange-rules) once they are deployed, so ${can.pathName} does not apply it here`,
    };
  if (!can.labelbridgeEncryption)
    return {
      outcome: "refuse",
      reason: "protection-labelbridge-unavailable",
      message: `${named} encrypts the file with a key kept by the Labelbridge server; ${can.pathName} cannot do that here${can.labelbridgeUnavailableBecause ? ` (${can.labelbridgeUnavailableBecause})` : ""}, so the label was not applied`,
    };
  return {
    outcome: "apply-with-protection",
    protection: p,
    by: "labelbridge",
    message: `${named} encrypts the file (ECMA-376 agile encryption); its key is kept by the Labelbridge server for the label's rights holders`,
  };
}

/** A Purview-protected label on a path that cannot apply a real Purview label. */
export function purviewRefusal(
  named: string,
  pathName: string,
): Extract<ProtectionDecision, { outcome: "refuse" }> {
  return {
    outcome: "refuse",
    reason: "protection-purview-unavailable",
    message:
      `${named} encrypts through Microsoft Purview, which only Outlook's built-in sensitivity labels (and Word's where available) can apply; ` +
      `${pathName} cannot, so the label was not applied (it would have claimed protection without encrypting)`,
  };
}

export type KeyReleaseDecision =
  | { outcome: "release"; grant: "rights-holder" | "super-user" }
  | { outcome: "refuse"; reason: "not-entitled" | "label-not-protected"; message: string };

/**
 * Who may have a protected file's key: the label's rights holders (as the tenant's policy says now)
 * or the tenant's super users. A label that no longer protects with Labelbridge (deleted, or changed
 * to another kind) leaves its files to the super users.
 */
export function decideKeyRelease(
  label: ProtectedLabel | undefined,
  tenant: TenantProtection,
  user: RightsHolder,
): KeyReleaseDecision {
  const p = label ? labelProtection(label) : null;
  if (p && holdsRights(p, user)) return { outcome: "release", grant: "rights-holder" };
  if (isSuperUser(tenant, user)) return { outcome: "release", grant: "super-user" };
  if (!p || p.kind !== "labelbridge")
    return {
      outcome: "refuse",
      reason: "label-not-protected",
      message: `the file's label ${label ? `"${label.displayName}" no longer protects with Labelbridge` : "no longer exists"}; only the tenant's super users may have its key`,
    };
  return {
    outcome: "refuse",
    reason: "not-entitled",
    message: `you are not one of the rights holders of "${label!.displayName}" (its rights groups and users) nor a super user of the tenant`,
  };
}
