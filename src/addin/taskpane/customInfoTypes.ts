/**
 * The custom-type engine (pattern parser, linear-time engine, evidence) as a chunk of its own,
 * loaded only when the policy has custom types: most tenants have none, and their pane never
 * fetches it. Core's detector runs custom types once the engine is handed over
 * (enableCustomInfoTypes); an explicit call, because webpack drops side-effect-only imports of
 * src/core (its modules are marked side-effect free).
 */
import type { CompiledInfoType } from "../../core/detect/custom/compile";
import { enableCustomInfoTypes } from "../../core/detect/detect";
import type { CustomInfoType } from "../../core/policy/infoTypes";
import type { EffectivePolicy } from "../../core/policy/effective";

/** Fetches the engine's chunk. */
export type InfoTypeCompilerLoader = () => Promise<{
  compileInfoType(type: CustomInfoType): CompiledInfoType;
}>;

const loadChunk: InfoTypeCompilerLoader = () =>
  import(/* webpackChunkName: "custom-info-types" */ "../../core/detect/custom/compile.js");

let loading: Promise<void> | null = null;

export function customInfoTypesReady(
  policy: Pick<EffectivePolicy, "infoTypes">,
  load: InfoTypeCompilerLoader = loadChunk,
): Promise<void> {
  if (!policy.infoTypes || policy.infoTypes.length === 0) return Promise.resolve();
  loading ??= load().then(
    (m) => enableCustomInfoTypes(m.compileInfoType),
    (error: unknown) => {
      loading = null; // tried again on the next check
      throw error;
    },
  );
  return loading;
}
