/**
 * Graph requests as Graph documents them: collections page with `@odata.nextLink` (followed only on
 * Graph's own origin, so the token never leaves it); 429 and 503/504 carry `Retry-After` (seconds),
 * honoured a bounded number of times; a 401 means the token expired or was revoked, so a fresh one
 * is fetched once; anything else is a GraphError saying what happened.
 */
import type { GraphConfig } from "./config";
import { GraphError, graphErrorText } from "./errors";
import type { FetchLike, GraphTokenProvider } from "./token";

export interface GraphClientOptions {
  fetch?: FetchLike;
  /** Waits between retries (tests pass one that records instead of sleeping). */
  sleep?: (ms: number) => Promise<void>;
  /** Retries after 429/503/504 before giving up. */
  maxRetries?: number;
  /** Longest single wait a Retry-After may ask for. */
  maxWaitSeconds?: number;
  /** Pages followed per collection. */
  maxPages?: number;
}

const RETRYABLE = new Set([429, 503, 504]);

function retryAfterSeconds(header: string | null, attempt: number): number {
  const seconds = header === null ? NaN : Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = header === null ? NaN : Date.parse(header);
  if (Number.isFinite(date)) return Math.max(0, (date - Date.now()) / 1000);
  return 2 ** attempt; // no usable header: back off 1, 2, 4… seconds
}

export class GraphClient {
  private readonly fetchImpl: FetchLike;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly maxRetries: number;
  private readonly maxWaitSeconds: number;
  private readonly maxPages: number;
  private readonly origin: string;

  constructor(
    private readonly config: GraphConfig,
    private readonly tokens: GraphTokenProvider,
    options: GraphClientOptions = {},
  ) {
    this.fetchImpl = options.fetch ?? fetch;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.maxRetries = options.maxRetries ?? 4;
    this.maxWaitSeconds = options.maxWaitSeconds ?? 120;
    this.maxPages = options.maxPages ?? 200;
    this.origin = new URL(config.graphUrl).origin;
  }

  /** `/beta/security/…` → the absolute URL under LABELBRIDGE_GRAPH_URL. */
  url(path: string): string {
    return `${this.config.graphUrl}${path}`;
  }

  /** One JSON resource (GET, or POST with a JSON body). */
  async request(
    tenantId: string,
    url: string,
    init: { method?: "GET" | "POST"; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<unknown> {
    let refreshed = false;
    let fresh = false;
    for (let attempt = 0; ; attempt++) {
      const token = await this.tokens.token(tenantId, fresh);
      fresh = false;
      const response = await this.send(url, token, init);
      if (response.status === 401 && !refreshed) {
        refreshed = fresh = true; // the token expired or was revoked: one fresh token, one more try
        await response.body?.cancel();
        continue;
      }
      if (RETRYABLE.has(response.status)) {
        await response.body?.cancel();
        const wait = retryAfterSeconds(response.headers.get("retry-after"), attempt);
        if (attempt >= this.maxRetries || wait > this.maxWaitSeconds)
          throw new GraphError(
            "throttled",
            `Graph answered ${response.status} to ${this.describe(url, init.method)} ${attempt + 1} times (last Retry-After ${wait}s); try again later`,
            response.status,
          );
        await this.sleep(wait * 1000);
        continue;
      }
      return this.read(this.describe(url, init.method), response);
    }
  }

  /** Every item of a collection, following `@odata.nextLink`. */
  async list(tenantId: string, url: string, headers?: Record<string, string>): Promise<unknown[]> {
    const items: unknown[] = [];
    let next: string | undefined = url;
    for (let page = 0; next !== undefined; page++) {
      if (page >= this.maxPages)
        throw new GraphError("bad-response", `${this.describe(url)} had more than ${this.maxPages} pages`);
      const body = (await this.request(tenantId, next, { headers })) as {
        value?: unknown;
        "@odata.nextLink"?: unknown;
      };
      if (!Array.isArray(body?.value))
        throw new GraphError(
          "bad-response",
          `${this.describe(next)} did not answer a collection ({"value": [...]})`,
        );
      items.push(...body.value);
      const link = body["@odata.nextLink"];
      next = typeof link === "string" ? this.sameOrigin(link) : undefined;
    }
    return items;
  }

  private sameOrigin(link: string): string {
    let parsed: URL;
    try {
      parsed = new URL(link);
    } catch {
      throw new GraphError("bad-response", `Graph's @odata.nextLink '${link.slice(0, 200)}' is not a URL`);
    }
    if (parsed.origin !== this.origin)
      throw new GraphError(
        "bad-response",
        `Graph's @odata.nextLink points to ${parsed.origin}, not ${this.origin}; not followed with the app's token`,
      );
    return parsed.href;
  }

  private describe(url: string, method = "GET"): string {
    const path = url.startsWith(this.config.graphUrl) ? url.slice(this.config.graphUrl.length) : url;
    return `${method} ${path.split("?")[0]}`;
  }

  private async send(
    url: string,
    token: string,
    init: { method?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<Response> {
    try {
      return await this.fetchImpl(url, {
        method: init.method ?? "GET",
        headers: {
          authorization: `Bearer ${token}`,
          accept: "application/json",
          ...(init.body !== undefined ? { "content-type": "application/json" } : {}),
          ...init.headers,
        },
        body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
        signal: AbortSignal.timeout(this.config.timeoutMs),
      });
    } catch (err) {
      throw new GraphError(
        "unreachable",
        `Graph did not answer ${this.describe(url, init.method)}: ${(err as Error).message}`,
      );
    }
  }

  private async read(what: string, response: Response): Promise<unknown> {
    const text = await response.text();
    let body: unknown = null;
    try {
      body = text === "" ? null : JSON.parse(text);
    } catch {
      if (response.ok) throw new GraphError("bad-response", `${what} answered something that is not JSON`);
    }
    if (response.ok) return body;
    const detail = graphErrorText(body) || text.slice(0, 200);
    const said = `Graph answered ${response.status} to ${what}${detail ? ` (${detail})` : ""}`;
    if (response.status === 401) throw new GraphError("unauthorized", `${said} even with a fresh token`, 401);
    if (response.status === 403)
      throw new GraphError("forbidden", `${said}: grant the app the permission docs/deploy.md lists`, 403);
    if (response.status === 404) throw new GraphError("not-found", said, 404);
    throw new GraphError(response.status >= 500 ? "unreachable" : "graph-error", said, response.status);
  }
}
