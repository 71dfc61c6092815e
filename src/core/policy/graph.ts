/**
 * Microsoft Graph ⇄ Labelbridge: the conversion behind the admin API's Graph import and export.
 *
 * Input shapes (docs/reference/office-js.md §8): a v1.0 `security.sensitivityLabel` list (`{value: [...]}` or a bare
 * array, sublabels nested under `sublabels`) or a beta list (flat, sublabel → `parent: {id}`), and a
 * beta `informationProtectionPolicySetting` (`isMandatory`, `isDowngradeJustificationRequired`,
 * `moreInfoUrl`, relationship `defaultLabel`). Graph has no fields for markings, conditions or
 * protective markings, so an import keeps ours for labels it already knows (matched by GUID, never by
 * name). Purview advanced settings that Graph does not expose travel in an optional `advancedSettings`
 * object using their PowerShell names (docs/reference/label-policy.md §7), so an export imports back unchanged.
 */
import { z } from "zod";
import { normalizeGuid, isGuid, shortId } from "./ids";
import { protectionFromGraph } from "./protection";
import type { LabelPolicy, PolicySettings, TenantPolicy, TenantPolicyInput } from "./model";
import type { PolicyIssue } from "./validate";

export {
  exportToGraph,
  type GraphExport,
  type GraphPolicySetting,
  type GraphSensitivityLabel,
} from "./graphExport";

const graphLabelBase = z
  .object({
    id: z.string(),
    name: z.string().optional().nullable(),
    displayName: z.string().optional().nullable(),
    description: z.string().optional().nullable(),
    color: z.string().optional().nullable(),
    tooltip: z.string().optional().nullable(),
    toolTip: z.string().optional().nullable(),
    sensitivity: z.number().int().optional().nullable(),
    isActive: z.boolean().optional().nullable(),
    isEnabled: z.boolean().optional().nullable(),
    hasProtection: z.boolean().optional().nullable(),
    applicableTo: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .nullable(),
    contentFormats: z.array(z.string()).optional().nullable(),
    parent: z.object({ id: z.string() }).passthrough().optional().nullable(),
  })
  .passthrough();

export type GraphSensitivityLabelInput = z.infer<typeof graphLabelBase> & {
  sublabels?: GraphSensitivityLabelInput[] | null;
};

const graphLabelSchema: z.ZodType<GraphSensitivityLabelInput> = graphLabelBase.extend({
  sublabels: z
    .lazy(() => z.array(graphLabelSchema))
    .optional()
    .nullable(),
});

const labelArraySchema = z.array(graphLabelSchema);
const labelCollectionSchema = z.object({ value: z.array(graphLabelSchema) }).passthrough();

const advancedSettingsSchema = z.record(z.string(), z.string());

const policySettingSchema = z
  .object({
    id: z.string().optional().nullable(),
    isMandatory: z.boolean().optional().nullable(),
    isDowngradeJustificationRequired: z.boolean().optional().nullable(),
    moreInfoUrl: z.string().optional().nullable(),
    defaultLabel: z.object({ id: z.string() }).passthrough().optional().nullable(),
    advancedSettings: advancedSettingsSchema.optional(),
  })
  .passthrough();

type PolicySettingInput = z.infer<typeof policySettingSchema>;

const policySettingCollectionSchema = z.object({ value: z.array(policySettingSchema).min(1) }).passthrough();

export interface GraphImportInput {
  /** A Graph sensitivityLabel list: `{value: [...]}` or an array. */
  labels: unknown;
  /** A Graph informationProtectionPolicySetting (or `{value: [one]}`), optional. */
  labelPolicySettings?: unknown;
  /** Which of our policies receives the settings; needed when the tenant has several. */
  policyId?: string;
}

export interface GraphImportContext {
  siteId: string;
  tenantName: string;
  /** The tenant's current configuration, or null for a tenant with none yet. */
  current: TenantPolicy | null;
  /** Id for the policy created when the tenant has none (pass a fresh GUID). */
  newPolicyId: string;
}

export type GraphImportResult =
  { ok: true; document: TenantPolicyInput; warnings: string[] } | { ok: false; issues: PolicyIssue[] };

const TARGETS = new Set(["email", "file"]);
const COLOUR = /^#?([0-9a-fA-F]{6})$/;
const NAME_FORBIDDEN = /[;=\r\n]/;

