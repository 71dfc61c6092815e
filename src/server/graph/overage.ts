/**
 * A user's transitive group membership from Graph, for tokens whose groups did not fit (group
 * overage): `GET /v1.0/users/{oid}/transitiveMemberOf/microsoft.graph.group?$select=id` — the OData
 * cast keeps only groups and needs `ConsistencyLevel: eventual`; pages of up to 999 follow
 * `@odata.nextLink`. Application permission: User.Read.All (docs/deploy.md).
 *
 * Answers are kept per user for a TTL, in a bounded map (the oldest entry goes first). Users asking
 * at once share one request; a failure is remembered briefly so an outage does not make every
 * request wait for Graph's timeout.
 */
import type { GraphClient } from "./client";

export interface GroupCacheOptions {
  ttlMs: number;
  size: number;
  /** How long a failure is remembered before Graph is asked again. */
  failureMs?: number;
  now?: () => number;
}

type Entry = { groups: string[]; until: number } | { error: unknown; until: number };

export class GroupResolver {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<string[]>>();
  private readonly now: () => number;
  private readonly failureMs: number;

  constructor(
    private readonly client: GraphClient,
    private readonly options: GroupCacheOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.failureMs = options.failureMs ?? Math.min(30_000, options.ttlMs);
  }

  /** The user's group ids; throws (GraphError) when Graph cannot say. */
  groups(tenantId: string, userId: string): Promise<string[]> {
    const key = `${tenantId}/${userId}`;
    const hit = this.entries.get(key);
    if (hit && hit.until > this.now())
      return "groups" in hit ? Promise.resolve(hit.groups) : Promise.reject(hit.error);
    let pending = this.pending.get(key);
    if (!pending) {
      pending = this.fetch(tenantId, userId).then(
        (groups) => {
          this.remember(key, { groups, until: this.now() + this.options.ttlMs });
          return groups;
        },
        (error: unknown) => {
          this.remember(key, { error, until: this.now() + this.failureMs });
          throw error;
        },
      );
      const settled = pending.finally(() => this.pending.delete(key));
      settled.catch(() => undefined);
      this.pending.set(key, pending);
    }
    return pending;
  }

  get size(): number {
    return this.entries.size;
  }

  private remember(key: string, entry: Entry): void {
    if (this.options.ttlMs <= 0) return;
    this.entries.delete(key);
    while (this.entries.size >= this.options.size) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    this.entries.set(key, entry);
  }

  private async fetch(tenantId: string, userId: string): Promise<string[]> {
    const url = this.client.url(
      `/v1.0/users/${encodeURIComponent(userId)}/transitiveMemberOf/microsoft.graph.group?$select=id&$top=999`,
    );
    const items = await this.client.list(tenantId, url, { consistencylevel: "eventual" });
    return items
      .map((g) => (typeof g === "object" && g !== null ? (g as { id?: unknown }).id : undefined))
      .filter((id): id is string => typeof id === "string")
      .map((id) => id.toLowerCase());
  }
}
