/**
 * The one way a tenant's configuration changes: validate the whole document, check it belongs to the
 * caller's tenant, then store it as a new version only if the caller's version is still current.
 * Invalid → 400 naming path and rule; stale → 412; the active version is untouched in both cases.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { formatIssue, validateTenantPolicy, type PolicyIssue, type TenantPolicy } from "../../core/policy";
import type { Principal } from "../auth/principal";
import { HttpError } from "../errors";
import type { Actor, ChangeKind, PolicyVersion, PolicyVersionSummary, Store } from "../storage/store";

/** What a writer claims to start from: a version, or "nothing yet" (`If-None-Match: *`). */
export type Precondition = { version: number } | { create: true };

export const versionTag = (version: number) => `"${version}"`;

export function precondition(request: FastifyRequest): Precondition {
  const ifMatch = request.headers["if-match"];
  const ifNoneMatch = request.headers["if-none-match"];
  if (typeof ifMatch === "string") {
    const m = /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(ifMatch);
    if (!m)
      throw new HttpError(
        400,
        "invalid-if-match",
        `If-Match: '${ifMatch}' is not a version ETag like "7" (from GET /api/v1/admin/policy)`,
      );
    return { version: Number(m[1]) };
  }
  if (typeof ifNoneMatch === "string" && ifNoneMatch.trim() === "*") return { create: true };
  throw new HttpError(
    428,
    "if-match-required",
    "send If-Match with the ETag of the version you edited (or If-None-Match: * to create the first one), so a concurrent edit is never overwritten",
  );
}

export function actorOf(principal: Principal): Actor {
  return { id: principal.userId, name: principal.upn ?? principal.name ?? null };
}

export function invalidPolicy(issues: PolicyIssue[]): HttpError {
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : "";
  return new HttpError(400, "invalid-policy", `${formatIssue(issues[0])}${more}; nothing was saved`, {
    issues,
  });
}

function conflict(current: PolicyVersionSummary | null, pre: Precondition): HttpError {
  if (!current)
    return new HttpError(
      412,
      "version-conflict",
      "the tenant has no configuration yet; create it with If-None-Match: *",
      {
        currentVersion: null,
      },
    );
  const who = current.actor.name ?? current.actor.id;
  const what =
    "create" in pre
      ? "the tenant already has a configuration"
      : `version ${pre.version} is no longer current`;
  return new HttpError(
    412,
    "version-conflict",
    `${what}: ${who} saved version ${current.version} at ${current.createdAt}; reload it and apply your change again`,
    { currentVersion: current.version },
    { etag: versionTag(current.version) },
  );
}

export async function storeDocument(
  store: Store,
  principal: Principal,
  input: unknown,
  pre: Precondition,
  kind: ChangeKind,
): Promise<PolicyVersion> {
  const result = validateTenantPolicy(input);
  if (!result.ok) throw invalidPolicy(result.issues);
  const document: TenantPolicy = result.value;
  if (document.siteId !== principal.tenantId)
    throw invalidPolicy([
      {
        path: "siteId",
        rule: "tenant-mismatch",
        message: `must be your tenant id ${principal.tenantId}, not ${document.siteId}`,
      },
    ]);
  const written = await store.writePolicy(principal.tenantId, {
    expectedVersion: "create" in pre ? null : pre.version,
    document,
    actor: actorOf(principal),
    kind,
    at: new Date().toISOString(),
  });
  if (!written.ok) throw conflict(written.conflict, pre);
  return written.version;
}

/** The tenant's current version, or 404 telling the admin how to create one. */
export async function currentOrNotFound(store: Store, tenantId: string): Promise<PolicyVersion> {
  const current = await store.getPolicy(tenantId);
  if (!current)
    throw new HttpError(
      404,
      "no-policy",
      `tenant ${tenantId} has no labeling configuration yet; PUT one with If-None-Match: * or import from Graph`,
    );
  return current;
}

export function sendVersioned(
  reply: FastifyReply,
  version: PolicyVersion,
  body: unknown,
  status = 200,
): FastifyReply {
  return reply
    .code(status)
    .header("etag", versionTag(version.version))
    .header("last-modified", new Date(version.createdAt).toUTCString())
    .header("cache-control", "no-store")
    .send(body);
}