function zodIssues(error: z.ZodError, root: string): PolicyIssue[] {
  return error.issues.map((i) => {
    let path = root;
    for (const part of i.path) path += typeof part === "number" ? `[${part}]` : `.${part}`;
    return { path, rule: `graph.${i.code}`, message: i.message };
  });
}

function targetsOf(label: GraphSensitivityLabelInput): ("email" | "file")[] | null {
  const raw = label.applicableTo ?? label.contentFormats;
  if (raw === undefined || raw === null) return null;
  const tokens = (Array.isArray(raw) ? raw : raw.split(",")).map((t) => t.trim().toLowerCase());
  return (["email", "file"] as const).filter((t) => tokens.includes(t) && TARGETS.has(t));
}

interface Flat {
  label: GraphSensitivityLabelInput;
  parentId: string | null;
  path: string;
}

/** Graph label list + policy settings → a tenant document to validate (it is not validated here). */
export function importFromGraph(input: GraphImportInput, ctx: GraphImportContext): GraphImportResult {
  // Parsed by shape rather than as a union, so an issue keeps its path (`labels.value[3].id`).
  let top: GraphSensitivityLabelInput[];
  if (Array.isArray(input.labels)) {
    const list = labelArraySchema.safeParse(input.labels);
    if (!list.success) return { ok: false, issues: zodIssues(list.error, "labels") };
    top = list.data;
  } else {
    const list = labelCollectionSchema.safeParse(input.labels);
    if (!list.success) return { ok: false, issues: zodIssues(list.error, "labels") };
    top = list.data.value;
  }
  const rootPath = Array.isArray(input.labels) ? "labels" : "labels.value";

  let setting: PolicySettingInput | null = null;
  if (input.labelPolicySettings !== undefined && input.labelPolicySettings !== null) {
    const raw = input.labelPolicySettings as { value?: unknown };
    // Every field of a single setting is optional, so the collection shape is recognised by its `value`.
    if (typeof raw === "object" && Array.isArray(raw.value)) {
      const parsed = policySettingCollectionSchema.safeParse(raw);
      if (!parsed.success) return { ok: false, issues: zodIssues(parsed.error, "labelPolicySettings") };
      setting = parsed.data.value[0];
    } else {
      const parsed = policySettingSchema.safeParse(raw);
      if (!parsed.success) return { ok: false, issues: zodIssues(parsed.error, "labelPolicySettings") };
      setting = parsed.data;
    }
  }

  const issues: PolicyIssue[] = [];
  const warnings: string[] = [];

  // Flatten both shapes: v1.0 nests sublabels, beta points at the parent.
  const flat: Flat[] = [];
  const walk = (labels: GraphSensitivityLabelInput[], parentId: string | null, path: string) => {
    labels.forEach((label, i) => {
      const at = `${path}[${i}]`;
      const explicitParent = label.parent?.id ? normalizeGuid(label.parent.id) : null;
      flat.push({ label, parentId: parentId ?? explicitParent, path: at });
      if (label.sublabels && label.sublabels.length > 0)
        walk(label.sublabels, normalizeGuid(label.id), `${at}.sublabels`);
    });
  };
  walk(top, null, rootPath);

  const seen = new Map<string, Flat>();
  for (const entry of flat) {
    const id = normalizeGuid(entry.label.id);
    if (!isGuid(id)) {
      issues.push({
        path: `${entry.path}.id`,
        rule: "graph.not-a-guid",
        message: `'${entry.label.id}' is not a label GUID`,
      });
      continue;
    }
    // The v1.0 list may repeat a sublabel at the top level; the nested copy knows its parent.
    const earlier = seen.get(id);
    if (!earlier || (earlier.parentId === null && entry.parentId !== null)) seen.set(id, entry);
  }
  if (issues.length > 0) return { ok: false, issues };

  const entries = [...seen.entries()];
  const sensitivities = entries.map(([, e]) => e.label.sensitivity);
  const useGraphOrder =
    sensitivities.every((s) => typeof s === "number") && new Set(sensitivities).size === sensitivities.length;
  if (!useGraphOrder && entries.length > 0)
    warnings.push(
      "labels lack unique 'sensitivity' values; their order in the list was used instead (least sensitive first)",
    );

  const keptById = new Map((ctx.current?.labels ?? []).map((l) => [l.id, l]));
  const skipped = new Set<string>();
  const labels: TenantPolicyInput["labels"] = [];

  // Parents come before their sublabels in `flat`, so a skipped parent is known before its children.
  entries.forEach(([id, entry], index) => {
    const g = entry.label;
    if (entry.parentId !== null && skipped.has(entry.parentId)) {
      skipped.add(id);
      warnings.push(`${entry.path}: skipped because its parent label ${shortId(entry.parentId)} was skipped`);
      return;
    }
    const targets = targetsOf(g);
    if (targets !== null && targets.length === 0) {
      skipped.add(id);
      warnings.push(
        `${entry.path}: skipped: it applies to neither mail nor files (applicableTo '${String(g.applicableTo ?? g.contentFormats)}')`,
      );
      return;
    }
    const name = (g.name ?? g.displayName ?? "").trim();
    const displayName = (g.displayName ?? g.name ?? "").trim();
    if (name === "") {
      issues.push({
        path: `${entry.path}.name`,
        rule: "graph.missing-name",
        message: "the label has neither name nor displayName",
      });
      return;
    }
    if (NAME_FORBIDDEN.test(name))
      issues.push({
        path: `${entry.path}.name`,
        rule: "graph.name-characters",
        message: `name '${name}' contains ';', '=' or a line break, which mail headers cannot carry; rename the label`,
      });
    let tooltip = (g.tooltip ?? g.toolTip ?? "").trim();
    if (tooltip === "") {
      tooltip = (g.description ?? "").trim() || displayName;
      warnings.push(
        `${entry.path}: no tooltip; used ${g.description ? "the description" : "the display name"} instead`,
      );
    }
    let color: string | undefined;
    if (g.color) {
      const m = COLOUR.exec(g.color.trim());
      if (m) color = `#${m[1].toUpperCase()}`;
      else warnings.push(`${entry.path}: colour '${g.color}' is not #rrggbb and was dropped`);
    }
    const kept = keptById.get(id);
    labels.push({
      id,
      name,
      displayName,
      description: g.description ?? "",
      tooltip,
      color,
      sensitivity: useGraphOrder ? (g.sensitivity as number) : index * 10,
      parentId: entry.parentId,
      isActive: g.isActive ?? g.isEnabled ?? true,
      applicableTo: targets ?? ["email", "file"],
      hasProtection: g.hasProtection ?? false,
      protection: protectionFromGraph(g.hasProtection ?? false, kept?.protection),
      marking: kept?.marking ?? {},
      conditions: kept?.conditions ?? [],
      protectiveMarking: kept?.protectiveMarking,
    });
  });
  if (issues.length > 0) return { ok: false, issues };

  const importedIds = new Set(labels.map((l) => l.id));
  const policies: LabelPolicy[] = (ctx.current?.policies ?? []).map((p) => {
    const dropped = p.labels.filter((id) => !importedIds.has(id));
    if (dropped.length > 0)
      warnings.push(
        `policy '${p.name}': no longer publishes ${dropped.map(shortId).join(", ")} (not in the import)`,
      );
    return { ...p, labels: p.labels.filter((id) => importedIds.has(id)), settings: { ...p.settings } };
  });
  if (policies.length === 0) {
    policies.push({
      id: ctx.newPolicyId,
      name: "Imported policy",
      description: "Created by a Microsoft Graph import; in phase 'define' until an admin moves it on.",
      scope: { everyone: true, users: [], groups: [] },
      priority: 0,
      phase: "define",
      labels: labels.map((l) => l.id),
      settings: defaultSettingsInput(),
    });
  }

  if (setting) {
    const target = pickPolicy(policies, input.policyId);
    if (typeof target === "string")
      return { ok: false, issues: [{ path: "policyId", rule: "graph.policy-target", message: target }] };
    const settingIssues = applySetting(target, setting, importedIds, warnings);
    if (settingIssues.length > 0) return { ok: false, issues: settingIssues };
  }

  return {
    ok: true,
    warnings,
    document: {
      siteId: ctx.siteId,
      name: ctx.current?.name ?? ctx.tenantName,
      labelStorage: ctx.current?.labelStorage ?? "auto",
      labels,
      policies,
    },
  };
}

