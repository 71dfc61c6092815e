/**
 * The audit events the server benches send and store: 200 users in 1–3 of 20 groups, the seven event
 * types the add-in sends as people label (label-applied three times as often; not the scanner's
 * scan-result nor the rare policy-unavailable and label-refused), the default labels (a few often,
 * most rarely). bench/server/reports.ts preloads and sends
 * them; the audit store benches (auditWriter.ts, auditPostgres.ts) write its live batches.
 */
import { randomUUID } from "node:crypto";
import type { AuditEvent, AuditEventType } from "../../src/core/audit";
import { DEFAULT_LABEL_IDS } from "../../src/core/policy";

export const DAY_MS = 86_400_000;
export const LABELS = Object.values(DEFAULT_LABEL_IDS) as string[];
const GROUPS = Array.from({ length: 20 }, (_, i) => `group-${i}`);
/** How often each type is drawn, relatively. */
const TYPE_WEIGHTS: Partial<Record<AuditEventType, number>> = {
  "label-applied": 3,
  "label-changed": 1,
  "label-removed": 1,
  "send-blocked": 1,
  "recommendation-accepted": 1,
  "recommendation-dismissed": 1,
  "unlabeled-document": 1,
};
/** Each type as many times as its weight, in that order: a draw is a uniform pick from it. */
export const TYPES = Object.entries(TYPE_WEIGHTS).flatMap(([type, weight]) =>
  Array<AuditEventType>(weight).fill(type as AuditEventType),
);

export function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const users = Array.from({ length: 200 }, (_, i) => {
  const r = random(i + 1);
  const groups = [
    ...new Set(Array.from({ length: 1 + Math.floor(r() * 3) }, () => GROUPS[Math.floor(r() * 20)])),
  ];
  return { userId: randomUUID(), userName: `user${i}@contoso.com`, groups };
});

/** Labels as people use them: a few often, most rarely. */
const pickLabel = (r: () => number) =>
  LABELS[Math.min(LABELS.length - 1, Math.floor(-Math.log(1 - r()) * 2))];

/** An event that happened in the `spanMs` before `now`, shaped as the schema parses it (defaults filled). */
export function auditEvent(r: () => number, now: number, spanMs: number): AuditEvent {
  const type = TYPES[Math.floor(r() * TYPES.length)];
  const downgrade = (type === "label-changed" || type === "label-removed") && r() < 0.4;
  const e: AuditEvent = {
    id: randomUUID(),
    type,
    time: new Date(now - Math.floor(r() * spanMs)).toISOString(),
    app: (["Outlook", "Word", "Excel"] as const)[Math.floor(r() * 3)],
    labelId:
      type === "label-removed" || type === "send-blocked" || type === "unlabeled-document"
        ? null
        : pickLabel(r),
    oldLabelId: type === "label-changed" || type === "label-removed" ? pickLabel(r) : null,
    method: null,
    actionSource: "manual",
    downgrade,
    justification: downgrade ? { reason: r() < 0.5 ? "Other" : "Previous label was incorrect" } : null,
    itemName: `Item ${Math.floor(r() * 1e6)}.docx`,
  };
  if (type === "send-blocked") e.reason = "mandatory-label-missing";
  return e;
}

/** One user's batch of 100 live events of the hour before `now`. */
export function liveBatch(
  r: () => number,
  now: number,
): { author: (typeof users)[number]; events: AuditEvent[] } {
  const author = users[Math.floor(r() * users.length)];
  return { author, events: Array.from({ length: 100 }, () => auditEvent(r, now, 3_600_000)) };
}
