/** The Graph sync routes (src/contracts/adminApi.ts): its status, a dry run, and a sync that applies. */
import type { GraphSyncResult, GraphSyncStatus } from "../../../contracts/adminApi";
import type { ApiClient } from "../../api";

export function graphStatus(api: ApiClient): Promise<GraphSyncStatus> {
  return api.getJson<GraphSyncStatus>("/admin/graph/status");
}

/** `dryRun`: answers what would change and applies nothing. */
export function graphSync(api: ApiClient, dryRun: boolean): Promise<GraphSyncResult> {
  return api.sendJson<GraphSyncResult>("POST", `/admin/graph/sync${dryRun ? "?dryRun=true" : ""}`, undefined);
}
