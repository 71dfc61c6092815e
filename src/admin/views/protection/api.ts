/** The protection routes (src/contracts/adminApi.ts): usage report, kept keys, and the KEK re-wrap. */
import type {
  ProtectionKey,
  ProtectionRewrapResult,
  ProtectionUsageReport,
} from "../../../contracts/adminApi";
import type { ApiClient } from "../../api";

export function protectionUsage(api: ApiClient, from: string, to: string): Promise<ProtectionUsageReport> {
  return api.getJson<ProtectionUsageReport>("/reports/protection", new URLSearchParams({ from, to }));
}

/** At most 1000 (the route's limit): the counts per key-encryption key cover those. */
export const KEY_LIST_LIMIT = 1000;

export function protectionKeys(api: ApiClient): Promise<ProtectionKey[]> {
  return api.getJson<ProtectionKey[]>(
    "/admin/protection/keys",
    new URLSearchParams({ limit: String(KEY_LIST_LIMIT) }),
  );
}

export function rewrapKeys(api: ApiClient): Promise<ProtectionRewrapResult> {
  return api.sendJson<ProtectionRewrapResult>("POST", "/admin/protection/rewrap", undefined);
}
