/**
 * The common audit event checked without zod: parsing each event with auditEventSchema was the
 * largest cost of POST /audit on the request's thread (docs/benchmarks.md, "Audit writer thread").
 * `quickAuditEvent` accepts only events the schema certainly accepts — every rule of event.ts, read
 * from the schema where it holds one — and returns what the schema would (same keys, same order,
 * defaults filled); anything else, `details` included, returns null and goes to the schema, whose
 * messages a rejected batch keeps. A test compares the two on valid and broken events.
 */
import { datetimeRegex, type ZodString } from "zod";
import { GUID_PATTERN } from "../policy/ids";
import { ACTION_SOURCES, AUDIT_APPS, AUDIT_EVENT_TYPES, auditEventSchema, type AuditEvent } from "./event";

const KEYS = new Set(Object.keys(auditEventSchema.shape));
const TYPES = new Set<unknown>(AUDIT_EVENT_TYPES);
const APPS = new Set<unknown>(AUDIT_APPS);
const SOURCES = new Set<unknown>(ACTION_SOURCES);
const METHODS = new Set<unknown>(["Standard", "Privileged"]);
const ID = /^[A-Za-z0-9_-]+$/;

/** The schema's own datetime rule for `time`, so the two can never disagree on a time. */
const TIME = (() => {
  const check = (auditEventSchema.shape.time as ZodString)._def.checks.find((c) => c.kind === "datetime");
  if (!check || check.kind !== "datetime") throw new Error("auditEventSchema.time is no longer a datetime");
  return datetimeRegex(check);
})();

const plain = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && Object.getPrototypeOf(v) === Object.prototype;
const guidOrNull = (v: unknown) =>
  v === undefined || v === null || (typeof v === "string" && GUID_PATTERN.test(v));
const oneOfOrNull = (v: unknown, set: Set<unknown>) => v === undefined || v === null || set.has(v);
const shortString = (v: unknown, max: number) =>
  v === undefined || (typeof v === "string" && v.length <= max);

function justificationOf(v: unknown): AuditEvent["justification"] | undefined {
  if (v === undefined || v === null) return null;
  if (!plain(v)) return undefined;
  for (const key of Object.keys(v)) if (key !== "reason" && key !== "text") return undefined;
  const { reason, text } = v;
  if (typeof reason !== "string" || reason.length < 1 || reason.length > 200) return undefined;
  if (text === undefined) return { reason };
  return typeof text === "string" && text.length <= 1000 ? { reason, text } : undefined;
}

/** The event as auditEventSchema parses it, or null when only the schema can say. */
export function quickAuditEvent(input: unknown): AuditEvent | null {
  if (!plain(input)) return null;
  for (const key of Object.keys(input)) if (!KEYS.has(key) || key === "details") return null;
  const e = input;
  if (typeof e.id !== "string" || e.id.length < 8 || e.id.length > 64 || !ID.test(e.id)) return null;
  if (!TYPES.has(e.type) || !APPS.has(e.app)) return null;
  if (typeof e.time !== "string" || !TIME.test(e.time)) return null;
  if (!guidOrNull(e.labelId) || !guidOrNull(e.oldLabelId)) return null;
  if (!oneOfOrNull(e.method, METHODS) || !oneOfOrNull(e.actionSource, SOURCES)) return null;
  if (e.downgrade !== undefined && typeof e.downgrade !== "boolean") return null;
  if (!shortString(e.itemName, 400) || !shortString(e.reason, 100)) return null;
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
