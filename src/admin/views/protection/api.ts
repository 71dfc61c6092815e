/** The protection routes (src/contracts/adminApi.ts): usage report, kept keys, KEK status and re-wrap. */
import type {
  ProtectionKekStatus,
  ProtectionRewrapResult,
  ProtectionUsageReport,
} from "../../../contracts/adminApi";
import type { ApiClient } from "../../api";

export function protectionUsage(api: ApiClient, from: string, to: string): Promise<ProtectionUsageReport> {
  return api.getJson<ProtectionUsageReport>("/reports/protection", new URLSearchParams({ from, to }));
}

export function kekStatus(api: ApiClient): Promise<ProtectionKekStatus> {
  return api.getJson<ProtectionKekStatus>("/admin/protection/keks");
}

export function rewrapKeys(api: ApiClient): Promise<ProtectionRewrapResult> {
  return api.sendJson<ProtectionRewrapResult>("POST", "/admin/protection/rewrap", undefined);
}
