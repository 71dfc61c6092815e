/**
 * The console's only door to the backend: same-origin fetch with the admin's bearer token. Errors
 * come back as `ApiError` carrying the server's `{code, message, ...details}` so views can show the
 * message as written (it names the field, the version, who saved it).
 */
import type { PolicyIssue, TenantPolicy } from "../../../core/policy";
import type { ConsoleReport } from "../reportTypes";

export interface VersionSummary {
  version: number;
  basedOn: number | null;
  kind: string;
  actor: { id: string; name: string | null };
  createdAt: string;
}

export interface VersionDetail extends VersionSummary {
  before: TenantPolicy | null;
  after: TenantPolicy;
}

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
    readonly body: Record<string, unknown>,
  ) {
    super(message);
    this.name = "ApiError";
  }

  get issues(): PolicyIssue[] {
    const issues = this.body.issues;
    return Array.isArray(issues) ? (issues as PolicyIssue[]) : [];
  }

  get currentVersion(): number | null {
    return typeof this.body.currentVersion === "number" ? this.body.currentVersion : null;
  }
}

export interface ReportQuery {
  from: string;
  to: string;
  labelId?: string;
  group?: string;
}

export function versionOf(etag: string | null): number {
  const m = /^(?:W\/)?"(\d+)"$/.exec(etag ?? "");
  if (!m) throw new ApiError(0, "no-etag", "the server sent no version (ETag)", {});
  return Number(m[1]);
}

export class ApiClient {
  constructor(
    private readonly base: string,
    private readonly token: () => string | null,
    /** Called on 401 so the console can ask for a new sign-in without losing the draft. */
    private readonly onUnauthorized: (error: ApiError) => void = () => undefined,
  ) {}

  private async request(path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
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
    let parsed: Record<string, unknown> = {};
    try {
      parsed = (await response.json()) as Record<string, unknown>;
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

  private async versioned<T>(response: Response): Promise<Versioned<T>> {
    return {
      version: versionOf(response.headers.get("etag")),
      body: (await response.json()) as T,
      lastModified: response.headers.get("last-modified"),
    };
  }

  async getPolicy(): Promise<Versioned<TenantPolicy>> {
    return this.versioned(await this.request("/admin/policy"));
  }

  async putPolicy(document: unknown, version: number): Promise<Versioned<TenantPolicy>> {
    return this.versioned(
      await this.request("/admin/policy", {
        method: "PUT",
        json: document,
        headers: { "if-match": `"${version}"` },
      }),
    );
  }

  /** The tenant's first configuration (If-None-Match: *): refused with 412 if one appeared meanwhile. */
  async createPolicy(document: unknown): Promise<Versioned<TenantPolicy>> {
    return this.versioned(
      await this.request("/admin/policy", {
        method: "PUT",
        json: document,
        headers: { "if-none-match": "*" },
      }),
    );
  }

  async versions(before?: number): Promise<VersionSummary[]> {
    const q = new URLSearchParams({ limit: "100" });
    if (before !== undefined) q.set("before", String(before));
    const r = await this.request(`/admin/policy/versions?${q}`);
    return ((await r.json()) as { versions: VersionSummary[] }).versions;
  }

  async version(version: number): Promise<VersionDetail> {
    return (await (await this.request(`/admin/policy/versions/${version}`)).json()) as VersionDetail;
  }

  async rollback(version: number, current: number): Promise<number> {
    const r = await this.request("/admin/policy/rollback", {
      method: "POST",
      json: { version },
      headers: { "if-match": `"${current}"` },
    });
    return versionOf(r.headers.get("etag"));
  }

  async importGraph(body: unknown, current: number): Promise<{ version: number; warnings: string[] }> {
    const r = await this.request("/admin/graph/import", {
      method: "POST",
      json: body,
      headers: { "if-match": `"${current}"` },
    });
    const json = (await r.json()) as { version: number; warnings?: unknown };
    return { version: json.version, warnings: Array.isArray(json.warnings) ? json.warnings.map(String) : [] };
  }

  async exportGraph(policyId?: string): Promise<unknown> {
    const q = policyId ? `?${new URLSearchParams({ policyId })}` : "";
    return (await this.request(`/admin/graph/export${q}`)).json();
  }

  async report(query: ReportQuery): Promise<ConsoleReport> {
    const q = new URLSearchParams({ from: query.from, to: query.to });
    if (query.labelId) q.set("labelId", query.labelId);
    if (query.group) q.set("group", query.group);
    return (await (await this.request(`/reports/console?${q}`)).json()) as ConsoleReport;
  }
}
