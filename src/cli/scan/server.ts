/**
 * The backend as the CLI uses it: GET /api/v1/policy (the caller's effective policy) and
 * POST /api/v1/audit (≤ 500 events a batch; ids make a retried batch count once). Every failure
 * says which request, what status, and what the server said.
 */
import { type AuditEvent, auditEventSchema } from "../../core/audit";
import { explainTlsFailure } from "../tls";

export const AUDIT_BATCH_SIZE = 500;
const TIMEOUT_MS = 30_000;

export type FetchLike = (url: string, init?: RequestInit) => Promise<Response>;

export class ServerError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = "ServerError";
  }
}

export function apiUrl(server: string, path: string): string {
  let base: URL;
  try {
    base = new URL(server.endsWith("/") ? server : server + "/");
  } catch {
    throw new ServerError(`--server ${server} is not a URL (for example https://labels.example.com)`, null);
  }
  if (base.protocol !== "https:" && base.protocol !== "http:")
    throw new ServerError(`--server ${server} must be an http(s) URL`, null);
  return new URL(`api/v1/${path}`, base).toString();
}

export async function describeFailure(method: string, url: string, res: Response): Promise<ServerError> {
  let detail = "";
  try {
    const text = (await res.text()).slice(0, 500);
    try {
      const json = JSON.parse(text) as { message?: string; error?: string };
      detail = json.message ?? json.error ?? text;
    } catch {
      detail = text;
    }
  } catch {
    // no body
  }
  const hint =
    res.status === 401
      ? " (the token was refused: check --token or LABELBRIDGE_TOKEN)"
      : res.status === 403
        ? " (the token may not do this)"
        : "";
  return new ServerError(
    `${method} ${url} answered ${res.status}${hint}${detail ? `: ${detail}` : ""}`,
    res.status,
  );
}

export async function request(
  fetchImpl: FetchLike,
  method: string,
  url: string,
  token: string,
  body?: unknown,
): Promise<Response> {
  try {
    return await fetchImpl(url, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        accept: "application/json",
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const reason =
      explainTlsFailure(cause?.code, url) ?? cause?.code ?? cause?.message ?? (err as Error).message;
    throw new ServerError(`${method} ${url} failed: ${reason}`, null);
  }
}

export async function fetchPolicy(
  server: string,
  token: string,
  fetchImpl: FetchLike = fetch,
): Promise<unknown> {
  const url = apiUrl(server, "policy");
  const res = await request(fetchImpl, "GET", url, token);
  if (!res.ok) throw await describeFailure("GET", url, res);
  try {
    return await res.json();
  } catch {
    throw new ServerError(`GET ${url} did not return JSON`, res.status);
  }
}

export interface UploadOptions {
  fetch?: FetchLike;
  /** Waits before the first, second and third retry when the server does not say how long. */
  retryDelaysMs?: readonly number[];
  /** The longest Retry-After the upload waits out; a longer one is a failure that says so. */
  maxRetryAfterMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const sleepFor = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Retry-After as milliseconds (delta-seconds or an HTTP date, RFC 9110 §10.2.3), or null. */
export function retryAfterMs(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * Sends events in batches; retries a batch on network errors, 429 and 5xx (ids keep it idempotent),
 * waiting as long as the server's Retry-After asks (the audit quota says when it has room again).
 */
export async function uploadAudit(
  server: string,
  token: string,
  events: readonly AuditEvent[],
  options: UploadOptions = {},
): Promise<{ sent: number; batches: number }> {
  const { fetch: fetchImpl = fetch, retryDelaysMs = [1000, 3000, 9000], sleep = sleepFor } = options;
  const maxWait = options.maxRetryAfterMs ?? 300_000;
  const url = apiUrl(server, "audit");
  for (const e of events) auditEventSchema.parse(e);
  let batches = 0;
  for (let i = 0; i < events.length; i += AUDIT_BATCH_SIZE) {
    const batch = events.slice(i, i + AUDIT_BATCH_SIZE);
    for (let attempt = 0; ; attempt++) {
      let failure: ServerError;
      let asked: number | null = null;
      try {
        const res = await request(fetchImpl, "POST", url, token, { events: batch });
        if (res.ok) break;
        asked = retryAfterMs(res.headers.get("retry-after"));
        failure = await describeFailure("POST", url, res);
        if (res.status !== 429 && res.status < 500) throw failure;
      } catch (err) {
        if (err instanceof ServerError && err.status !== null && err.status !== 429 && err.status < 500)
          throw err;
        failure = err as ServerError;
      }
      if (attempt >= retryDelaysMs.length) throw failure;
      if (asked !== null && asked > maxWait)
        throw new ServerError(
          `${failure.message} (the server asks to wait ${Math.ceil(asked / 1000)} s, longer than the ${maxWait / 1000} s this upload waits)`,
          failure.status,
        );
      await sleep(asked ?? retryDelaysMs[attempt]);
    }
    batches++;
  }
  return { sent: events.length, batches };
}

/**
 * Sends `events` in order, AUDIT_BATCH_SIZE at a time, reading the next batch only once the one
 * before is stored (a spool of any size is never held whole); `progress.sent` counts what the server
 * took, so a failure can say how far it got.
 */
export async function uploadInBatches(
  events: Iterable<AuditEvent>,
  server: string,
  token: string,
  options: UploadOptions = {},
  progress = { sent: 0 },
): Promise<number> {
  let batch: AuditEvent[] = [];
  const flush = async () => {
    progress.sent += (await uploadAudit(server, token, batch, options)).sent;
    batch = [];
  };
  for (const event of events) {
    batch.push(event);
    if (batch.length === AUDIT_BATCH_SIZE) await flush();
  }
  if (batch.length > 0) await flush();
  return progress.sent;
}
