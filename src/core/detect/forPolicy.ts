/**
 * What to detect for a user's effective policy: only the types its labels' conditions name, with
 * the policy's custom types. The pane and the send handler call
 * `detectSensitiveInfo(text, detectOptionsFor(policy))` so a custom type recommends a label there
 * exactly as a built-in one does.
 */
import type { EffectivePolicy } from "../policy/effective";
import type { DetectOptions } from "./types";

export function detectOptionsFor(policy: Pick<EffectivePolicy, "labels" | "infoTypes">): DetectOptions {
  const types = new Set<string>();
  for (const label of policy.labels) for (const c of label.conditions) types.add(c.sitId);
  // A policy cached by an add-in older than custom types has no infoTypes.
  return { types: [...types], customTypes: policy.infoTypes ?? [] };
}
