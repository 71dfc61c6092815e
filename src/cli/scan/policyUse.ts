/**
 * What the command line needs from a policy beyond the decision engine: naming labels, finding a
 * label by id or name, turning `--justification TEXT` into a justification, and the decision context
 * of a file.
 */
import { randomUUID } from "node:crypto";
import { basename } from "node:path";
import type { DecisionContext, Justification } from "../../core/decide";
import type { LabelRecord } from "../../core/metadata";
import { type EffectivePolicy, LabelIndex } from "../../core/policy";

export interface ScannerIdentity {
  name: string;
  principalName: string;
}

export function decisionContext(path: string, who: ScannerIdentity, now = new Date()): DecisionContext {
  return {
    app: "Scanner",
    now,
    newId: randomUUID,
    user: { name: who.name, principalName: who.principalName },
    item: { name: basename(path), location: path },
  };
}

export function fullLabelName(policy: EffectivePolicy | null, labelId: string): string | null {
  if (!policy) return null;
  const index = new LabelIndex(policy.catalog);
  return index.has(labelId) ? index.fullName(labelId) : null;
}

/**
 * A label by GUID (any spelling), Name, display name or full name ("Confidential \ All Employees"),
 * case-insensitively, among the labels the policy lets the caller apply.
 */
export function findPolicyLabel(
  policy: EffectivePolicy,
  wanted: string,
): { id: string } | { error: string; kind: "unknown" | "ambiguous" | "not-available" } {
  const w = wanted
    .trim()
    .replace(/^\{|\}$/g, "")
    .toLowerCase();
  const index = new LabelIndex(policy.labels);
  const byId = policy.labels.find((l) => l.id === w);
  if (byId) return { id: byId.id };
  const matches = policy.labels.filter(
    (l) =>
      l.name.toLowerCase() === w ||
      l.displayName.toLowerCase() === w ||
      index.fullName(l.id).toLowerCase() === w,
  );
  const appliable = matches.filter((l) => !index.isParent(l.id));
  if (appliable.length === 1) return { id: appliable[0].id };
  if (appliable.length > 1)
    return {
      kind: "ambiguous",
      error: `"${wanted}" names ${appliable.length} labels (${appliable.map((l) => index.fullName(l.id)).join(", ")}); use the full name or the id`,
    };
  if (matches.length === 1) return { id: matches[0].id };
  const inCatalog = policy.catalog.find(
    (l) => l.id === w || l.name.toLowerCase() === w || l.displayName.toLowerCase() === w,
  );
  if (inCatalog)
    return {
      kind: "not-available",
      error: `the label "${inCatalog.displayName}" is not available to this identity's policy`,
    };
  return {
    kind: "unknown",
    error: `no label "${wanted}" in the policy (labels: ${policy.labels.map((l) => index.fullName(l.id)).join(", ")})`,
  };
}

/** `--justification TEXT`: one of the policy's reasons when it matches one, else "Other" with the text. */
export function justificationFrom(policy: EffectivePolicy, text: string | undefined): Justification | null {
  if (text === undefined) return null;
  const t = text.trim();
  const reason = policy.settings.justificationReasons.find((r) => r.toLowerCase() === t.toLowerCase());
  return reason ? { reason } : { reason: policy.settings.otherReasonText, text: t };
}

/**
 * Our tenant's current label for the decision engine. A label whose metadata does not say how it was
 * set (old AIP keys without `_Method`) is treated as a person's choice: it might be one, and an
 * automatic label must never replace a person's.
 */
export function currentForDecision(
  record: LabelRecord | null,
): { labelId: string; method: "Standard" | "Privileged" } | null {
  if (!record) return null;
  return { labelId: record.labelId, method: record.method ?? "Privileged" };
}
