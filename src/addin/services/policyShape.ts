/**
 * A light structural check of an EffectivePolicy from the network or the cache. The backend
 * validated it with the zod schemas already; here we only refuse something that is plainly not a
 * policy (a proxy's HTML page, a truncated cache entry) without pulling zod into the event bundle.
 */
import type { EffectivePolicy } from "../../core/policy/effective";

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function isLabel(x: unknown): boolean {
  return (
    isObject(x) &&
    typeof x.id === "string" &&
    GUID.test(x.id) &&
    typeof x.name === "string" &&
    typeof x.displayName === "string" &&
    typeof x.sensitivity === "number" &&
    (x.parentId === null || typeof x.parentId === "string") &&
    Array.isArray(x.applicableTo) &&
    isObject(x.marking) &&
    Array.isArray(x.conditions)
  );
}

function isSummary(x: unknown): boolean {
  return (
    isObject(x) &&
    typeof x.id === "string" &&
    typeof x.displayName === "string" &&
    typeof x.sensitivity === "number"
  );
}

export function isEffectivePolicy(x: unknown): x is EffectivePolicy {
  if (!isObject(x)) return false;
  const s = x.settings;
  const f = x.features;
  return (
    typeof x.siteId === "string" &&
    GUID.test(x.siteId) &&
    typeof x.tenantName === "string" &&
    typeof x.phase === "string" &&
    isObject(f) &&
    typeof f.manualLabeling === "boolean" &&
    Array.isArray(x.labels) &&
    x.labels.every(isLabel) &&
    Array.isArray(x.catalog) &&
    x.catalog.every(isSummary) &&
    isObject(s) &&
    typeof s.mandatoryMail === "boolean" &&
    typeof s.justificationRequired === "boolean" &&
    Array.isArray(s.justificationReasons) &&
    typeof s.otherReasonText === "string" &&
    Array.isArray(s.preventDowngradeFrom) &&
    Array.isArray(s.recipientRules) &&
    (s.defaultMailLabel === null || typeof s.defaultMailLabel === "string")
  );
}
