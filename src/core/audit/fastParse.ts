/**
 * The common audit event checked without zod: parsing each event with auditEventSchema was the
 * largest cost of POST /audit on the request's thread (docs/benchmarks.md, "Audit writer thread").
 * `quickAuditEvent` accepts only events the schema certainly accepts — every rule of event.ts, read
 * from the schema itself (lengths, patterns, enums, the justification's keys) — and returns what the schema would (same keys, same order,
 * defaults filled); anything else, `details` included, returns null and goes to the schema, whose
 * messages a rejected batch keeps. A test compares the two on valid and broken events.
 */
import {
  datetimeRegex,
  ZodDefault,
  ZodEnum,
  ZodNullable,
  ZodObject,
  ZodOptional,
  ZodString,
  type ZodTypeAny,
} from "zod";
import { auditEventSchema, type AuditEvent } from "./event";

/** The schema a field wraps in `.optional()`, `.nullable()` and `.default()`. */
function inner(type: ZodTypeAny): ZodTypeAny {
  let t = type;
  while (t instanceof ZodOptional || t instanceof ZodNullable || t instanceof ZodDefault)
    t = t instanceof ZodDefault ? t._def.innerType : t.unwrap();
  return t;
}

/**
 * A string field's rules read from its schema (min, max, regex, datetime), so the quick check and
 * the schema cannot disagree on a length or a pattern; a rule it does not know throws at load.
 */
export function stringRule(type: ZodTypeAny): (v: unknown) => v is string {
  const string = inner(type);
  if (!(string instanceof ZodString)) throw new Error("stringRule: not a string schema");
  const tests = string._def.checks.map((check): ((v: string) => boolean) => {
    switch (check.kind) {
      case "min":
        return (v) => v.length >= check.value;
      case "max":
        return (v) => v.length <= check.value;
      case "regex":
        return (v) => check.regex.test(v);
      case "datetime": {
        const pattern = datetimeRegex(check);
        return (v) => pattern.test(v);
      }
      default:
        throw new Error(`stringRule: the schema's '${check.kind}' rule is not known here`);
    }
  });
  return (v: unknown): v is string => typeof v === "string" && tests.every((t) => t(v));
}

/** An enum field's values, read from its schema. */
const optionsOf = (type: ZodTypeAny): Set<unknown> => {
  const e = inner(type);
  if (!(e instanceof ZodEnum)) throw new Error("optionsOf: not an enum schema");
  return new Set<unknown>(e.options as unknown[]);
};

const FIELDS = auditEventSchema.shape;
const KEYS = new Set(Object.keys(FIELDS));
const TYPES = optionsOf(FIELDS.type);
const APPS = optionsOf(FIELDS.app);
const SOURCES = optionsOf(FIELDS.actionSource);
const METHODS = optionsOf(FIELDS.method);
const ID = stringRule(FIELDS.id);
const TIME = stringRule(FIELDS.time);
const GUID = stringRule(FIELDS.labelId);
const ITEM_NAME = stringRule(FIELDS.itemName);
const REASON = stringRule(FIELDS.reason);
const JUSTIFICATION = (() => {
  const object = inner(FIELDS.justification);
  if (!(object instanceof ZodObject))
    throw new Error("auditEventSchema.justification is no longer an object");
  const shape = object.shape as Record<string, ZodTypeAny>;
  return {
    keys: new Set(Object.keys(shape)),
    reason: stringRule(shape.reason),
    text: stringRule(shape.text),
  };
})();

const plain = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && Object.getPrototypeOf(v) === Object.prototype;
const guidOrNull = (v: unknown) => v === undefined || v === null || GUID(v);
const oneOfOrNull = (v: unknown, set: Set<unknown>) => v === undefined || v === null || set.has(v);
const absentOr = (v: unknown, rule: (v: unknown) => boolean) => v === undefined || rule(v);

function justificationOf(v: unknown): AuditEvent["justification"] | undefined {
  if (v === undefined || v === null) return null;
  if (!plain(v)) return undefined;
  for (const key of Object.keys(v)) if (!JUSTIFICATION.keys.has(key)) return undefined;
  const { reason, text } = v;
  if (!JUSTIFICATION.reason(reason)) return undefined;
  if (text === undefined) return { reason };
  return JUSTIFICATION.text(text) ? { reason, text } : undefined;
}

/** The event as auditEventSchema parses it, or null when only the schema can say. */
export function quickAuditEvent(input: unknown): AuditEvent | null {
  if (!plain(input)) return null;
  for (const key of Object.keys(input)) if (!KEYS.has(key) || key === "details") return null;
  const e = input;
  if (!ID(e.id)) return null;
  if (!TYPES.has(e.type) || !APPS.has(e.app)) return null;
  if (!TIME(e.time)) return null;
  if (!guidOrNull(e.labelId) || !guidOrNull(e.oldLabelId)) return null;
  if (!oneOfOrNull(e.method, METHODS) || !oneOfOrNull(e.actionSource, SOURCES)) return null;
  if (e.downgrade !== undefined && typeof e.downgrade !== "boolean") return null;
  if (!absentOr(e.itemName, ITEM_NAME) || !absentOr(e.reason, REASON)) return null;
  const justification = justificationOf(e.justification);
  if (justification === undefined) return null;
  const out = {
    id: e.id,
    type: e.type,
    time: e.time,
    app: e.app,
    labelId: e.labelId ?? null,
    oldLabelId: e.oldLabelId ?? null,
    method: e.method ?? null,
    actionSource: e.actionSource ?? null,
    downgrade: e.downgrade ?? false,
    justification,
  } as AuditEvent;
  // Optional keys stay absent when they were (as the schema leaves them).
  if ("itemName" in e) out.itemName = e.itemName as string;
  if ("reason" in e) out.reason = e.reason as string;
  return out;
}
