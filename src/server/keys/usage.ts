/**
 * GET /reports/protection: protection usage for the admin console — which labels protect and how,
 * keys kept, released and refused per day and per label, the super-user grants and the latest
 * refusals, for a period (same `from`/`to` as the other reports).
 */
import type { FastifyInstance } from "fastify";
import { LabelIndex, labelProtection, tenantProtectionSchema, type Label } from "../../core/policy";
import { rangeOf } from "../routes/reports";
import type { Store } from "../storage/store";
import type { KeyStore } from "./keyStore";

export const RECENT_PROTECTION_EVENTS = 100;

export interface ProtectionUsageOptions {
  store: Store;
  keys: KeyStore | null;
}

function labelRow(label: Label, index: LabelIndex<Label>) {
  const p = labelProtection(label);
  return {
    labelId: label.id,
    labelName: index.fullName(label.id),
    kind: p.kind,
    rightsGroups: p.kind === "labelbridge" ? p.rightsGroups : [],
    rightsUsers: p.kind === "labelbridge" ? p.rightsUsers : [],
    rightsTemplate: p.kind === "none" ? null : (p.rightsTemplate ?? null),
  };
}

export async function protectionUsageRoutes(
  app: FastifyInstance,
  options: ProtectionUsageOptions,
): Promise<void> {
  app.get(
    "/reports/protection",
    {
      schema: {
        tags: ["reports"],
        summary:
          "Protection usage: labels that protect and how, keys kept/released/refused, super-user grants",
        security: [{ bearer: [] }],
        querystring: {
          type: "object",
          properties: { from: { type: "string" }, to: { type: "string" } },
          additionalProperties: false,
        },
      },
    },
    async (request) => {
      const tenantId = request.principal!.tenantId;
      const range = rangeOf(request.query as { from?: string; to?: string });
      const tenant = (await options.store.getPolicy(tenantId))?.document;
      const labels = tenant?.labels ?? [];
      const index = new LabelIndex<Label>(labels);
      const name = (id: string | null) => (id !== null && index.has(id) ? index.fullName(id) : null);
      const protection = tenantProtectionSchema.parse(tenant?.protection ?? {});
      const keys = options.keys;
      const [counts, grants, refusals, totals] = keys
        ? await Promise.all([
            keys.eventCounts(tenantId, range),
            keys.events(
              tenantId,
              range,
              { action: "released", grant: "super-user" },
              RECENT_PROTECTION_EVENTS,
            ),
            keys.events(tenantId, range, { action: "refused" }, RECENT_PROTECTION_EVENTS),
            keys.keyCounts(tenantId),
          ])
        : [[], [], [], { total: 0, revoked: 0 }];
      const byLabel = new Map<string, { escrowed: number; released: number; refused: number }>();
      const daily = new Map<string, { day: string; action: string; count: number }>();
      for (const c of counts) {
        const d = daily.get(`${c.day}|${c.action}`) ?? { day: c.day, action: c.action, count: 0 };
        d.count += c.count;
        daily.set(`${c.day}|${c.action}`, d);
        if (c.action !== "escrowed" && c.action !== "released" && c.action !== "refused") continue;
        const key = c.labelId ?? "";
        const row = byLabel.get(key) ?? { escrowed: 0, released: 0, refused: 0 };
        row[c.action] += c.count;
        byLabel.set(key, row);
      }
      const total = (action: string) =>
        counts.filter((c) => c.action === action).reduce((n, c) => n + c.count, 0);
      const event = (e: (typeof grants)[number]) => ({
        time: e.at,
        userId: e.userId,
        userName: e.userName,
        keyId: e.keyId,
        labelId: e.labelId,
        labelName: name(e.labelId),
        itemName: e.itemName,
        reason: e.reason,
      });
      return {
        period: { from: range.fromDay, to: range.toDay },
        escrowConfigured: keys !== null,
        labels: labels.filter((l) => labelProtection(l).kind !== "none").map((l) => labelRow(l, index)),
        superUsers: protection.superUsers,
        totals: {
          keysKept: totals.total,
          keysRevoked: totals.revoked,
          escrowed: total("escrowed"),
          released: total("released"),
          refused: total("refused"),
          superUserGrants: counts
            .filter((c) => c.action === "released" && c.grant === "super-user")
            .reduce((n, c) => n + c.count, 0),
        },
        daily: [...daily.values()],
        byLabel: [...byLabel.entries()].map(([id, row]) => ({
          labelId: id === "" ? null : id,
          labelName: name(id === "" ? null : id),
          ...row,
        })),
        superUserGrants: grants.map(event),
        refusals: refusals.map(event),
      };
    },
  );
}
