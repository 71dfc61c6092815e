/**
 * Key escrow over HTTP. User routes (any signed-in user of the tenant):
 *   POST /protection/keys                   keep a new file's key (before the file is written)
 *   POST /protection/keys/:keyId/release    the key, if the caller may have it (403/404/410 otherwise)
 *   POST /protection/keys/:keyId/discard    the escrowing user withdraws a key its file never used
 * Admin routes: revoke a key, list keys (never their secrets), re-wrap under the current KEK, and
 * GET /reports/protection (./usage.ts). Without a KEK configured every route answers 503.
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { GUID_PATTERN } from "../../core/policy";
import { HttpError, badRequest } from "../errors";
import { KEY_ID, type KeyEscrow } from "./escrow";
import type { StoredKey } from "./keyStore";

export interface ProtectionRouteOptions {
  /** null: no KEK configured. */
  escrow: KeyEscrow | null;
}

const escrowBody = z
  .object({
    keyId: z.string().regex(KEY_ID, "must be the file's key id: 32 lower-case hex digits"),
    labelId: z.string().regex(GUID_PATTERN, "must be a lower-case label GUID"),
    password: z.string().min(16).max(255),
    itemName: z.string().max(400).optional(),
  })
  .strict();

const releaseBody = z.object({ itemName: z.string().max(400).optional() }).strict();
const revokeBody = z.object({ reason: z.string().trim().min(1).max(200) }).strict();

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw badRequest("invalid-request", `${issue.path.join(".") || "body"}: ${issue.message}`);
}

function escrowOf(options: ProtectionRouteOptions): KeyEscrow {
  if (!options.escrow)
    throw new HttpError(
      503,
      "key-escrow-not-configured",
      "key escrow is not configured on this server: set LABELBRIDGE_KEK (docs/deploy.md, Protection)",
    );
  return options.escrow;
}

function keyIdParam(request: FastifyRequest): string {
  const keyId = (request.params as { keyId: string }).keyId;
  if (!KEY_ID.test(keyId))
    throw badRequest("invalid-key-id", `'${keyId}' is not a key id (32 lower-case hex digits)`);
  return keyId;
}

/** A key as admins see it: everything but the wrapped secret. */
function publicKey(k: StoredKey) {
  const { wrapped: _secret, ...rest } = k;
  return rest;
}

const tags = (tag: string, summary: string) => ({
  schema: { tags: [tag], summary, security: [{ bearer: [] }] },
});

export async function protectionUserRoutes(
  app: FastifyInstance,
  options: ProtectionRouteOptions,
): Promise<void> {
  app.post("/protection/keys", tags("protection", "Keep a protected file's key"), async (request, reply) => {
    const body = parse(escrowBody, request.body);
    const key = await escrowOf(options).escrow(request.principal!, body, new Date().toISOString());
    return reply.code(201).send({ keyId: key.keyId, labelId: key.labelId, createdAt: key.createdAt });
  });

  app.post(
    "/protection/keys/:keyId/release",
    tags("protection", "A protected file's key, for the label's rights holders and super users (audited)"),
    async (request) => {
      const keyId = keyIdParam(request);
      const body = parse(releaseBody, request.body);
      return escrowOf(options).release(
        request.principal!,
        keyId,
        body.itemName ?? null,
        new Date().toISOString(),
      );
    },
  );

  app.post(
    "/protection/keys/:keyId/discard",
    tags("protection", "Withdraw a key you kept for a file that was not written"),
    async (request, reply) => {
      await escrowOf(options).discard(request.principal!, keyIdParam(request), new Date().toISOString());
      return reply.code(204).send();
    },
  );
}

export async function protectionAdminRoutes(
  app: FastifyInstance,
  options: ProtectionRouteOptions,
): Promise<void> {
  app.post(
    "/admin/protection/keys/:keyId/revoke",
    tags("admin", "Revoke a file's key: nobody gets it any more (audited)"),
    async (request) => {
      const body = parse(revokeBody, request.body);
      const key = await escrowOf(options).revoke(
        request.principal!,
        keyIdParam(request),
        body.reason,
        new Date().toISOString(),
      );
      return publicKey(key);
    },
  );

  app.get(
    "/admin/protection/keys",
    tags("admin", "The tenant's kept keys (ids, labels, dates; never the keys)"),
    async (request) => {
      const q = request.query as { labelId?: string; limit?: string };
      const limit = q.limit === undefined ? 100 : Number(q.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
        throw badRequest("invalid-request", "limit: 1–1000");
      if (q.labelId !== undefined && !GUID_PATTERN.test(q.labelId))
        throw badRequest("invalid-label", "labelId: a lower-case GUID");
      const escrow = escrowOf(options);
      return (await escrow.list(request.principal!.tenantId, { labelId: q.labelId, limit })).map(publicKey);
    },
  );

  app.get(
    "/admin/protection/keks",
    tags("admin", "The key-encryption keys this server holds, and how many of the tenant's keys each wraps"),
    async (request) => escrowOf(options).kekStatus(request.principal!.tenantId),
  );

  app.post(
    "/admin/protection/rewrap",
    tags("admin", "Re-wrap the tenant's keys under the current key-encryption key"),
    async (request) => escrowOf(options).rewrap(request.principal!, new Date().toISOString()),
  );
}
