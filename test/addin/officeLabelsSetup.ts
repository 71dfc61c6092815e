/**
 * Real Office files for the add-in's tests of labels Office applied (test/fixtures/real-labels):
 * their bytes feed the fake hosts' getFileAsync, their custom properties the fake documents'
 * Office.js properties, and the tenants in them the policies — a tenant that synced Microsoft's own
 * labels, whose "General" (f42aa342…) Office wrote into LabelInfo.xml.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { readCustomProperties } from "../../src/core/metadata";
import {
  resolveEffectivePolicy,
  tenantPolicySchema,
  type EffectivePolicy,
  type LabelMapping,
  type PolicySettings,
} from "../../src/core/policy";
import { L, tenantWith } from "../support/policyFixtures";

const OFFICE = join(__dirname, "..", "fixtures", "real-labels", "office");

/** markitdown__rlink.docx and malformed_uri.xlsx: Microsoft's tenant and its "General" label. */
export const MS_TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
export const MS_GENERAL = "f42aa342-8706-4288-bd11-ebb85995028c";
/** tika__testWORD_docSecurity.docx: another tenant's "Not Protected_2", in custom properties. */
export const TIKA_TENANT = "61e6eeb3-5fd7-4aaa-ae3c-61e8deb09b79";
export const TIKA_LABEL = "03ef5274-90b8-4b3f-8a76-b4c36a43e904";

export const FILES = {
  /** LabelInfo.xml only: Microsoft's General, Method Standard. */
  labelInfoDocx: "markitdown__rlink.docx",
  /** Custom properties only, another tenant. */
  customPropertiesDocx: "tika__testWORD_docSecurity.docx",
  /** LabelInfo.xml with a removal record for Microsoft's tenant. */
  removedXlsx: "officedev-addin-samples__SalesTemplate.xlsx",
  /** Custom properties of the AIP client era (Microsoft's General). */
  aipXlsx: "openxmlsdk__malformed_uri.xlsx",
  /** A Titus classification, no sensitivity label (a PowerPoint file). */
  titusPptx: "negative/poi__60810.pptx",
} as const;

export function fileBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(OFFICE, name)));
}

/** The file's custom properties as Office.js shows them (what the fake document is given). */
export function fileProperties(name: string): Record<string, string> {
  const files = unzipSync(fileBytes(name), { filter: (f) => f.name === "docProps/custom.xml" });
  const xml = files["docProps/custom.xml"];
  if (!xml) return {};
  return Object.fromEntries(readCustomProperties(strFromU8(xml)).map((p) => [p.name, p.value]));
}

/**
 * The default tenant as if it were Microsoft's: its id is 72f988bf…, and its "General" label has
 * Microsoft's GUID, so the real files' labels are this tenant's own.
 */
export function microsoftPolicy(
  settings: Partial<PolicySettings> = {},
  extra: { labelMappings?: LabelMapping[]; labelStorage?: "auto" | "customProperties" | "labelInfo" } = {},
): EffectivePolicy {
  const tenant = tenantWith(settings);
  const text = JSON.stringify({ ...tenant, siteId: MS_TENANT, ...extra })
    .split(L.general)
    .join(MS_GENERAL);
  return resolveEffectivePolicy(tenantPolicySchema.parse(JSON.parse(text)), { id: "user-1", groups: [] });
}

/** The default tenant (b07492d7…) with label mappings. */
export function mappedPolicy(
  labelMappings: LabelMapping[],
  settings: Partial<PolicySettings> = {},
): EffectivePolicy {
  return resolveEffectivePolicy(tenantPolicySchema.parse({ ...tenantWith(settings), labelMappings }), {
    id: "user-1",
    groups: [],
  });
}
