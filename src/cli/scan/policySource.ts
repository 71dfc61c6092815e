/**
 * The policy a command obeys: from `--policy FILE` (a tenant configuration, validated and resolved
 * for the scanner identity, or an effective policy as the server serves it) or from `--server URL`
 * (GET /api/v1/policy with a bearer token).
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import {
  type EffectivePolicy,
  LABEL_STORAGE,
  PHASES,
  type TenantPolicy,
  defaultTenantPolicy,
  formatIssue,
  phaseRank,
  labelMappingsSchema,
  labelSchema,
  policySettingsSchema,
  resolveEffectivePolicy,
  validateTenantPolicy,
} from "../../core/policy";
import { fetchPolicy } from "./server";

export class PolicyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PolicyError";
  }
}

const guid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, "must be a lower-case GUID");

const effectivePolicySchema = z.object({
  siteId: guid,
  tenantName: z.string(),
  labelStorage: z.enum(LABEL_STORAGE),
  phase: z.enum(PHASES),
  features: z.object({
    manualLabeling: z.boolean(),
    enforcement: z.boolean(),
    contentMarking: z.boolean(),
    autoLabeling: z.boolean(),
    recipientRules: z.boolean(),
    scannerEnforce: z.boolean(),
  }),
  policyIds: z.array(z.string()),
  labels: z.array(labelSchema),
  settings: policySettingsSchema.extend({ defaultMailLabel: guid.nullable() }),
  catalog: z.array(
    z.object({
      id: guid,
      name: z.string(),
      displayName: z.string(),
      sensitivity: z.number(),
      parentId: guid.nullable(),
      color: z.string().optional(),
    }),
  ),
  labelMappings: labelMappingsSchema.optional(),
});

function issuesText(issues: z.ZodIssue[]): string {
  return issues
    .slice(0, 10)
    .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
    .join("\n");
}

/** An effective policy as served by GET /api/v1/policy (extra fields such as policyVersion are dropped). */
export function parseEffectivePolicy(input: unknown, where: string): EffectivePolicy {
  const parsed = effectivePolicySchema.safeParse(input);
  if (!parsed.success)
    throw new PolicyError(`${where} is not an effective policy:\n${issuesText(parsed.error.issues)}`);
  return parsed.data as EffectivePolicy;
}

export interface PolicyIdentity {
  /** Entra object id or any stable id of the scanner account. */
  id: string;
  upn?: string;
  groups: string[];
}

export const SCANNER_IDENTITY: PolicyIdentity = { id: "labelbridge-scanner", groups: [] };

/**
 * Discovery asks "what would this policy do": policies still in phase discover or define publish
 * nothing to users yet, but their labels and conditions are what the admin wants to see applied to
 * the share. Phase, features and settings stay those of the real resolution.
 */
export function resolveForDiscovery(tenant: TenantPolicy, identity: PolicyIdentity): EffectivePolicy {
  const real = resolveEffectivePolicy(tenant, identity);
  const drafts = tenant.policies.map((p) =>
    phaseRank(p.phase) < phaseRank("deploy") ? { ...p, phase: "deploy" as const } : p,
  );
  const preview = resolveEffectivePolicy({ ...tenant, policies: drafts }, identity);
  return { ...real, labels: preview.labels };
}

/** A tenant configuration (has `policies`) or an effective policy, from parsed JSON. */
export function policyFromJson(
  input: unknown,
  where: string,
  identity: PolicyIdentity = SCANNER_IDENTITY,
  previewDrafts = false,
): EffectivePolicy {
  if (
    typeof input === "object" &&
    input !== null &&
    Array.isArray((input as { policies?: unknown }).policies)
  ) {
    const result = validateTenantPolicy(input);
    if (!result.ok)
      throw new PolicyError(
        `${where} is not a valid tenant policy:\n${result.issues.slice(0, 20).map(formatIssue).join("\n")}`,
      );
    return previewDrafts
      ? resolveForDiscovery(result.value, identity)
      : resolveEffectivePolicy(result.value, identity);
  }
  return parseEffectivePolicy(input, where);
}

export function loadPolicyFile(
  path: string,
  identity?: PolicyIdentity,
  previewDrafts = false,
): EffectivePolicy {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new PolicyError(`--policy ${path}: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new PolicyError(`--policy ${path} is not JSON: ${(err as Error).message}`);
  }
  return policyFromJson(json, `--policy ${path}`, identity, previewDrafts);
}

/**
 * The default taxonomy and policy a new server seeds (src/core), resolved for the scanner identity:
 * for `label`/`unlabel` given neither --policy nor --server.
 */
export function builtInPolicy(identity: PolicyIdentity = SCANNER_IDENTITY): EffectivePolicy {
  return resolveEffectivePolicy(defaultTenantPolicy(), identity);
}

export interface PolicySourceOptions {
  policy?: string;
  server?: string;
  token?: string;
  user?: string;
  /** Discovery: a tenant file's draft policies (discover/define) count as published. */
  previewDrafts?: boolean;
}

/** The token from --token or LABELBRIDGE_TOKEN. */
export function tokenFrom(
  options: { token?: string },
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  return options.token ?? (env.LABELBRIDGE_TOKEN || undefined);
}

export async function loadPolicy(options: PolicySourceOptions): Promise<EffectivePolicy | null> {
  if (options.policy && options.server) throw new PolicyError("give --policy or --server, not both");
  const identity: PolicyIdentity = options.user
    ? { id: options.user, upn: options.user, groups: [] }
    : SCANNER_IDENTITY;
  if (options.policy) return loadPolicyFile(options.policy, identity, options.previewDrafts === true);
  if (options.server) {
    const token = tokenFrom(options);
    if (!token)
      throw new PolicyError(
        "--server needs a token: --token TOKEN or the LABELBRIDGE_TOKEN environment variable",
      );
    return parseEffectivePolicy(
      await fetchPolicy(options.server, token),
      `the policy from ${options.server}`,
    );
  }
  return null;
}
