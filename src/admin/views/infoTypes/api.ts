/** The info-types routes (src/contracts/adminApi.ts): rule package import, which saves a version, and export. */
import type { InfoTypeExportWarningsHeader, InfoTypeImportResponse } from "../../../contracts/adminApi";
import type { ApiClient } from "../../api";

const WARNINGS: InfoTypeExportWarningsHeader = "x-labelbridge-warnings";

/** The package's bytes as they are (UTF-16 or UTF-8: the server decodes them), on the version edited. */
export async function importRulePackage(
  api: ApiClient,
  bytes: ArrayBuffer,
  version: number,
): Promise<InfoTypeImportResponse> {
  const response = await api.request("/admin/info-types/import", {
    method: "POST",
    body: bytes,
    headers: { "content-type": "application/octet-stream", "if-match": `"${version}"` },
  });
  return (await response.json()) as InfoTypeImportResponse;
}

/** The saved types as a rule package (UTF-16LE XML), and what it could not carry. */
export async function exportRulePackage(api: ApiClient): Promise<{ blob: Blob; warnings: string[] }> {
  const response = await api.request("/admin/info-types/export");
  const raw = response.headers.get(WARNINGS);
  const warnings = raw ? (JSON.parse(decodeURIComponent(raw)) as unknown) : [];
  return { blob: await response.blob(), warnings: Array.isArray(warnings) ? warnings.map(String) : [] };
}
