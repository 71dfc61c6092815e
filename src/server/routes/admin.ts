/**
 * Admin API: the tenant's labels and policies as one versioned document (also addressable as its
 * `labels` and `policies` parts), its history with before/after, and rollback to any version.
 */
import type { FastifyInstance } from "fastify";
import type { RollbackResponse, VersionDetail, VersionList } from "../../contracts/adminApi";
import { HttpError } from "../errors";
import type { Store } from "../storage/store";
import { currentOrNotFound, precondition, sendVersioned, storeDocument, versionTag } from "./policyWrites";

const versionParam = {
  type: "object",
  required: ["version"],
  properties: { version: { type: "integer", minimum: 1 } },
} as const;

const admin = (summary: string, extra: Record<string, unknown> = {}) => ({
  schema: { tags: ["admin"], summary, security: [{ bearer: [] }], ...extra },
});

export default async function adminRoutes(app: FastifyInstance, options: { store: Store }): Promise<void> {
  const { store } = options;

  app.get("/policy", admin("The tenant's whole configuration (ETag = version)"), async (request, reply) => {
    const current = await currentOrNotFound(store, request.principal!.tenantId);
    return sendVersioned(reply, current, current.document);
  });

  app.put(
    "/policy",
    admin("Replace the whole configuration", {
      description: "If-Match: the version edited. 400 names path and rule; 412 when stale.",
    }),
    async (request, reply) => {
      const saved = await storeDocument(
        store,
        request.principal!,
        request.body,
        precondition(request),
        "replace",
      );
      return sendVersioned(reply, saved, saved.document, saved.basedOn === null ? 201 : 200);
    },
  );

  for (const part of ["labels", "policies"] as const) {
    app.get(
      `/${part}`,
      admin(`The tenant's ${part} (ETag = configuration version)`),
      async (request, reply) => {
        const current = await currentOrNotFound(store, request.principal!.tenantId);
        return sendVersioned(reply, current, current.document[part]);
      },
    );

    app.put(
      `/${part}`,
      admin(`Replace the tenant's ${part}; the rest of the configuration stays`, {
        description: "If-Match required.",
      }),
      async (request, reply) => {
        const pre = precondition(request);
        if ("create" in pre)
          throw new HttpError(
            400,
            "create-whole-policy",
            `create the configuration with PUT /policy first, then its ${part}`,
          );
        const current = await currentOrNotFound(store, request.principal!.tenantId);
        const saved = await storeDocument(
          store,
          request.principal!,
          { ...current.document, [part]: request.body },
          pre,
          part,
        );
        return sendVersioned(reply, saved, saved.document[part]);
      },
    );
  }

  app.get(
    "/policy/versions",
    admin("Every saved version, newest first", {
      querystring: {
        type: "object",
        properties: {
          limit: { type: "integer", minimum: 1, maximum: 500, default: 50 },
          before: { type: "integer", minimum: 1 },
        },
        additionalProperties: false,
      },
    }),
    async (request): Promise<VersionList> => {
      const q = request.query as { limit: number; before?: number };
      const versions = await store.listPolicyVersions(request.principal!.tenantId, {
        limit: q.limit,
        before: q.before,
      });
      return { versions };
    },
  );

  app.get(
    "/policy/versions/:version",
    admin("One version with the document before and after it", { params: versionParam }),
    async (request): Promise<VersionDetail> => {
      const tenantId = request.principal!.tenantId;
      const { version } = request.params as { version: number };
      const after = await store.getPolicyVersion(tenantId, version);
      if (!after) throw new HttpError(404, "no-such-version", `version ${version} does not exist`);
      const before = after.basedOn === null ? null : await store.getPolicyVersion(tenantId, after.basedOn);
      const { document, ...summary } = after;
      return { ...summary, before: before?.document ?? null, after: document };
    },
  );

  app.post(
    "/policy/rollback",
    admin("Make an earlier version current again (as a new version)", {
      body: {
        type: "object",
        required: ["version"],
        properties: { version: { type: "integer", minimum: 1 } },
        additionalProperties: false,
      },
    }),
    async (request, reply) => {
      const pre = precondition(request);
      const { version } = request.body as { version: number };
      const target = await store.getPolicyVersion(request.principal!.tenantId, version);
      if (!target)
        throw new HttpError(
          404,
          "no-such-version",
          `version ${version} does not exist; GET /api/v1/admin/policy/versions lists them`,
        );
      // Re-validated like any write: the rules may have grown stricter since that version was saved.
      const saved = await storeDocument(store, request.principal!, target.document, pre, "rollback");
      const body: RollbackResponse = {
        version: saved.version,
        restored: version,
        etag: versionTag(saved.version),
      };
      return sendVersioned(reply, saved, body);
    },
  );
}
