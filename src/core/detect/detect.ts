import type { CustomInfoType } from "../policy/infoTypes";
import { findSensitiveInfoType, SENSITIVE_INFO_TYPES } from "./catalog";
import type { CompiledInfoType } from "./custom/compile";
import { Evidence, type EvidenceMatcher } from "./evidence";
import { abaRoutingRule } from "./rules/abaRouting";
import { creditCardRule } from "./rules/creditCard";
import { euDebitCardRule } from "./rules/euDebitCard";
import { ibanRule } from "./rules/iban";
import { NATIONAL_RULES } from "./rules/national/rules";
import { passportRule } from "./rules/passport";
import type { ScanContext, SitRule } from "./rules/rule";
import { ssnRule } from "./rules/ssn";
import type { Detection, DetectionInstance, DetectionResult, DetectOptions, SitCondition } from "./types";

/** 8 Mi characters: a long report's text, well past what a mail body or a task pane sends. */
export const DEFAULT_MAX_CHARS = 8 * 1024 * 1024;

/** Far above any instance count a labeling condition asks for; bounds memory on hostile input. */
export const DEFAULT_MAX_INSTANCES_PER_TYPE = 10_000;

const RULES: ReadonlyMap<string, SitRule> = new Map(
  [creditCardRule, ssnRule, ibanRule, abaRoutingRule, passportRule, euDebitCardRule, ...NATIONAL_RULES].map(
    (rule) => [rule.sitId, rule],
  ),
);

/** Every type we detect has a rule, and every rule a catalog entry. */
export function ruleFor(sitId: string): SitRule | undefined {
  return RULES.get(sitId);
}

/** Compiled once per custom type object: a cached policy's types are reused across calls. */
const compiledTypes = new WeakMap<CustomInfoType, CompiledInfoType>();

/**
 * The custom-type engine (regex parser, linear-time engine, evaluation) is not imported here, so
 * the Outlook event bundle stays small: a runtime that wants custom types imports
 * custom/register.ts (the package index does), which hands the compiler over. Without it,
 * custom types are reported in `unsupportedTypes`.
 */
let compileCustom: ((type: CustomInfoType) => CompiledInfoType) | undefined;

export function enableCustomInfoTypes(compile: (type: CustomInfoType) => CompiledInfoType): void {
  compileCustom = compile;
}

export function compiledInfoType(type: CustomInfoType): CompiledInfoType | undefined {
  if (!compileCustom) return undefined;
  let compiled = compiledTypes.get(type);
  if (!compiled) {
    compiled = compileCustom(type);
    compiledTypes.set(type, compiled);
  }
  return compiled;
}

interface Wanted {
  id: string;
  name: string;
  rule: SitRule | undefined;
  /** Built-in types are all numbers: text without a digit holds none. */
  needsDigit: boolean;
}

/**
 * Finds the sensitive information types of docs/reference/label-policy.md §9, and the policy's custom types, in `text`. Cheapest work first:
 * text without a digit is done at once; then each requested type gets one pass of its bounded
 * candidate regex (every quantifier bounded, no quantified group: linear time), boundary rules,
 * range rules and checksum (Luhn, IBAN mod 97, ABA weights: checksums.ts and rules/), and only for a number that
 * survives all that, a keyword search in the proximity window around it. Instance offsets index
 * into `text`.
 */
export function detectSensitiveInfo(text: string, options: DetectOptions = {}): DetectionResult {
  const maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
  const maxInstances = options.maxInstancesPerType ?? DEFAULT_MAX_INSTANCES_PER_TYPE;
  if (!(maxChars >= 0)) throw new RangeError(`maxChars must be a number ≥ 0, got ${maxChars}`);
  if (!(maxInstances >= 1)) throw new RangeError(`maxInstancesPerType must be ≥ 1, got ${maxInstances}`);

  const scanEnd = Math.min(text.length, Math.floor(maxChars));
  const { wanted, unsupportedTypes } = selectTypes(options.types, options.customTypes ?? []);
  const result: DetectionResult = {
    detections: [],
    scannedChars: scanEnd,
    truncated: scanEnd < text.length,
    cappedTypes: [],
    unsupportedTypes,
  };
  if (wanted.length === 0) return result;
  // Every built-in type is a number: text without a single digit (most prose) holds none of them.
  const digits = hasDigit(text, scanEnd);

  const shared = new Map<object, unknown>();
  for (const type of wanted) {
    if (type.needsDigit && !digits) continue;
    const context = createContext(text, scanEnd, shared);
    const instances: DetectionInstance[] = [];
    let capped = false;
    type.rule?.scan(context, (start, end, confidence) => {
      instances.push({ start, end, confidence });
      capped = instances.length >= maxInstances;
      return !capped;
    });
    if (capped) result.cappedTypes.push(type.id);
    if (instances.length === 0) continue;
    result.detections.push({
      sitId: type.id,
      name: type.name,
      count: instances.length,
      confidence: highestConfidence(instances),
      instances,
    });
  }
  return result;
}