function defaultSettingsInput(): PolicySettings {
  return {
    defaultDocumentLabel: null,
    defaultMailLabel: null,
    mandatoryDocuments: false,
    mandatoryMail: false,
    justificationRequired: false,
    justificationReasons: ["Previous label no longer applies", "Previous label was incorrect"],
    otherReasonText: "Other (explain) - Do not enter sensitive information",
    preventDowngradeFrom: [],
    attachmentInheritance: "off",
    mailRecommendations: true,
    recipientRules: [],
    markingProfile: "purview",
    epmsVersion: "2024.1",
    offlineSendFallback: "allow",
    auditEnabled: true,
  };
}

function pickPolicy(policies: LabelPolicy[], policyId: string | undefined): LabelPolicy | string {
  if (policyId !== undefined) {
    const id = normalizeGuid(policyId);
    return (
      policies.find((p) => p.id === id) ??
      `policy ${policyId} does not exist; choose one of ${policies.map((p) => p.id).join(", ")}`
    );
  }
  if (policies.length === 1) return policies[0];
  return `the tenant has ${policies.length} policies; say which receives the settings with policyId (${policies.map((p) => p.id).join(", ")})`;
}

const TRUE = (v: string) => v.trim().toLowerCase() === "true";

/**
 * One Graph `informationProtectionPolicySetting` onto one of our policies (the Purview sync's use):
 * only the settings Graph carries change; a default label is published if `labelIds` has it.
 */
