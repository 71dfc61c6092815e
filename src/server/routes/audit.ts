/**
 * POST /audit: a batch of client events. The batch is checked whole before anything is stored —
 * shape, `details` nesting, times within the window the server keeps — then counted against the
 * user's and the tenant's audit quota, then stored in one transaction; an event id the tenant
 * already has is counted as a duplicate, so a client retrying after a lost response never records
 * an event twice.
 */
import type { FastifyInstance } from "fastify";
import { auditEventSchema, type AuditEvent } from "../../core/audit";
import { quickAuditEvent } from "../../core/audit/fastParse";
import { formatPath } from "../../core/policy";
import type { AuditQuota } from "../auditQuota";
import { badRequest } from "../errors";
import type { Store } from "../storage/store";

export const MAX_AUDIT_BATCH = 500;
/** Levels of objects and arrays in an event's `details` (the details object itself is level 1). */
export const MAX_DETAILS_DEPTH = 32;

/** The times an event may carry: not older than the server keeps, not later than its clock allows. */
export interface AuditTimeWindow {
  earliest: number;
  latest: number;
  /** How the bounds were set, for the message. */
  earliestWhy: string;
  latestWhy: string;
}

interface Issue {
  path: string;
  rule: string;
  message: string;
}

/** True when `value` holds objects or arrays more than `limit` levels deep (walked without recursion). */
export function deeperThan(value: unknown, limit: number): boolean {
  let level: unknown[] = [value];
  for (let depth = 0; level.length > 0; depth++) {
    const next: unknown[] = [];
    for (const v of level)
      if (typeof v === "object" && v !== null) {
        if (depth >= limit) return true;
        for (const child of Array.isArray(v) ? v : Object.values(v)) next.push(child);
      }
    level = next;
  }
  return false;
}

function eventIssues(event: AuditEvent, i: number, window: AuditTimeWindow | undefined): Issue[] {
  const issues: Issue[] = [];
  if (event.details !== undefined && deeperThan(event.details, MAX_DETAILS_DEPTH))
    issues.push({
      path: formatPath(["events", i, "details"]),
      rule: "audit.details-depth",
      message: `nested more than ${MAX_DETAILS_DEPTH} levels deep; at most ${MAX_DETAILS_DEPTH} are allowed`,
    });
  if (window) {
    const t = Date.parse(event.time);
    const path = formatPath(["events", i, "time"]);
    if (t < window.earliest)
      issues.push({
        path,
        rule: "audit.time-too-old",
        message: `${event.time} is before ${new Date(window.earliest).toISOString()}, the oldest time this server keeps (${window.earliestWhy})`,
      });
    else if (t > window.latest)
      issues.push({
        path,
        rule: "audit.time-in-future",
        message: `${event.time} is after ${new Date(window.latest).toISOString()}, the latest time this server accepts (${window.latestWhy})`,
      });
  }
  return issues;
}

export function parseAuditBatch(
  body: unknown,
  window?: AuditTimeWindow,
): { ok: true; events: AuditEvent[] } | { ok: false; issues: Issue[] } {
  if (
    typeof body !== "object" ||
    body === null ||
    Array.isArray(body) ||
    !Array.isArray((body as { events?: unknown }).events)
  )
    return {
      ok: false,
      issues: [
        { path: "events", rule: "schema.invalid_type", message: 'the body must be {"events": [...]}' },
      ],
    };
  const raw = (body as { events: unknown[] }).events;
  if (raw.length === 0)
    return {
      ok: false,
      issues: [{ path: "events", rule: "schema.too_small", message: "send at least one event" }],
    };
  if (raw.length > MAX_AUDIT_BATCH)
    return {
      ok: false,
      issues: [
        {
          path: "events",
          rule: "schema.too_big",
          message: `at most ${MAX_AUDIT_BATCH} events per batch; got ${raw.length}`,
        },
      ],
    };
  const issues: Issue[] = [];
  const events: AuditEvent[] = [];
  raw.forEach((item, i) => {
    // The common event without zod; zod for the rest, and for the messages of a rejected one.
    const quick = quickAuditEvent(item);
    const parsed = quick ? { success: true as const, data: quick } : auditEventSchema.safeParse(item);
    if (parsed.success) {
      const problems = eventIssues(parsed.data, i, window);
      if (problems.length === 0) events.push(parsed.data);
      else issues.push(...problems);
    } else
      for (const issue of parsed.error.issues)
        issues.push({
          path: formatPath(["events", i, ...issue.path]),
          rule: `schema.${issue.code}`,
          message: issue.message,
        });
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, events };
}

const DAY_MS = 86_400_000;

/** The window for events arriving at `now`: from the start of the oldest day kept, to now + tolerance. */
export function auditTimeWindow(
  now: number,
  retentionDays: number,
  futureToleranceMs: number,
): AuditTimeWindow {
  return {
    earliest: Math.floor(now / DAY_MS) * DAY_MS - retentionDays * DAY_MS,
    latest: now + futureToleranceMs,
    earliestWhy: `audit events are kept ${retentionDays} days`,
    latestWhy: `the server's clock + ${Math.round(futureToleranceMs / 60_000)} minutes`,
  };
}

export interface AuditRouteOptions {
  store: Store;
  quota: AuditQuota;
  retentionDays: number;
  futureToleranceMs: number;
}

export default async function auditRoutes(app: FastifyInstance, options: AuditRouteOptions): Promise<void> {
  app.post(
    "/audit",
    {
      schema: {
        tags: ["audit"],
        summary: `Record a batch (≤ ${MAX_AUDIT_BATCH}) of labeling events`,
        // No body schema: Ajv would coerce types; the zod model checks the body and names the path.
        description:
          'Body `{"events": [AuditEvent…]}`. Each event carries a client-made id; a retried batch is stored once. 202 with counts.',
        security: [{ bearer: [] }],
      },
    },
    async (request, reply) => {
      const principal = request.principal!;
      const now = Date.now();
      const parsed = parseAuditBatch(
        request.body,
        auditTimeWindow(now, options.retentionDays, options.futureToleranceMs),
      );
      if (!parsed.ok)
        throw badRequest(
          "invalid-audit-batch",
          `${parsed.issues[0].path}: ${parsed.issues[0].message}; nothing was stored`,
          {
            issues: parsed.issues,
          },
        );
      // The body's size as sent (the parser has read it whole, within the body limit).
      const bytes = Number(request.headers["content-length"]) || JSON.stringify(request.body).length;
      options.quota.take(principal.tenantId, principal.userId, parsed.events.length, bytes, now);
      const result = await options.store.recordAudit(
        principal.tenantId,
        { userId: principal.userId, userName: principal.upn ?? principal.name, groups: principal.groups },
        parsed.events,
        new Date(now).toISOString(),
      );
      return reply.code(202).send({ received: parsed.events.length, ...result });
    },
  );
}