/**
 * True when the detections hold at least `minCount` instances of `sitId` at `minConfidence` or
 * above — the content condition of a recommended or automatic labeling rule.
 */
export function meetsCondition(detections: readonly Detection[], condition: SitCondition): boolean {
  const wanted = condition.sitId.trim().toLowerCase();
  let count = 0;
  for (const detection of detections) {
    if (detection.sitId.toLowerCase() !== wanted) continue;
    for (const instance of detection.instances) if (instance.confidence >= condition.minConfidence) count++;
  }
  return count >= condition.minCount;
}

/**
 * The built-in types as detection wants them, made once: building them on every call cost a scan
 * of a small file more than its regexes (docs/benchmarks.md, "Scanner cluster", round 3).
 */
const BUILT_IN: ReadonlyMap<string, Wanted> = new Map(
  SENSITIVE_INFO_TYPES.map((t) => [t.id, { id: t.id, name: t.name, rule: ruleFor(t.id), needsDigit: true }]),
);
const ALL_BUILT_IN: readonly Wanted[] = [...BUILT_IN.values()];

function selectTypes(ids: readonly string[] | undefined, allCustom: readonly CustomInfoType[]) {
  // Custom types this runtime cannot compile (no engine loaded) are unsupported here.
  const customTypes = compileCustom ? allCustom : [];
  const notRunnable = compileCustom ? [] : allCustom.map((t) => t.id);
  const builtIn = (t: { id: string }): Wanted => BUILT_IN.get(t.id)!;
  const custom = (t: CustomInfoType): Wanted => ({
    id: t.id,
    name: t.name,
    rule: compiledInfoType(t)!.rule,
    needsDigit: false,
  });
  if (ids === undefined)
    return {
      wanted: customTypes.length === 0 ? ALL_BUILT_IN : [...ALL_BUILT_IN, ...customTypes.map(custom)],
      unsupportedTypes: notRunnable,
    };
  const unsupportedTypes: string[] = [];
  const found = new Set<string>();
  for (const id of ids) {
    const wanted = id.trim().toLowerCase();
    const type = findSensitiveInfoType(wanted) ?? customTypes.find((t) => t.id === wanted);
    if (type === undefined) unsupportedTypes.push(id);
    else found.add(type.id);
  }
  // Catalog order (built-in, then the policy's own), whatever order the caller asked in, each once.
  return {
    wanted: [
      ...SENSITIVE_INFO_TYPES.filter((t) => found.has(t.id)).map(builtIn),
      ...customTypes.filter((t) => found.has(t.id)).map(custom),
    ],
    unsupportedTypes,
  };
}

function highestConfidence(instances: readonly DetectionInstance[]): number {
  let highest = 0;
  for (const instance of instances) if (instance.confidence > highest) highest = instance.confidence;
  return highest;
}

function hasDigit(text: string, scanEnd: number): boolean {
  for (let i = 0; i < scanEnd; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x30 && code <= 0x39) return true;
  }
  return false;
}

function createContext(text: string, scanEnd: number, shared: Map<object, unknown>): ScanContext {
  // Evidence is per rule (each asks for windows front to back); shared work is per call.
  const cache = new Map<EvidenceMatcher, Evidence>();
  return {
    text,
    scanEnd,
    ruleFor,
    shared<T>(key: object, compute: () => T): T {
      if (!shared.has(key)) shared.set(key, compute());
      return shared.get(key) as T;
    },
    evidence(matcher) {
      let evidence = cache.get(matcher);
      if (evidence === undefined) {
        evidence = new Evidence(text, scanEnd, matcher);
        cache.set(matcher, evidence);
      }
      return evidence;
    },
  };
}
