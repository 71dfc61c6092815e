/**
 * The onRequest hook of the user and admin routes: authenticate (401), check the role (403), count
 * the request against the user's rate limit (429). A callback hook, so a caller whose token was
 * verified recently passes without a promise; preflights were answered by CORS before this runs.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from "fastify";
import type { Principal } from "./auth/principal";
import { GROUPS_HEADER } from "./auth/groups";
import { HttpError } from "./errors";
import type { RateLimiter } from "./rateLimit";

export type Guard = (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => void;

/**
 * The user guard for a caller already authenticated, when it would only count the request: true
 * after counting it exactly as `user` does; false, counting nothing, when `user` would do more
 * (refuse it, or add a header), so the caller leaves the request to `user`.
 */
export type QuietUserGuard = (principal: Principal, now: number) => boolean;

export function guards(
  app: FastifyInstance,
  limiter: RateLimiter,
  adminRole: string,
): { user: Guard; admin: Guard; quietUser: QuietUserGuard } {
  // One key string per verified token: V8 keeps a string's hash, so the limiter's lookup is not a
  // fresh hash of a fresh string on every request.
  const limitKeys = new WeakMap<Principal, string>();
  const limitKey = (principal: Principal): string => {
    let key = limitKeys.get(principal);
    if (key === undefined) {
      key = `${principal.tenantId}:${principal.userId}`;
      limitKeys.set(principal, key);
    }
    return key;
  };

  const guard = (needsAdmin: boolean): Guard => {
    const admit = (principal: Principal, now: number, reply: FastifyReply, done: HookHandlerDoneFunction) => {
      if (principal.groupsUnresolved) reply.header(GROUPS_HEADER, "unresolved");
      if (needsAdmin && !principal.isAdmin)
        return done(new HttpError(403, "not-admin", `this needs the '${adminRole}' app role in the token`));
      try {
        limiter.take(limitKey(principal), now);
      } catch (err) {
        return done(err as HttpError);
      }
      done();
    };
    const guardHook: Guard = (request, reply, done) => {
      // One clock read for the token's expiry and the rate-limit window.
      const now = Date.now();
      let principal: Principal | Promise<Principal>;
      try {
        principal = app.authenticate(request, now);
      } catch (err) {
        return done(err as HttpError);
      }
      if (principal instanceof Promise) principal.then((p) => admit(p, now, reply, done), done);
      else admit(principal, now, reply, done);
    };
    return guardHook;
  };
  const quietUser: QuietUserGuard = (principal, now) => {
    if (principal.groupsUnresolved) return false;
    const key = limitKey(principal);
    if (!limiter.allows(key, now)) return false;
    limiter.take(key, now);
    return true;
  };
  return { user: guard(false), admin: guard(true), quietUser };
}
