/**
 * Drift between the rules the policy needs and the tenant's rules, from the JSON of
 * `Get-TransportRule | ConvertTo-Json -Depth 5` (an array, or one object for one rule): rules
 * missing, rules with the prefix that should not exist, and rules whose managed parameters, State or
 * Mode differ. Lists compare as sets, text case-insensitively (Exchange matches case-insensitively).
 */
import { type ExchangeRuleSet, MANAGED_PARAMETERS, type RuleValue } from "./rules";

export interface Drift {
  missing: string[];
  extra: string[];
  changed: Array<{ rule: string; field: string; want: string; have: string }>;
}

type Json = Record<string, unknown>;

/** Recipient parameters: Exchange may show a resolved name instead of the address we gave. */
const RECIPIENTS = new Set(["From", "FromMemberOf", "ExceptIfFrom", "ModerateMessageByUser"]);

function text(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "object" && !Array.isArray(v)) {
    const o = v as Json;
    return text(o.Name ?? o.DisplayName ?? o.Value ?? JSON.stringify(v));
  }
  return String(v).trim();
}

function list(v: unknown): string[] {
  if (v === null || v === undefined || v === "") return [];
  return (Array.isArray(v) ? v : [v]).map(text).filter((s) => s !== "");
}

function show(v: RuleValue | unknown): string {
  if (Array.isArray(v)) return v.map(text).join(", ");
  return text(v);
}

function sameRecipient(want: string, have: string): boolean {
  const w = want.toLowerCase();
  const h = have.toLowerCase();
  return w === h || w.split("@")[0] === h;
}

function same(field: string, want: RuleValue, have: unknown): boolean {
  if (typeof want === "boolean") return String(have).toLowerCase() === String(want);
  if (Array.isArray(want)) {
    const h = list(have);
    if (h.length !== want.length) return false;
    const eq = RECIPIENTS.has(field)
      ? sameRecipient
      : (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
    return want.every((w) => h.some((x) => eq(w, x)));
  }
  return text(want).toLowerCase() === text(have).toLowerCase();
}

function empty(v: unknown): boolean {
  return v === null || v === undefined || v === false || v === "" || (Array.isArray(v) && v.length === 0);
}

export function parseTransportRules(json: string): Json[] {
  const parsed: unknown = JSON.parse(json.replace(/^\uFEFF/, ""));
  const rules = Array.isArray(parsed) ? parsed : [parsed];
  if (!rules.every((r) => typeof r === "object" && r !== null && typeof (r as Json).Name === "string"))
    throw new Error("expected the JSON of Get-TransportRule | ConvertTo-Json: objects with a Name");
  return rules as Json[];
}

export function findDrift(set: ExchangeRuleSet, tenantRules: Json[]): Drift {
  const byName = new Map(tenantRules.map((r) => [String(r.Name).toLowerCase(), r]));
  const wanted = new Set(set.rules.map((r) => r.name.toLowerCase()));
  const drift: Drift = { missing: [], extra: [], changed: [] };
  for (const rule of set.rules) {
    const have = byName.get(rule.name.toLowerCase());
    if (!have) {
      drift.missing.push(rule.name);
      continue;
    }
    const params = new Map(rule.params);
    for (const [field, want] of rule.params) {
      if (field === "Comments") continue;
      if (field === "Mode" && typeof have.Mode === "number")
        drift.changed.push({
          rule: rule.name,
          field,
          want: show(want),
          have: `${have.Mode} (export with ConvertTo-Json -EnumsAsStrings)`,
        });
      else if (!same(field, want, have[field]))
        drift.changed.push({ rule: rule.name, field, want: show(want), have: show(have[field]) });
    }
    for (const field of MANAGED_PARAMETERS)
      if (!params.has(field) && !empty(have[field]))
        drift.changed.push({ rule: rule.name, field, want: "(not set)", have: show(have[field]) });
    if (have.State !== undefined && text(have.State).toLowerCase() !== "enabled")
      drift.changed.push({ rule: rule.name, field: "State", want: "Enabled", have: text(have.State) });
  }
  const prefix = `${set.prefix} `.toLowerCase();
  for (const r of tenantRules) {
    const name = String(r.Name);
    if (name.toLowerCase().startsWith(prefix) && !wanted.has(name.toLowerCase())) drift.extra.push(name);
  }
  return drift;
}

export function hasDrift(d: Drift): boolean {
  return d.missing.length + d.extra.length + d.changed.length > 0;
}

export function describeDrift(d: Drift): string {
  if (!hasDrift(d)) return "no drift: the tenant's rules are what the policy needs\n";
  const lines = [
    ...d.missing.map((n) => `missing  ${n}`),
    ...d.extra.map((n) => `extra    ${n}  (the policy no longer needs it)`),
    ...d.changed.map(
      (c) => `changed  ${c.rule}  ${c.field}: want ${c.want || "(empty)"}, have ${c.have || "(empty)"}`,
    ),
  ];
  return lines.join("\n") + "\n";
}
