/**
 * Validation of a tenant's label configuration: the schema first, then the referential rules a schema
 * cannot express. Every issue names the JSON path and the rule so an admin can find the field, e.g.
 * `policies[2].settings.defaultMailLabel: label 7f3c1a2b… is a parent with sublabels and cannot be applied`.
 */
import type { ZodIssue } from "zod";
import { shortId } from "./ids";
import { tenantPolicySchema, type Label, type TenantPolicy } from "./model";
import { formatPath } from "./path";
import { validateLabelMarking } from "./markingRules";
import { checkLabelMappings } from "./mapping";
import { checkPurviewSync } from "./purview";
import { checkInfoTypes } from "./infoTypes";
import { validateEpmsSelectable } from "../marking/epmsRules";
import { validateNzMarking } from "../marking/nz";
import { SENSITIVE_INFO_TYPES } from "../detect/catalog";
import { labelProtectionIssues } from "./protection";

export interface PolicyIssue {
  /** JSON path, e.g. `policies[2].settings.defaultMailLabel`. */
  path: string;
  /** Machine-readable rule name, e.g. `parent-not-appliable`. */
  rule: string;
  message: string;
}

export type ValidationResult =
  { ok: true; value: TenantPolicy; issues: [] } | { ok: false; issues: PolicyIssue[] };

export class PolicyValidationError extends Error {
  constructor(readonly issues: PolicyIssue[]) {
    super(issues.map(formatIssue).join("\n"));
    this.name = "PolicyValidationError";
  }
}

export function formatIssue(issue: PolicyIssue): string {
  return `${issue.path}: ${issue.message}`;
}

function fromZod(issue: ZodIssue): PolicyIssue {
  let message = issue.message;
  if (issue.code === "invalid_type") {
    message =
      issue.received === "undefined"
        ? `is required (${issue.expected})`
        : `must be ${issue.expected}, got ${issue.received}`;
  } else if (issue.code === "unrecognized_keys") {
    message = `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `'${k}'`).join(", ")}`;
  }
  return { path: formatPath(issue.path), rule: `schema.${issue.code}`, message };
}

/** Parses and checks a tenant configuration. Never throws on bad input; returns every issue found. */
export function validateTenantPolicy(input: unknown): ValidationResult {
  const parsed = tenantPolicySchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.map(fromZod) };
  const issues = checkReferences(parsed.data);
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: parsed.data, issues: [] };
}

/** Like validateTenantPolicy, for callers that want an exception carrying the issues. */
export function parseTenantPolicy(input: unknown): TenantPolicy {
  const result = validateTenantPolicy(input);
  if (!result.ok) throw new PolicyValidationError(result.issues);
  return result.value;
}

const PROFILE_MARKING: Partial<Record<string, { field: "protectiveMarking" | "nzMarking"; rule: string }>> = {
  "au-epms": { field: "protectiveMarking", rule: "epms-marking-missing" },
  "nz-gov": { field: "nzMarking", rule: "nz-marking-missing" },
};

