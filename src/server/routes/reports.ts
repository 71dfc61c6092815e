/** GET /reports/*: audit aggregates for the admin console, per tenant, over a date range. */
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { LabelSummary } from "../../core/policy";
import { HttpError } from "../errors";
import type { Store, TimeRange } from "../storage/store";

const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const rangeQuery = {
  type: "object",
  properties: {
    from: { type: "string", description: "First day, YYYY-MM-DD (UTC); default 30 days ago" },
    to: { type: "string", description: "Last day, YYYY-MM-DD (UTC), included; default today" },
    limit: { type: "integer", minimum: 1, maximum: 1000, default: 100 },
  },
  additionalProperties: false,
} as const;

function day(value: string, name: string): number {
  const t = Date.parse(`${value}T00:00:00Z`);
  if (!DATE.test(value) || Number.isNaN(t))
    throw new HttpError(400, "invalid-range", `${name}: '${value}' is not a date like 2026-11-29`);
  return t;
}

export function rangeOf(
  query: { from?: string; to?: string },
  now = Date.now(),
): TimeRange & { fromDay: string; toDay: string } {
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const to = query.to ? day(query.to, "to") : today;
  const from = query.from ? day(query.from, "from") : to - 29 * DAY_MS;
  if (from > to)
    throw new HttpError(400, "invalid-range", `from (${query.from}) is after to (${query.to ?? "today"})`);
  if (to - from > 366 * DAY_MS)
    throw new HttpError(400, "invalid-range", "the range is longer than 366 days");
  return {
    from: new Date(from).toISOString(),
    to: new Date(to + DAY_MS).toISOString(),
    fromDay: new Date(from).toISOString().slice(0, 10),
    toDay: new Date(to).toISOString().slice(0, 10),
  };
}

export default async function reportRoutes(app: FastifyInstance, options: { store: Store }): Promise<void> {
  const { store } = options;
  const schema = (summary: string) => ({
    schema: { tags: ["reports"], summary, security: [{ bearer: [] }], querystring: rangeQuery },
  });
  const context = async (request: FastifyRequest) => {
    const q = request.query as { from?: string; to?: string; limit: number };
    const tenantId = request.principal!.tenantId;
    const range = rangeOf(q);
    return { tenantId, range, limit: q.limit, period: { from: range.fromDay, to: range.toDay } };
  };
  const names = async (tenantId: string): Promise<Map<string, LabelSummary>> => {
    const current = await store.getPolicy(tenantId);
    return new Map((current?.document.labels ?? []).map((l) => [l.id, l]));
  };
  const labelName = (byId: Map<string, LabelSummary>, id: string | null) => {
    if (id === null) return null;
    const label = byId.get(id);
    if (!label) return null;
    const parent = label.parentId ? byId.get(label.parentId) : undefined;
    return parent ? `${parent.displayName} \\ ${label.displayName}` : label.displayName;
  };

  app.get("/reports/labels", schema("Labels applied, changed and removed, per label"), async (request) => {
    const { tenantId, range, period } = await context(request);
    const [rows, byId] = await Promise.all([store.labelActivity(tenantId, range), names(tenantId)]);
    return { period, labels: rows.map((r) => ({ ...r, labelName: labelName(byId, r.labelId) })) };
  });

  app.get("/reports/daily", schema("Events per day and type"), async (request) => {
    const { tenantId, range, period } = await context(request);
    return { period, days: await store.dailyActivity(tenantId, range) };
  });

  app.get(
    "/reports/downgrades",
    schema("Downgrades and removals with their justification"),
    async (request) => {
      const { tenantId, range, period, limit } = await context(request);
      const [result, byId] = await Promise.all([store.downgrades(tenantId, range, limit), names(tenantId)]);
      return {
        period,
        byReason: result.byReason,
        recent: result.recent.map((r) => ({
          ...r,
          oldLabelName: labelName(byId, r.oldLabelId),
          labelName: labelName(byId, r.labelId),
        })),
      };
    },
  );

  app.get("/reports/blocked-sends", schema("Sends blocked, per day and reason"), async (request) => {
    const { tenantId, range, period } = await context(request);
    return { period, days: await store.blockedSends(tenantId, range) };
  });

  app.get("/reports/unlabeled", schema("Unlabeled documents seen, per day and app"), async (request) => {
    const { tenantId, range, period } = await context(request);
    return { period, days: await store.unlabeledDocuments(tenantId, range) };
  });
}
