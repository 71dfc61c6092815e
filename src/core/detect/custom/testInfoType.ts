/**
 * The console's test box: a custom type (as the editor holds it, not yet saved) run on pasted
 * text, giving each match with its confidence, or the issues that would stop the type being saved.
 */
import { checkInfoTypes, customInfoTypeSchema, type InfoTypeIssue } from "../../policy/infoTypes";
import { SENSITIVE_INFO_TYPES } from "../catalog";
import { detectSensitiveInfo, enableCustomInfoTypes } from "../detect";
import { compileInfoType } from "./compile";

export interface InfoTypeMatch {
  start: number;
  end: number;
  text: string;
  confidence: number;
}

export type InfoTypeTestResult =
  { ok: true; matches: InfoTypeMatch[]; truncated: boolean } | { ok: false; issues: InfoTypeIssue[] };

const BUILT_IN_IDS: ReadonlySet<string> = new Set(SENSITIVE_INFO_TYPES.map((t) => t.id));

export function testInfoType(input: unknown, text: string): InfoTypeTestResult {
  const parsed = customInfoTypeSchema.safeParse(input);
  if (!parsed.success)
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({
        path: i.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${p}`)).join(""),
        rule: `schema.${i.code}`,
        message: i.message,
      })),
    };
  const issues = checkInfoTypes([parsed.data], BUILT_IN_IDS).map((i) => ({
    ...i,
    path: i.path.replace(/^\[0\]/, ""),
  }));
  if (issues.length > 0) return { ok: false, issues };
  // Handed over here, not by importing register.ts: bundlers drop a side-effect-only import of
  // src/core (marked side-effect free), which left the console's test box without the engine.
  enableCustomInfoTypes(compileInfoType);
  const result = detectSensitiveInfo(text, { types: [parsed.data.id], customTypes: [parsed.data] });
  const instances = result.detections[0]?.instances ?? [];
  return {
    ok: true,
    matches: instances.map((i) => ({ ...i, text: text.slice(i.start, i.end) })),
    truncated: result.truncated,
  };
}
