/**
 * One Graph sync of one tenant: read Purview's labels and label policy settings (organisation, and
 * per user for mirrored policies), merge them onto the current configuration (core/policy/
 * purviewMerge), validate like any admin write, diff, and — unless it is a dry run or nothing
 * changed — store a new version of kind `sync`, which history and rollback treat like any other.
 *
 * Whatever fails (Graph down, throttled past the bound, refused token, data that does not
 * validate), nothing is written: the last good policy stays in force and the sync state records
 * the error for GET /api/v1/admin/graph/status.
 */
import { randomUUID } from "node:crypto";
import { formatIssue, validateTenantPolicy, type PolicyIssue, type TenantPolicy } from "../../core/policy";
import { diffTenantPolicies, type PolicyDiff } from "../../core/policy/policyDiff";
import {
  mergePurviewSnapshot,
  type PurviewSnapshot,
  type PurviewUserView,
} from "../../core/policy/purviewMerge";
import type { Actor, PolicyVersion, Store } from "../storage/store";
import type { GraphSyncStateStore } from "../storage/graphSyncState";
import type { GraphClient } from "./client";
import type { GraphConfig } from "./config";
import { GraphError } from "./errors";

export const SYNC_ACTOR: Actor = { id: "system", name: "Microsoft Graph sync" };

export interface SyncOutcome {
  tenantId: string;
  dryRun: boolean;
  /** True when this call stored a new version. */
  applied: boolean;
  /** The version the sync started from (null: the tenant had none). */
  basedOn: number | null;
  /** The version now current because of this sync, when it applied. */
  version: number | null;
  apiVersion: GraphConfig["apiVersion"];
  diff: PolicyDiff;
  warnings: string[];
  syncedAt: string;
}

/** The sync could not produce a valid configuration; nothing was written. */
export class SyncRefused extends Error {
  constructor(
    readonly code: "graph-unavailable" | "sync-invalid" | "version-conflict",
    message: string,
    readonly issues: PolicyIssue[] = [],
    readonly graphCode: string | null = null,
  ) {
    super(message);
    this.name = "SyncRefused";
  }
}

function paths(api: GraphConfig["apiVersion"]) {
  if (api === "v1.0")
    return {
      labels: "/v1.0/security/dataSecurityAndGovernance/sensitivityLabels",
      settings: null,
      user: null,
    };
  const base = "/security/informationProtection";
  return {
    labels: `/beta${base}/sensitivityLabels`,
    settings: `/beta${base}/labelPolicySettings`,
    user: (user: string) => `/beta/users/${encodeURIComponent(user)}${base}`,
  };
}

export class GraphSync {
  constructor(
    private readonly store: Store,
    private readonly state: GraphSyncStateStore,
    private readonly client: GraphClient,
    private readonly config: GraphConfig,
  ) {}

  private async settings(tenantId: string, path: string, warnings: string[]): Promise<unknown | null> {
    try {
      return await this.client.request(tenantId, this.client.url(path));
    } catch (err) {
      if (!(err instanceof GraphError) || err.code !== "not-found") throw err;
      warnings.push(`${path}: Graph has no label policy settings here (404); settings left as they were`);
      return null;
    }
  }

  /** What Purview says now. Throws GraphError. */
  async snapshot(
    tenantId: string,
    current: TenantPolicy | null,
    warnings: string[],
  ): Promise<PurviewSnapshot> {
    const p = paths(this.config.apiVersion);
    const labels = await this.client.list(tenantId, this.client.url(p.labels));
    const settings = p.settings === null ? null : await this.settings(tenantId, p.settings, warnings);
    const users: PurviewUserView[] = [];
    const mirrored = current?.purviewSync?.userPolicies ?? [];
    const userBase = p.user;
    if (mirrored.length > 0 && userBase === null)
      warnings.push(
        "purviewSync.userPolicies need Graph's beta per-user views (LABELBRIDGE_GRAPH_API=beta); not mirrored",
      );
    for (const { policyId, user } of mirrored) {
      if (userBase === null) break;
      const base = userBase(user);
      users.push({
        policyId,
        user,
        labels: await this.client.list(tenantId, this.client.url(`${base}/sensitivityLabels`)),
        settings: await this.settings(tenantId, `${base}/labelPolicySettings`, warnings),
      });
    }
    return { apiVersion: this.config.apiVersion, labels, settings, users };
  }

  /** One sync; throws SyncRefused (after recording it) when nothing could be applied. */
  async run(tenantId: string, options: { dryRun: boolean; actor: Actor }): Promise<SyncOutcome> {
    const at = new Date().toISOString();
    try {
      const outcome = await this.attempt(tenantId, options, at);
      const result = outcome.dryRun ? "dry-run" : outcome.applied ? "applied" : "unchanged";
      await this.state.succeeded(tenantId, at, result, outcome.applied ? outcome.version : null);
      return outcome;
    } catch (err) {
      const refused =
        err instanceof SyncRefused
          ? err
          : err instanceof GraphError
            ? new SyncRefused("graph-unavailable", err.message, [], err.code)
            : null;
      if (!refused) throw err;
      await this.state.failed(tenantId, at, refused.graphCode ?? refused.code, refused.message);
      throw refused;
    }
  }

  private async attempt(
    tenantId: string,
    options: { dryRun: boolean; actor: Actor },
    at: string,
  ): Promise<SyncOutcome> {
    const current: PolicyVersion | null = await this.store.getPolicy(tenantId);
    const warnings: string[] = [];
    const snapshot = await this.snapshot(tenantId, current?.document ?? null, warnings);
    const merged = mergePurviewSnapshot(snapshot, {
      siteId: tenantId,
      tenantName: `Tenant ${tenantId}`,
      current: current?.document ?? null,
      now: at,
      newPolicyId: randomUUID(),
    });
    const refuse = (issues: PolicyIssue[]) =>
      new SyncRefused(
        "sync-invalid",
        `Purview's labels do not fit the configuration: ${formatIssue(issues[0])}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ""}; nothing was applied`,
        issues,
      );
    if (!merged.ok) throw refuse(merged.issues);
    const valid = validateTenantPolicy(merged.document);
    if (!valid.ok) throw refuse(valid.issues);
    warnings.push(...merged.warnings);
    const diff = diffTenantPolicies(current?.document ?? null, valid.value);
    const base = {
      tenantId,
      dryRun: options.dryRun,
      basedOn: current?.version ?? null,
      apiVersion: this.config.apiVersion,
      diff,
      warnings,
      syncedAt: at,
    };
    if (options.dryRun || diff.empty) return { ...base, applied: false, version: null };
    const written = await this.store.writePolicy(tenantId, {
      expectedVersion: current?.version ?? null,
      document: valid.value,
      actor: options.actor,
      kind: "sync",
      at,
    });
    if (!written.ok)
      throw new SyncRefused(
        "version-conflict",
        `version ${written.conflict?.version ?? "?"} was saved while Purview was being read; nothing was applied, sync again`,
      );
    return { ...base, applied: true, version: written.version.version };
  }
}