export function applyGraphPolicySetting(
  policy: LabelPolicy,
  raw: unknown,
  labelIds: Set<string>,
  warnings: string[],
  at: string,
): PolicyIssue[] {
  const parsed = policySettingSchema.safeParse(raw);
  if (!parsed.success) return zodIssues(parsed.error, at);
  return applySetting(policy, parsed.data, labelIds, warnings);
}

function applySetting(
  policy: LabelPolicy,
  setting: PolicySettingInput,
  importedIds: Set<string>,
  warnings: string[],
): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  const s = policy.settings;
  const publish = (id: string) => {
    if (!policy.labels.includes(id) && importedIds.has(id)) {
      policy.labels.push(id);
      warnings.push(`policy '${policy.name}': now publishes ${shortId(id)}, its default label`);
    }
  };
  if (typeof setting.isMandatory === "boolean") {
    s.mandatoryDocuments = setting.isMandatory;
    s.mandatoryMail = setting.isMandatory;
  }
  if (typeof setting.isDowngradeJustificationRequired === "boolean")
    s.justificationRequired = setting.isDowngradeJustificationRequired;
  if (setting.moreInfoUrl !== undefined)
    s.moreInfoUrl = setting.moreInfoUrl ? setting.moreInfoUrl : undefined;
  if (setting.defaultLabel === null) s.defaultDocumentLabel = null;
  else if (setting.defaultLabel) {
    const id = normalizeGuid(setting.defaultLabel.id);
    s.defaultDocumentLabel = id;
    publish(id);
  }

  const advanced = setting.advancedSettings ?? {};
  for (const key of Object.keys(advanced)) {
    const value = advanced[key];
    const at = `labelPolicySettings.advancedSettings.${key}`;
    switch (key.toLowerCase()) {
      case "outlookdefaultlabel":
        if (value.trim().toLowerCase() === "none") s.defaultMailLabel = "none";
        else if (isGuid(normalizeGuid(value))) {
          s.defaultMailLabel = normalizeGuid(value);
          publish(s.defaultMailLabel);
        } else
          issues.push({ path: at, rule: "graph.advanced-setting", message: "must be a label GUID or None" });
        break;
      case "disablemandatoryinoutlook":
        if (TRUE(value)) s.mandatoryMail = false;
        break;
      case "attachmentaction": {
        const v = value.trim().toLowerCase();
        if (v === "automatic" || v === "recommended" || v === "off") s.attachmentInheritance = v;
        else
          issues.push({
            path: at,
            rule: "graph.advanced-setting",
            message: "must be Automatic, Recommended or Off",
          });
        break;
      }
      case "enableaudit":
        s.auditEnabled = TRUE(value);
        break;
      case "outlookrecommendationenabled":
        s.mailRecommendations = TRUE(value);
        break;
      case "justificationtextforusertext":
        s.otherReasonText = value;
        break;
      case "reportanissuelink":
        s.reportIssueUrl = value || undefined;
        break;
      default:
        warnings.push(`${at}: not a setting Labelbridge honours; ignored`);
    }
  }
  return issues;
}
