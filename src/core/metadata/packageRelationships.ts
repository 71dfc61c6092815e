/**
 * The package relationships part (`_rels/.rels`) of an Office file, read only to find a part by its
 * relationship type — how Office finds LabelInfo.xml (MS-OFFCRYPTO 2.6.3), wherever the writer put
 * it. Pure, for readers that hold the package bytes themselves (the add-in reads the open document
 * with `getFileAsync`; the CLI has its own OPC layer and shares target resolution).
 */
import { attributeValue, childElements, parseXmlPart } from "./xml";

export const PACKAGE_RELATIONSHIPS_PART = "_rels/.rels";
const RELATIONSHIPS_NAMESPACE = "http://schemas.openxmlformats.org/package/2006/relationships";

/**
 * A relationship target resolved against its source part (`""` = the package), as a zip entry name
 * (no leading slash); null when it leaves the package. The CLI's OPC layer resolves part
 * relationships with it too.
 */
export function resolvePartTarget(sourcePart: string, target: string): string | null {
  let t = target.split("#")[0];
  try {
    t = decodeURIComponent(t);
  } catch {
    // not percent-encoded after all: keep it as written
  }
  const segments = t.startsWith("/") ? [] : sourcePart.replace(/^\//, "").split("/").slice(0, -1);
  for (const s of t.replace(/^\//, "").split("/")) {
    if (s === "" || s === ".") continue;
    if (s === "..") {
      if (segments.length === 0) return null;
      segments.pop();
    } else segments.push(s);
  }
  return segments.length > 0 ? segments.join("/") : null;
}

/** A package-level target as a zip entry name (no leading slash); null when it leaves the package. */
export function resolvePackageTarget(target: string): string | null {
  return resolvePartTarget("", target);
}

/**
 * The first internal target of the given relationship type in `_rels/.rels`, as a zip entry name;
 * null when the package has no such relationship. Throws MetadataFormatError on a broken part.
 */
export function packageRelationshipTarget(relsXml: string, type: string): string | null {
  const root = parseXmlPart(relsXml, PACKAGE_RELATIONSHIPS_PART).root;
  for (const rel of childElements(root)) {
    if (rel.local !== "Relationship" || rel.namespace !== RELATIONSHIPS_NAMESPACE) continue;
    if (attributeValue(rel, "Type") !== type || attributeValue(rel, "TargetMode") === "External") continue;
    const target = attributeValue(rel, "Target");
    const resolved = target === undefined ? null : resolvePackageTarget(target);
    if (resolved !== null) return resolved;
  }
  return null;
}
