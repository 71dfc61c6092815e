/**
 * Authentication as a Fastify plugin: `request.principal` and the two guards routes use. Verified
 * tokens are remembered briefly (jose verifies ~5k RS256 tokens/s per core; tooling.md), keyed by
 * the whole token and never past its expiry, so a cache hit proves no less than a verification.
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

class TokenCache {
  private readonly entries = new Map<string, { principal: Principal; until: number }>();
  constructor(
    private readonly ttlMs: number,
    private readonly size: number,
  ) {}

  get(token: string, now: number): Principal | undefined {
    const hit = this.entries.get(token);
    if (!hit) return undefined;
    if (hit.until <= now) {
      this.entries.delete(token);
      return undefined;
    }
    return hit.principal;
  }

  set(token: string, principal: Principal, now: number): void {
    if (this.ttlMs <= 0) return;
    const until = Math.min(now + this.ttlMs, principal.expiresAt * 1000);
    if (until <= now) return;
    if (this.entries.size >= this.size) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(token, { principal, until });
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

  async function authenticate(request: FastifyRequest): Promise<Principal> {
    if (request.principal) return request.principal;
    const header = request.headers.authorization;
    if (!header)
      throw unauthorized("missing", "send an Entra ID access token as 'Authorization: Bearer <token>'");
    const match = BEARER.exec(header);
    if (!match) throw unauthorized("malformed", "the Authorization header must be 'Bearer <token>'");
    const token = match[1];
    const now = Date.now();
    let principal = cache.get(token, now);
    if (!principal) {
      try {
        principal = await options.verifier.verify(token);
      } catch (err) {
        const e =
          err instanceof TokenError ? err : new TokenError("malformed", "the token is not a valid JWT");
        request.log.info({ reason: e.reason }, "token refused");
        throw unauthorized(e.reason, e.message);
      }
      cache.set(token, principal, now);
    }
    request.principal = principal;
    return principal;
  }

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
