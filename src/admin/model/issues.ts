/** Where a validation issue belongs in the console: which label or policy, and which field. */
import type { PolicyIssue, TenantPolicy } from "../../core/policy";
import { isWithin, parsePath } from "./paths";

export type IssueOwner =
  | { kind: "label"; index: number }
  | { kind: "policy"; index: number }
  | { kind: "mapping"; index: number }
  | { kind: "infoType"; index: number }
  | { kind: "tenant" };

export function ownerOf(path: string): IssueOwner {
  const [head, index] = parsePath(path);
  if (head === "labels" && typeof index === "number") return { kind: "label", index };
  if (head === "policies" && typeof index === "number") return { kind: "policy", index };
  if (head === "labelMappings" && typeof index === "number") return { kind: "mapping", index };
  if (head === "infoTypes" && typeof index === "number") return { kind: "infoType", index };
  return { kind: "tenant" };
}

/** Issues at `path` exactly, or also inside it with `within`. */
export function issuesAt(issues: readonly PolicyIssue[], path: string, within = false): PolicyIssue[] {
  return issues.filter((i) => (within ? isWithin(i.path, path) : i.path === path));
}

/** The message to show at a field: every issue's message, one per line, without the path. */
export function messageAt(issues: readonly PolicyIssue[], path: string, within = false): string | undefined {
  const found = issuesAt(issues, path, within);
  if (found.length === 0) return undefined;
  return found
    .map((i) => {
      // Marking issues spell their path into the message; at the field it is noise.
      const message = i.message.startsWith(`${i.path}: `) ? i.message.slice(i.path.length + 2) : i.message;
      return i.path === path ? message : `${i.path.slice(path.length).replace(/^\./, "")}: ${message}`;
    })
    .join("\n");
}

export function countByOwner(issues: readonly PolicyIssue[]): {
  labels: number;
  policies: number;
  mappings: number;
  infoTypes: number;
  tenant: number;
} {
  const out = { labels: 0, policies: 0, mappings: 0, infoTypes: 0, tenant: 0 };
  for (const i of issues) {
    const o = ownerOf(i.path);
    if (o.kind === "label") out.labels++;
    else if (o.kind === "policy") out.policies++;
    else if (o.kind === "mapping") out.mappings++;
    else if (o.kind === "infoType") out.infoTypes++;
    else out.tenant++;
  }
  return out;
}

/** `labels[2].tooltip` → `General › tooltip`: the issue list names what the admin sees. */
export function describePath(path: string, doc: TenantPolicy): string {
  const owner = ownerOf(path);
  const rest = path.replace(/^(labels|policies|labelMappings|infoTypes)\[\d+\]\.?/, "");
  if (owner.kind === "mapping" && doc.labelMappings?.[owner.index]) {
    const name = `Label mapping ${owner.index + 1}`;
    return rest === "" ? name : `${name} › ${rest}`;
  }
  const name =
    owner.kind === "label"
      ? doc.labels[owner.index]?.displayName
      : owner.kind === "policy"
        ? doc.policies[owner.index]?.name
        : owner.kind === "infoType"
          ? doc.infoTypes?.[owner.index]?.name
          : undefined;
  if (name === undefined) return path;
  return rest === "" ? name : `${name} › ${rest}`;
}
