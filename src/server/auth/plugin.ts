/**
 * Authentication as a Fastify plugin: `request.principal` and the two guards routes use. Verified
 * tokens are remembered briefly (jose verifies ~5k RS256 tokens/s per core; docs/reference/tooling.md), keyed by
 * the whole Authorization header (which holds the whole token) and never past the token's expiry,
 * so a cache hit proves no less than a verification.
 */
import fp from "fastify-plugin";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { HttpError } from "../errors";
import { TokenError, type Principal, type TokenVerifier } from "./principal";

declare module "fastify" {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyInstance {
    /** onRequest hook: a valid token, or 401. */
    requireUser(request: FastifyRequest, reply: FastifyReply): Promise<void>;
    /** onRequest hook: a valid token carrying the admin app role, or 401/403. */
    requireAdmin(request: FastifyRequest, reply: FastifyReply): Promise<void>;
    /**
     * The caller, or a thrown 401. Synchronous when the token was verified recently (the common
     * case), a promise when it must be verified now; hooks on hot routes use it to skip a promise.
     */
    authenticate(request: FastifyRequest, now?: number): Principal | Promise<Principal>;
    /** The caller of an Authorization header verified recently (what `authenticate` trusts without verifying), or undefined. */
    recentPrincipal(header: string | undefined, now: number): Principal | undefined;
  }
}

export interface AuthPluginOptions {
  verifier: TokenVerifier;
  adminRole: string;
  /** How long a verified token is trusted without re-verifying; 0 turns the cache off. */
  cacheSeconds?: number;
  cacheSize?: number;
}

const BEARER = /^Bearer ([A-Za-z0-9_\-.]+)$/;

/**
 * Looked up by a number made of the header's last five characters (the end of the token's
 * signature) and then compared whole: a hit still needs the exact header that was verified, but a
 * request neither hashes its ~700-character header (a fresh string each time, so V8 cannot reuse a
 * hash) nor allocates a key — the hashing alone cost more than the rest of authentication.
 * Two cached headers that end alike just share a slot.
 */
function slot(header: string): number {
  let key = header.length;
  for (let i = Math.max(0, header.length - 5); i < header.length; i++)
    key = (key * 131 + header.charCodeAt(i)) & 0x3fffffff; // stays a small integer: no allocation
  return key;
}

export class TokenCache {
  private readonly entries = new Map<number, { header: string; principal: Principal; until: number }>();
  constructor(
    private readonly ttlMs: number,
    private readonly size: number,
  ) {}

  get(header: string, now: number): Principal | undefined {
    const key = slot(header);
    const hit = this.entries.get(key);
    if (hit === undefined || hit.header !== header) return undefined;
    if (hit.until <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return hit.principal;
  }

  set(header: string, principal: Principal, now: number): void {
    if (this.ttlMs <= 0) return;
    const until = Math.min(now + this.ttlMs, principal.expiresAt * 1000);
    if (until <= now) return;
    if (this.entries.size >= this.size) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(slot(header), { header, principal, until });
  }
}

function unauthorized(reason: string, message: string): HttpError {
  return new HttpError(
    401,
    "invalid-token",
    message,
    { reason },
    {
      "www-authenticate": `Bearer error="invalid_token", error_description="${message.replace(/"/g, "'")}"`,
    },
  );
}

async function authPlugin(app: FastifyInstance, options: AuthPluginOptions): Promise<void> {
  const cache = new TokenCache((options.cacheSeconds ?? 60) * 1000, options.cacheSize ?? 10_000);
  app.decorateRequest("principal", null);

  async function verify(
    request: FastifyRequest,
    header: string,
    token: string,
    now: number,
  ): Promise<Principal> {
    let principal: Principal;
    try {
      principal = await options.verifier.verify(token);
    } catch (err) {
      const e = err instanceof TokenError ? err : new TokenError("malformed", "the token is not a valid JWT");
      request.log.info({ reason: e.reason }, "token refused");
      throw unauthorized(e.reason, e.message);
    }
    // Unresolved group overage is not remembered: the next request asks Graph (through its own cache) again.
    if (!principal.groupsUnresolved) cache.set(header, principal, now);
    request.principal = principal;
    return principal;
  }

  // Only headers that passed the pattern in `authenticate` are ever stored, and each names exactly
  // one token, so a hit needs no parsing.
  const recentPrincipal = (header: string | undefined, now: number): Principal | undefined =>
    header ? cache.get(header, now) : undefined;

  function authenticate(request: FastifyRequest, now = Date.now()): Principal | Promise<Principal> {
    if (request.principal) return request.principal;
    const header = request.headers.authorization;
    if (!header)
      throw unauthorized("missing", "send an Entra ID access token as 'Authorization: Bearer <token>'");
    const principal = recentPrincipal(header, now);
    if (principal !== undefined) {
      request.principal = principal;
      return principal;
    }
    const match = BEARER.exec(header);
    if (!match) throw unauthorized("malformed", "the Authorization header must be 'Bearer <token>'");
    return verify(request, header, match[1], now);
  }

  app.decorate("authenticate", authenticate);
  app.decorate("recentPrincipal", recentPrincipal);
  app.decorate("requireUser", async (request: FastifyRequest) => {
    await authenticate(request);
  });
  app.decorate("requireAdmin", async (request: FastifyRequest) => {
    const principal = await authenticate(request);
    if (!principal.isAdmin)
      throw new HttpError(403, "not-admin", `this needs the '${options.adminRole}' app role in the token`);
  });
}

export default fp(authPlugin, { name: "labelbridge-auth" });