function checkReferences(tenant: TenantPolicy): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  const add = (path: string, rule: string, message: string): void => {
    issues.push({ path, rule, message });
  };

  const byId = new Map<string, Label>();
  const parentsWithChildren = new Set<string>();
  const names = new Map<string, number>();
  const orders = new Map<number, number>();

  tenant.labels.forEach((label, i) => {
    if (byId.has(label.id)) add(`labels[${i}].id`, "duplicate-id", `label id ${label.id} is used twice`);
    else byId.set(label.id, label);
    const lower = label.name.toLowerCase();
    if (names.has(lower))
      add(
        `labels[${i}].name`,
        "duplicate-name",
        `name '${label.name}' is already used by labels[${names.get(lower)}]`,
      );
    else names.set(lower, i);
    if (orders.has(label.sensitivity))
      add(
        `labels[${i}].sensitivity`,
        "duplicate-order",
        `sensitivity ${label.sensitivity} is already used by labels[${orders.get(label.sensitivity)}]; the order must be unambiguous`,
      );
    else orders.set(label.sensitivity, i);
  });

  tenant.labels.forEach((label, i) => {
    if (label.parentId === null) return;
    if (label.parentId === label.id) {
      add(`labels[${i}].parentId`, "cycle", `label ${shortId(label.id)} cannot be its own parent`);
      return;
    }
    const parent = byId.get(label.parentId);
    if (!parent) {
      add(`labels[${i}].parentId`, "unknown-label", `parent label ${label.parentId} does not exist`);
      return;
    }
    // Walk up to detect cycles before complaining about depth, so a loop is named as a loop.
    const seen = new Set([label.id]);
    let cursor: Label | undefined = parent;
    while (cursor && cursor.parentId !== null) {
      if (seen.has(cursor.id)) break;
      seen.add(cursor.id);
      cursor = byId.get(cursor.parentId);
    }
    if (cursor && seen.has(cursor.id) && cursor.parentId !== null) {
      add(
        `labels[${i}].parentId`,
        "cycle",
        `parent chain of label ${shortId(label.id)} loops back on itself`,
      );
      return;
    }
    if (parent.parentId !== null) {
      add(
        `labels[${i}].parentId`,
        "nesting-depth",
        `label ${shortId(parent.id)} is itself a sublabel; sublabels cannot have sublabels`,
      );
      return;
    }
    parentsWithChildren.add(parent.id);
  });

  const builtInTypes = new Set(SENSITIVE_INFO_TYPES.map((t) => t.id));
  for (const issue of checkInfoTypes(tenant.infoTypes, builtInTypes))
    add(`infoTypes${issue.path}`, issue.rule, issue.message);
  const knownTypes = new Set([...builtInTypes, ...tenant.infoTypes.map((t) => t.id)]);

  tenant.labels.forEach((label, i) => {
    issues.push(...validateLabelMarking(label, `labels[${i}]`));
    if (label.protectiveMarking)
      for (const issue of validateEpmsSelectable(label.protectiveMarking, `labels[${i}].protectiveMarking`))
        add(issue.path, issue.rule, issue.message);
    if (label.nzMarking)
      for (const issue of validateNzMarking(label.nzMarking, `labels[${i}].nzMarking`))
        add(issue.path, issue.rule, issue.message);
    issues.push(...labelProtectionIssues(label, `labels[${i}]`));
    label.conditions.forEach((c, j) => {
      if (!knownTypes.has(c.sitId))
        add(
          `labels[${i}].conditions[${j}].sitId`,
          "unknown-info-type",
          `${c.sitId} is neither a built-in nor one of infoTypes`,
        );
      if (parentsWithChildren.has(label.id))
        add(
          `labels[${i}].conditions[${j}]`,
          "parent-not-appliable",
          `label ${shortId(label.id)} is a parent with sublabels; put the condition on a sublabel`,
        );
    });
  });

  const appliable = (id: string, path: string, kind?: "email" | "file", policyLabels?: Set<string>): void => {
    const label = byId.get(id);
    if (!label) return add(path, "unknown-label", `label ${id} does not exist`);
    if (parentsWithChildren.has(id))
      return add(
        path,
        "parent-not-appliable",
        `label ${shortId(id)} is a parent with sublabels and cannot be applied`,
      );
    if (!label.isActive) return add(path, "inactive-label", `label ${shortId(id)} is not active`);
    if (kind && !label.applicableTo.includes(kind))
      return add(
        path,
        "not-applicable",
        `label ${shortId(id)} does not apply to ${kind === "email" ? "mail" : "files"}`,
      );
    if (policyLabels && !policyLabels.has(id))
      return add(
        path,
        "not-published",
        `label ${shortId(id)} is not published by this policy; add it to the policy's labels`,
      );
  };

  const policyIds = new Set<string>();
  const priorities = new Map<number, number>();
  tenant.policies.forEach((policy, p) => {
    const at = `policies[${p}]`;
    if (policyIds.has(policy.id)) add(`${at}.id`, "duplicate-id", `policy id ${policy.id} is used twice`);
    policyIds.add(policy.id);
    if (priorities.has(policy.priority))
      add(
        `${at}.priority`,
        "duplicate-priority",
        `priority ${policy.priority} is already used by policies[${priorities.get(policy.priority)}]`,
      );
    else priorities.set(policy.priority, p);
    if (!policy.scope.everyone && policy.scope.users.length === 0 && policy.scope.groups.length === 0)
      add(`${at}.scope`, "empty-scope", "the policy scopes nobody: choose everyone, users or groups");

    const published = new Set<string>();
    policy.labels.forEach((id, j) => {
      if (!byId.has(id)) add(`${at}.labels[${j}]`, "unknown-label", `label ${id} does not exist`);
      else if (published.has(id))
        add(`${at}.labels[${j}]`, "duplicate-id", `label ${shortId(id)} is listed twice`);
      published.add(id);
    });
    const s = policy.settings;
    if (s.defaultDocumentLabel !== null)
      appliable(s.defaultDocumentLabel, `${at}.settings.defaultDocumentLabel`, "file", published);
    if (s.defaultMailLabel !== null && s.defaultMailLabel !== "none")
      appliable(s.defaultMailLabel, `${at}.settings.defaultMailLabel`, "email", published);
    s.preventDowngradeFrom.forEach((id, j) => {
      if (!byId.has(id))
        add(`${at}.settings.preventDowngradeFrom[${j}]`, "unknown-label", `label ${id} does not exist`);
    });
    s.recipientRules.forEach((rule, r) =>
      rule.labelIds.forEach((id, j) => {
        if (!byId.has(id))
          add(
            `${at}.settings.recipientRules[${r}].labelIds[${j}]`,
            "unknown-label",
            `label ${id} does not exist`,
          );
      }),
    );
    // A marking profile needs its own marking on every label the policy publishes.
    const needs = PROFILE_MARKING[s.markingProfile];
    if (needs)
      policy.labels.forEach((id, j) => {
        const label = byId.get(id);
        if (label && !parentsWithChildren.has(id) && !label[needs.field])
          add(
            `${at}.labels[${j}]`,
            needs.rule,
            `label ${shortId(id)} has no ${needs.field}, which the ${s.markingProfile} marking profile needs`,
          );
      });
  });

  issues.push(...checkPurviewSync(tenant.purviewSync, policyIds));
  issues.push(
    ...checkLabelMappings(tenant.labelMappings ?? [], tenant.siteId, (id) => {
      const label = byId.get(id);
      return label && { isActive: label.isActive, isParent: parentsWithChildren.has(id) };
    }),
  );
  return issues;
}
