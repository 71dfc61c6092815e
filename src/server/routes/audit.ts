/**
 * POST /audit: a batch of client events. The batch is checked whole before anything is stored, then
 * stored in one transaction; an event id the tenant already has is counted as a duplicate, so a
 * client retrying after a lost response never records an event twice.
 */
import type { FastifyInstance } from "fastify";
import { auditEventSchema, type AuditEvent } from "../../core/audit";
import { formatPath } from "../../core/policy";
import { badRequest } from "../errors";
import type { Store } from "../storage/store";

export const MAX_AUDIT_BATCH = 500;

interface Issue {
  path: string;
  rule: string;
  message: string;
}

export function parseAuditBatch(
  body: unknown,
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
    const parsed = auditEventSchema.safeParse(item);
    if (parsed.success) events.push(parsed.data);
    else
      for (const issue of parsed.error.issues)
        issues.push({
          path: formatPath(["events", i, ...issue.path]),
          rule: `schema.${issue.code}`,
          message: issue.message,
        });
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, events };
}

export default async function auditRoutes(app: FastifyInstance, options: { store: Store }): Promise<void> {
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
      const parsed = parseAuditBatch(request.body);
      if (!parsed.ok)
        throw badRequest(
          "invalid-audit-batch",
          `${parsed.issues[0].path}: ${parsed.issues[0].message}; nothing was stored`,
          {
            issues: parsed.issues,
          },
        );
      const result = await options.store.recordAudit(
        principal.tenantId,
        { userId: principal.userId, userName: principal.upn ?? principal.name, groups: principal.groups },
        parsed.events,
        new Date().toISOString(),
      );
      return reply.code(202).send({ received: parsed.events.length, ...result });
    },
  );
}
