/**
 * How the mail moments read an attachment's label for inheritance: our tenant's label, or what a
 * partner tenant's label or another tool's classification means here through the tenant's label
 * mappings (core/policy/mapForeign.ts) — the same reading rule as documents and the scanner.
 */
import type { EffectivePolicy } from "../../core/policy/effective";
import { mapForeignLabel } from "../../core/policy/mapForeign";
import { attachmentLabels, mayCarryLabel } from "../hosts/attachmentLabels";
import type { AttachmentLabelReader } from "../hosts/outlookAttachments";

export function attachmentReader(policy: EffectivePolicy): AttachmentLabelReader {
  return {
    mayCarryLabel,
    labelOf(base64, siteId) {
      const found = attachmentLabels(base64);
      if (!found) return null;
      return mapForeignLabel(found, policy.labelMappings, siteId.toLowerCase()).mapped?.labelId ?? null;
    },
  };
}
