/**
 * A structural check of an EffectivePolicy from the network or the cache. The backend validated it
 * with the zod schemas already; here we only refuse something that is plainly not a policy (a
 * proxy's HTML page, a truncated cache entry) without pulling zod into the ES2016 event bundle.
 *
 * The shape is written once, typed by `Shape<EffectivePolicy>`: every field of the core model
 * (src/core/policy) must be listed, nothing else may be, and each entry's kind must match the
 * field's type — so a change to the model that this check does not follow fails to compile
 * (test/addin/policyShape.test.ts plants one to prove it). Nested settings objects (markings,
 * conditions, recipient rules) are checked as objects; their fields are the engine's business.
 */
import type { EffectivePolicy, LabelSummary } from "../../core/policy/effective";

type Describe<T> = [T] extends [string]
  ? "string" | "guid"
  : [T] extends [number]
    ? "number"
    : [T] extends [boolean]
      ? "boolean"
      : [T] extends [ReadonlyArray<infer E>]
        ? { each: Field<E> }
        : [T] extends [object]
          ? "object" | Shape<T>
          : never;

/** How one field is checked: optional and nullable fields say so. */
export type Field<T> = undefined extends T
  ? { optional: Describe<Exclude<T, undefined>> }
  : null extends T
    ? { nullable: Describe<Exclude<T, null>> }
    : Describe<T>;

/** Every field of T, each with the check its type calls for. */
export type Shape<T> = { [K in keyof T]-?: Field<T[K]> };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const LABEL: Shape<EffectivePolicy["labels"][number]> = {
  id: "guid",
  name: "string",
  displayName: "string",
  description: "string",
  tooltip: "string",
  color: { optional: "string" },
  sensitivity: "number",
  parentId: { nullable: "string" },
  isActive: "boolean",
  applicableTo: { each: "string" },
  hasProtection: { optional: "boolean" },
  protection: { optional: "object" },
  marking: "object",
  conditions: { each: "object" },
  protectiveMarking: { optional: "object" },
  nzMarking: { optional: "object" },
  purview: { optional: "object" },
};

/** The fields a catalog entry shares with a label. */
function summaryOf(label: typeof LABEL): Omit<Shape<LabelSummary>, "id"> {
  const { name, displayName, sensitivity, parentId, color } = label;
  return { name, displayName, sensitivity, parentId, color };
}

const POLICY: Shape<EffectivePolicy> = {
  siteId: "guid",
  tenantName: "string",
  labelStorage: "string",
  phase: "string",
  features: {
    manualLabeling: "boolean",
    enforcement: "boolean",
    contentMarking: "boolean",
    autoLabeling: "boolean",
    recipientRules: "boolean",
    scannerEnforce: "boolean",
  },
  policyIds: { each: "string" },
  labels: { each: LABEL },
  settings: {
    defaultDocumentLabel: { nullable: "string" },
    defaultMailLabel: { nullable: "string" },
    mandatoryDocuments: "boolean",
    mandatoryMail: "boolean",
    justificationRequired: "boolean",
    justificationReasons: { each: "string" },
    otherReasonText: "string",
    preventDowngradeFrom: { each: "string" },
    moreInfoUrl: { optional: "string" },
    reportIssueUrl: { optional: "string" },
    attachmentInheritance: "string",
    mailRecommendations: "boolean",
    recipientRules: { each: "object" },
    markingProfile: "string",
    epmsVersion: "string",
    offlineSendFallback: "string",
    auditEnabled: "boolean",
    externalMarkingRemoval: { optional: "object" },
  },
  // A catalog entry names any label of the tenant (ids are checked where a label is applied).
  catalog: { each: { ...summaryOf(LABEL), id: "string" } },
  labelMappings: { optional: { each: "object" } },
  infoTypes: { each: "object" },
};

/** The shape as the check walks it (the typed constants above, seen loosely). */
type Check =
  | "string"
  | "guid"
  | "number"
  | "boolean"
  | "object"
  | { optional: Check }
  | { nullable: Check }
  | { each: Check }
  | { [field: string]: Check };

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

function conforms(x: unknown, check: Check): boolean {
  if (typeof check === "string") {
    if (check === "guid") return typeof x === "string" && GUID.test(x);
    if (check === "object") return isObject(x);
    return typeof x === check;
  }
  if ("optional" in check && Object.keys(check).length === 1)
    return x === undefined || conforms(x, check.optional as Check);
  if ("nullable" in check && Object.keys(check).length === 1)
    return x === null || conforms(x, check.nullable as Check);
  if ("each" in check && Object.keys(check).length === 1)
    return Array.isArray(x) && x.every((e) => conforms(e, check.each as Check));
  if (!isObject(x)) return false;
  const fields = check as { [field: string]: Check };
  return Object.keys(fields).every((k) => conforms(x[k], fields[k]));
}

export function isEffectivePolicy(x: unknown): x is EffectivePolicy {
  return conforms(x, POLICY as unknown as Check);
}
