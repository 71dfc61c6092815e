/** Microsoft Graph import and export of labels and label-policy settings (conversion in core/policy/graph). */
import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import type { GraphExport, GraphImportResponse } from "../../contracts/adminApi";
import { exportToGraph, importFromGraph } from "../../core/policy/graph";
import { HttpError } from "../errors";
import type { Store } from "../storage/store";
import { currentOrNotFound, invalidPolicy, precondition, sendVersioned, storeDocument } from "./policyWrites";

export default async function graphRoutes(app: FastifyInstance, options: { store: Store }): Promise<void> {
  const { store } = options;

  app.post(
    "/graph/import",
    {
      schema: {
        tags: ["admin"],
        summary: "Import a Graph sensitivityLabel list and label-policy settings as a new version",
        description:
          'Body `{"labels": {"value": [...]}, "labelPolicySettings": {...}?, "policyId": "…"?}`. If-Match (or If-None-Match: * for a new tenant).',
        security: [{ bearer: [] }],
      },
    },
    async (request, reply) => {
      const principal = request.principal!;
      const pre = precondition(request);
      const body = request.body as Record<string, unknown> | null;
      if (typeof body !== "object" || body === null || !("labels" in body))
        throw new HttpError(400, "invalid-import", 'labels: is required (the Graph list, {"value": [...]})');
      if (body.policyId !== undefined && typeof body.policyId !== "string")
        throw new HttpError(400, "invalid-import", "policyId: must be a policy GUID");
      const current = "create" in pre ? null : await currentOrNotFound(store, principal.tenantId);
      const converted = importFromGraph(
        {
          labels: body.labels,
          labelPolicySettings: body.labelPolicySettings,
          policyId: body.policyId as string | undefined,
        },
        {
          siteId: principal.tenantId,
          tenantName: principal.tenantId,
          current: current?.document ?? null,
          newPolicyId: randomUUID(),
        },
      );
      if (!converted.ok) throw invalidPolicy(converted.issues);
      const saved = await storeDocument(store, principal, converted.document, pre, "import");
      const answer: GraphImportResponse = {
        version: saved.version,
        warnings: converted.warnings,
        policy: saved.document,
      };
      return sendVersioned(reply, saved, answer);
    },
  );

  app.get(
    "/graph/export",
    {
      schema: {
        tags: ["admin"],
        summary: "The labels and one policy's settings in Graph's shapes",
        security: [{ bearer: [] }],
        querystring: {
          type: "object",
          properties: { policyId: { type: "string", maxLength: 64 } },
          additionalProperties: false,
        },
      },
    },
    async (request, reply) => {
      const current = await currentOrNotFound(store, request.principal!.tenantId);
      const { policyId } = request.query as { policyId?: string };
      const exported = exportToGraph(current.document, policyId);
      if ("error" in exported) throw new HttpError(404, "no-such-policy", `policyId: ${exported.error}`);
      const answer: GraphExport = exported;
      return sendVersioned(reply, current, answer);
    },
  );
}
