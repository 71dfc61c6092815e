/**
 * The console's only door to the backend: same-origin fetch with the admin's bearer token. Errors
 * come back as `ApiError` carrying the server's `{code, message, ...details}` so views can show the
 * message as written (it names the field, the version, who saved it). What each route sends and
 * answers is in src/contracts/adminApi.ts, which the server's routes import too.
 *
 * A new view with routes of its own calls `getJson`/`sendJson` from a small `api.ts` in its folder.
 */
import type {
  ApiErrorBody,
  ConsoleReport,
  GraphExport,
  GraphImportResponse,
  PolicyIssue,
  ReportQuery,
  RollbackRequest,
  TenantPolicy,
  VersionDetail,
  VersionList,
  VersionSummary,
} from "../contracts/adminApi";

export interface Versioned<T> {
  version: number;
  body: T;
  lastModified: string | null;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: Partial<ApiErrorBody>,
  ) {
    super(message);
    this.name = "ApiError";
  }

  get issues(): PolicyIssue[] {
    const issues = this.body.issues;
    return Array.isArray(issues) ? issues : [];
  }

  get currentVersion(): number | null {
    return typeof this.body.currentVersion === "number" ? this.body.currentVersion : null;
  }
}

export function versionOf(etag: string | null): number {
  const m = /^(?:W\/)?"(\d+)"$/.exec(etag ?? "");
  if (!m) throw new ApiError(0, "no-etag", "the server sent no version (ETag)", {});
  return Number(m[1]);
}

/** A write's precondition: the version edited, or "there is none yet". */
type Precondition = { version: number } | "create";

function preconditionHeaders(pre: Precondition): Record<string, string> {
  return pre === "create" ? { "if-none-match": "*" } : { "if-match": `"${pre.version}"` };
}

export class ApiClient {
  constructor(
    private readonly base: string,
    private readonly token: () => string | null,
    /** Called on 401 so the console can ask for a new sign-in without losing the draft. */
    private readonly onUnauthorized: (error: ApiError) => void = () => undefined,
  ) {}

  async request(path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const token = this.token();
    if (token) headers.set("authorization", `Bearer ${token}`);
    let body = init.body;
    if (init.json !== undefined) {
      headers.set("content-type", "application/json");
      body = JSON.stringify(init.json);
    }
    let response: Response;
    try {
      response = await fetch(`${this.base}${path}`, { ...init, headers, body, cache: "no-store" });
    } catch (err) {
      throw new ApiError(0, "network", `the server could not be reached: ${(err as Error).message}`, {});
    }
    if (response.ok) return response;
    let parsed: Partial<ApiErrorBody> = {};
    try {
      parsed = (await response.json()) as Partial<ApiErrorBody>;
    } catch {
      parsed = {};
    }
    const error = new ApiError(
      response.status,
      typeof parsed.code === "string" ? parsed.code : `http-${response.status}`,
      typeof parsed.message === "string" ? parsed.message : `${response.status} ${response.statusText}`,
      parsed,
    );
    if (response.status === 401) this.onUnauthorized(error);
    throw error;
  }

  /** GET `path` (with a query) and read its JSON as `T`, the type the contract gives that route. */
  async getJson<T>(path: string, query?: URLSearchParams): Promise<T> {
    const q = query && [...query.keys()].length > 0 ? `?${query}` : "";
    return (await (await this.request(`${path}${q}`)).json()) as T;
  }

  /** POST/PUT/PATCH/DELETE `json` to `path`; the answer's JSON as `T`. */
  async sendJson<T>(method: string, path: string, json: unknown, headers?: HeadersInit): Promise<T> {
    return (await (await this.request(path, { method, json, headers })).json()) as T;
  }

  private async versioned<T>(response: Response): Promise<Versioned<T>> {
    return {
      version: versionOf(response.headers.get("etag")),
      body: (await response.json()) as T,
      lastModified: response.headers.get("last-modified"),
    };
  }

  private async writePolicy(document: TenantPolicy, pre: Precondition): Promise<Versioned<TenantPolicy>> {
    const headers = preconditionHeaders(pre);
    return this.versioned(await this.request("/admin/policy", { method: "PUT", json: document, headers }));
  }

  async getPolicy(): Promise<Versioned<TenantPolicy>> {
    return this.versioned(await this.request("/admin/policy"));
  }

  async putPolicy(document: TenantPolicy, version: number): Promise<Versioned<TenantPolicy>> {
    return this.writePolicy(document, { version });
  }

  /** The tenant's first configuration (If-None-Match: *): refused with 412 if one appeared meanwhile. */
  async createPolicy(document: TenantPolicy): Promise<Versioned<TenantPolicy>> {
    return this.writePolicy(document, "create");
  }

  async versions(before?: number): Promise<VersionSummary[]> {
    const q = new URLSearchParams({ limit: "100" });
    if (before !== undefined) q.set("before", String(before));
    return (await this.getJson<VersionList>("/admin/policy/versions", q)).versions;
  }

  async version(version: number): Promise<VersionDetail> {
    return this.getJson<VersionDetail>(`/admin/policy/versions/${version}`);
  }

  async rollback(version: number, current: number): Promise<number> {
    const json: RollbackRequest = { version };
    const r = await this.request("/admin/policy/rollback", {
      method: "POST",
      json,
      headers: preconditionHeaders({ version: current }),
    });
    return versionOf(r.headers.get("etag"));
  }

  /** `body` is what the admin pasted (meant to be a GraphImportRequest): the server says what is wrong. */
  async importGraph(body: unknown, current: number): Promise<{ version: number; warnings: string[] }> {
    const headers = preconditionHeaders({ version: current });
    const json = await this.sendJson<GraphImportResponse>("POST", "/admin/graph/import", body, headers);
    return { version: json.version, warnings: Array.isArray(json.warnings) ? json.warnings.map(String) : [] };
  }

  async exportGraph(policyId?: string): Promise<GraphExport> {
    return this.getJson<GraphExport>(
      "/admin/graph/export",
      new URLSearchParams(policyId ? { policyId } : {}),
    );
  }

  async report(query: ReportQuery): Promise<ConsoleReport> {
    const q = new URLSearchParams({ from: query.from, to: query.to });
    if (query.labelId) q.set("labelId", query.labelId);
    if (query.group) q.set("group", query.group);
    return this.getJson<ConsoleReport>("/reports/console", q);
  }
}
