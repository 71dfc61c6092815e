/**
 * The add-in's hot request answered before Fastify's routing: a conditional GET /api/v1/policy
 * whose token was verified recently, within its rate limit, whose policy is fresh here and whose
 * ETag matches — 304, the same headers, no body. Fastify's request and reply objects, its hook
 * runner and its header bookkeeping cost more than everything the route itself does
 * (docs/benchmarks.md, "The 304 path").
 *
 * It answers only what the normal path would answer with nothing but a 304, and it answers it
 * from the same pieces: the API's headers as the app's onRequest hook sets them, the auth plugin's
 * token cache, the user guard's rate-limit count, the policy cache, the route's headers and its
 * If-None-Match test. Anything else goes to Fastify untouched, counting nothing: another method or
 * path (a query string, HEAD), an Origin (CORS), a body, a token not verified recently, a policy to
 * be read, another ETag, a request the guard would refuse or mark, and every request while info
 * lines are written (Fastify writes "incoming request" and "request completed" with its timings)
 * or once the app is closing (Fastify answers 503). It takes a request id as Fastify would, so the
 * ids in later log lines are the ones they would have been.
 * test/server/policyFastPath.test.ts sends a matrix of requests to an app with it and one without
 * and compares every status, header, body and log line.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Principal } from "./auth/principal";
import type { EffectivePolicyResponse } from "./effectivePolicy";
import type { QuietUserGuard } from "./guard";
import { notModified, policyHeaders } from "./routes/policy";

export interface PolicyFastPathParts {
  /** The route's full path, as a request line names it. */
  path: string;
  /** The API's fixed headers, in the order the app's onRequest hook sets them. */
  apiHeaders: readonly (readonly [string, string])[];
  /** The route's Cache-Control. */
  cacheControl: string;
  recentPrincipal: (header: string | undefined, now: number) => Principal | undefined;
  quietUser: QuietUserGuard;
  policy: (principal: Principal) => EffectivePolicyResponse | null | undefined;
  /** True while a request would write a line at info (then Fastify answers). */
  logsRequests: () => boolean;
  /** True once the app has begun closing. */
  closing: () => boolean;
  /** Fastify's request id generator (the same sequence). */
  requestId: (request: IncomingMessage) => string;
}

/** The fast path: true when it has answered, false when Fastify must (nothing done then). */
export type FastPath = (request: IncomingMessage, response: ServerResponse) => boolean;

export function policyFastPath(parts: PolicyFastPathParts): FastPath {
  // One header object per answer, kept as long as the answer is: what Fastify's reply would hold
  // (names lowercased, a later value replacing an earlier one in its place).
  const prebuilt = new WeakMap<EffectivePolicyResponse, Record<string, string>>();
  const headersOf = (policy: EffectivePolicyResponse): Record<string, string> => {
    let headers = prebuilt.get(policy);
    if (headers === undefined) {
      const built: Record<string, string> = {};
      const sink = { header: (name: string, value: string) => (built[name.toLowerCase()] = value) };
      for (const [name, value] of parts.apiHeaders) sink.header(name, value);
      policyHeaders(sink, policy.etag, parts.cacheControl);
      prebuilt.set(policy, built);
      headers = built;
    }
    return headers;
  };

  return (request, response) => {
    if (request.method !== "GET" || request.url !== parts.path) return false;
    const headers = request.headers;
    const ifNoneMatch = headers["if-none-match"];
    if (
      ifNoneMatch === undefined ||
      headers.origin !== undefined ||
      headers["content-length"] !== undefined ||
      headers["transfer-encoding"] !== undefined ||
      parts.logsRequests() ||
      parts.closing()
    )
      return false;
    const now = Date.now();
    const principal = parts.recentPrincipal(headers.authorization, now);
    if (principal === undefined) return false;
    const policy = parts.policy(principal);
    if (!policy || !notModified(ifNoneMatch, policy.etag)) return false;
    // Last: it counts the request, so it runs only for a request answered here.
    if (!parts.quietUser(principal, now)) return false;
    parts.requestId(request);
    // After the parser's turn, as Fastify's answer goes: written inside it, a 304 took several
    // times as long to reach the client (measured with one connection, docs/benchmarks.md).
    process.nextTick(answer, response, headersOf(policy));
    return true;
  };
}

function answer(response: ServerResponse, headers: Record<string, string>): void {
  response.writeHead(304, headers).end();
}

/** Fastify's default request ids (`req-1`, `req-2`, … in base 36, wrapping at 2^31 − 1), shared with the fast path. */
export function requestIds(): () => string {
  let next = 0;
  return () => {
    next = (next + 1) & 2147483647;
    return `req-${next.toString(36)}`;
  };
}
