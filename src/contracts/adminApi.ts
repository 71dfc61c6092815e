/**
 * The admin console's contract with the backend: what each request the console makes sends and what
 * it gets back. The server's routes and the console both import these types, so a change on one side
 * that the other does not follow is a compile error, not a blank page. Types only: nothing here runs.
 *
 * Routes (all under the API base `/api/v1`, bearer token with the admin role, except the first):
 * - GET  /admin/config.json (not under the API base, no token) → ConsoleSignIn
 * - GET  /admin/policy → TenantPolicy, ETag = its version; PUT /admin/policy (If-Match, or
 *   If-None-Match: * for the first one) with a TenantPolicy → the stored TenantPolicy
 * - GET  /admin/policy/versions?limit&before → VersionList; GET /admin/policy/versions/:v → VersionDetail
 * - POST /admin/policy/rollback (If-Match) with RollbackRequest → RollbackResponse
 * - POST /admin/graph/import (If-Match) with GraphImportRequest → GraphImportResponse
 * - GET  /admin/graph/export?policyId → GraphExport
 * - POST /admin/graph/sync[?dryRun=true] → GraphSyncResult (refusals: GraphSyncRefusal codes)
 * - GET  /admin/graph/status → GraphSyncStatus
 * - GET  /reports/console?ReportQuery → ConsoleReport
 * - GET  /admin/info-types → InfoTypeList (ETag = configuration version); PUT /admin/info-types
 *   (If-Match) with an InfoTypeList → the stored InfoTypeList
 * - POST /admin/info-types/import (If-Match; body: the rule package's bytes) → InfoTypeImportResponse;
 *   400 nothing-importable answers an ApiErrorBody with the InfoTypeImportReport
 * - GET  /admin/info-types/export?InfoTypeExportQuery → the rule package (UTF-16LE XML), its
 *   warnings in the InfoTypeExportWarningsHeader (URI-encoded JSON string[])
 * - POST /admin/info-types/test with InfoTypeTestRequest → InfoTypeTestResult
 * Every 4xx/5xx answers an ApiErrorBody.
 */
import type { InfoTypeMatch, InfoTypeTestResult } from "../core/detect/custom/testInfoType";
import type { EntityReport, RulePackageImport } from "../core/detect/rulePackage/import";
import type { PolicyIssue, TenantPolicy } from "../core/policy";
import type { CustomInfoType, CustomInfoTypeInput, InfoTypeIssue } from "../core/policy/infoTypes";
import type { GraphExport } from "../core/policy/graph";
import type { FieldChange, LabelRef, PolicyDiff, PolicyRef } from "../core/policy/policyDiff";

export type { FieldChange, GraphExport, LabelRef, PolicyDiff, PolicyIssue, PolicyRef, TenantPolicy };
export type { CustomInfoType, EntityReport, InfoTypeIssue, InfoTypeMatch, InfoTypeTestResult };

// ---- Sign-in settings -------------------------------------------------------------------------

/** GET /admin/config.json: how the console signs an admin in. */
export interface ConsoleSignIn {
  auth: "dev" | "entra";
  tenantId: string | null;
  apiBase: string;
  /** Entra: the console signs in with the authorization-code flow and PKCE (an SPA redirect URI). */
  clientId?: string;
  authority?: string;
  scope?: string;
  /** Dev: how an admin gets a token to paste. */
  devTokenCommand?: string;
}

// ---- Errors -----------------------------------------------------------------------------------

/** Every error answer; `message` names the field, the version, who saved it. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  code: string;
  message: string;
  /** 400 invalid-policy: every problem, at its JSON path. */
  issues?: PolicyIssue[];
  /** 412 version-conflict: the version that is current now (null: none yet). */
  currentVersion?: number | null;
  [detail: string]: unknown;
}

// ---- History ----------------------------------------------------------------------------------

/** Why a version exists. */
export type ChangeKind = "seed" | "replace" | "labels" | "policies" | "rollback" | "import" | "sync";

export interface VersionSummary {
  version: number;
  /** The version this one replaced; null for the first. */
  basedOn: number | null;
  kind: ChangeKind;
  /** Who made it: the admin's `oid` and name, or `system`. */
  actor: { id: string; name: string | null };
  createdAt: string;
}

/** GET /admin/policy/versions: newest first. */
export interface VersionList {
  versions: VersionSummary[];
}

/** GET /admin/policy/versions/:version: the document it made, and the one it replaced. */
export interface VersionDetail extends VersionSummary {
  before: TenantPolicy | null;
  after: TenantPolicy;
}

export interface RollbackRequest {
  version: number;
}

/** The new version that restores `restored`; `etag` is its version tag, as in the ETag header. */
export interface RollbackResponse {
  version: number;
  restored: number;
  etag: string;
}

// ---- Microsoft Graph import and export --------------------------------------------------------

export interface GraphImportRequest {
  /** A Graph sensitivityLabel list, `{"value": [...]}`. */
  labels: unknown;
  /** A Graph informationProtectionPolicySetting, optional. */
  labelPolicySettings?: unknown;
  /** Which of our policies receives the settings. */
  policyId?: string;
}

export interface GraphImportResponse {
  version: number;
  warnings: string[];
  policy: TenantPolicy;
}

// ---- Microsoft Graph sync (the tenant's Purview labels) -----------------------------------------

/** Which Graph label API the backend reads (LABELBRIDGE_GRAPH_API). */
export type GraphApiVersion = "beta" | "v1.0";

/** POST /admin/graph/sync[?dryRun=true]: what changed (or, in a dry run, would change). */
export interface GraphSyncResult {
  tenantId: string;
  dryRun: boolean;
  /** True when this call stored a new version (kind `sync`). */
  applied: boolean;
  /** The version the sync started from (null: the tenant had none). */
  basedOn: number | null;
  /** The version this sync made current, when it applied. */
  version: number | null;
  apiVersion: GraphApiVersion;
  /** Labels added, changed field by field, retired; policies changed; tenant fields. */
  diff: PolicyDiff;
  warnings: string[];
  syncedAt: string;
}

/**
 * Why a sync applied nothing (the ApiErrorBody's `code`): 503 `graph-not-configured` (no app
 * registration), 502 `graph-unavailable` (Graph or its token endpoint did not answer; `graphError`
 * says how, with a code of src/server/graph/errors.ts: `unreachable`, `throttled`, `token`…), 409 `sync-invalid` (Purview's data does not fit: `issues` at their paths) and 409
 * `version-conflict` (an admin saved while Purview was read).
 */
export type GraphSyncRefusal = "graph-unavailable" | "sync-invalid" | "version-conflict";

/** GET /admin/graph/status: when the last sync succeeded, its outcome, and the last error. */
export type GraphSyncStatus =
  | { configured: false }
  | {
      configured: true;
      apiVersion: GraphApiVersion;
      /** Minutes between scheduled syncs; 0 = on demand only. */
      syncIntervalMinutes: number;
      lastAttemptAt: string | null;
      lastSuccessAt: string | null;
      /** The version the last applying sync wrote. */
      lastAppliedVersion: number | null;
      /** Cleared by the next sync that reads Purview. `code`: `graphError`'s or a GraphSyncRefusal. */
      lastError: { at: string; code: string; message: string } | null;
      /** `applied`, `unchanged`, `dry-run` or `failed`. */
      lastOutcome: string | null;
    };

// ---- Reports ----------------------------------------------------------------------------------

/** GET /reports/console's query: days are YYYY-MM-DD (UTC); a label includes its sublabels. */
export interface ReportQuery {
  from: string;
  to: string;
  labelId?: string;
  group?: string;
}

/*
 * What GET /reports/console answers: every figure the reports page draws, for one period and one
 * set of filters, in one response.
 */

export interface ReportFilters {
  /** The label asked for; `labelIds` adds its sublabels. Null = every label. */
  labelId: string | null;
  labelIds: string[];
  /** A group id as it appears in users' tokens. Null = everyone. */
  group: string | null;
}

export interface ReportTotals {
  applied: number;
  changed: number;
  removed: number;
  downgrades: number;
  blockedSends: number;
  recommendationsAccepted: number;
  recommendationsDismissed: number;
  unlabeled: number;
  /** Distinct files in scan results (latest result per path). */
  scannedFiles: number;
}

export interface ReportDayCount {
  /** YYYY-MM-DD, UTC. */
  day: string;
  type: string;
  count: number;
}

export interface ReportLabelRow {
  labelId: string | null;
  labelName: string | null;
  applied: number;
  changed: number;
  removed: number;
}

export interface ReportReasonCount {
  reason: string | null;
  count: number;
}

export interface ReportDowngrade {
  eventId: string;
  time: string;
  userName: string | null;
  app: string;
  oldLabelId: string | null;
  oldLabelName: string | null;
  labelId: string | null;
  labelName: string | null;
  reason: string | null;
  text: string | null;
  itemName: string | null;
}

export interface ReportRecommendationRow {
  labelId: string | null;
  labelName: string | null;
  accepted: number;
  dismissed: number;
}

export interface ReportAppCount {
  app: string;
  count: number;
}

export interface ScannerInfoTypeRow {
  sitId: string;
  name: string;
  /** Files in which the type was found. */
  files: number;
  instances: number;
}

export interface ScannerFolderRow {
  folder: string;
  /** Files with at least one finding. */
  files: number;
  instances: number;
  /** Files per information type id. */
  byInfoType: Record<string, number>;
}

export interface ScannerReport {
  files: number;
  filesWithFindings: number;
  byInfoType: ScannerInfoTypeRow[];
  /** Folders with findings, most files first (at most 25). */
  byFolder: ScannerFolderRow[];
  /** More scan results than one report reads; the figures cover the newest ones. */
  truncated: boolean;
}

export interface ConsoleReport {
  period: { from: string; to: string };
  filters: ReportFilters;
  totals: ReportTotals;
  daily: ReportDayCount[];
  labelMix: ReportLabelRow[];
  downgrades: { byReason: ReportReasonCount[]; recent: ReportDowngrade[] };
  blockedSends: { byReason: ReportReasonCount[] };
  recommendations: ReportRecommendationRow[];
  unlabeled: { byApp: ReportAppCount[] };
  scanner: ScannerReport;
  /** Groups seen on events in the period (for the group filter). */
  groups: string[];
}

// ---- Custom information types -------------------------------------------------------------------

/** GET and PUT /admin/info-types: the tenant's custom types, part of its versioned configuration. */
export type InfoTypeList = CustomInfoType[];

/** What a rule package import mapped and, per entity, what it could not (also a 400's details). */
export type InfoTypeImportReport = {
  rulePack: RulePackageImport["rulePack"];
  entities: EntityReport[];
  /** Package-level elements not imported (affinities, fingerprints, dictionaries). */
  problems: string[];
};

/** POST /admin/info-types/import: the new version, the report, and the tenant's types after it. */
export type InfoTypeImportResponse = InfoTypeImportReport & {
  version: number;
  infoTypes: CustomInfoType[];
};

/** GET /admin/info-types/export: the package's identity (each defaults from the tenant). */
export interface InfoTypeExportQuery {
  rulePackId?: string;
  publisherId?: string;
  publisher?: string;
  name?: string;
}

/** The export's response header naming what the package could not carry. */
export type InfoTypeExportWarningsHeader = "x-labelbridge-warnings";

/** POST /admin/info-types/test: a type as the editor holds it (maybe not valid yet) and sample text. */
export interface InfoTypeTestRequest {
  type: CustomInfoTypeInput | Record<string, unknown>;
  text: string;
}

// ---------------------------------------------------------------- protection (issue 14)

/** A label that protects, as GET /api/v1/reports/protection lists it (src/server/keys/usage.ts). */
export interface ProtectionLabelRow {
  labelId: string;
  labelName: string;
  kind: "purview" | "labelbridge";
  rightsGroups: string[];
  rightsUsers: string[];
  rightsTemplate: string | null;
}

/** A key release to a super user, or a refusal, as the report lists them (newest first). */
export interface ProtectionKeyEvent {
  time: string;
  userId: string;
  userName: string | null;
  keyId: string;
  labelId: string | null;
  labelName: string | null;
  itemName: string | null;
  reason: string | null;
}

/** GET /api/v1/reports/protection?from=&to=: protection usage for a period. */
export interface ProtectionUsageReport {
  period: { from: string; to: string };
  /** False when the backend has no key-encryption key: escrow answers 503 and nothing is counted. */
  escrowConfigured: boolean;
  labels: ProtectionLabelRow[];
  superUsers: { users: string[]; groups: string[] };
  totals: {
    keysKept: number;
    keysRevoked: number;
    escrowed: number;
    released: number;
    refused: number;
    superUserGrants: number;
  };
  /** Key events per day and action (escrowed, released, refused, revoked, discarded, rewrapped). */
  daily: Array<{ day: string; action: string; count: number }>;
  byLabel: Array<{
    labelId: string | null;
    labelName: string | null;
    escrowed: number;
    released: number;
    refused: number;
  }>;
  superUserGrants: ProtectionKeyEvent[];
  refusals: ProtectionKeyEvent[];
}

/** GET /api/v1/admin/protection/keys: a kept key, never the key itself. */
export interface ProtectionKey {
  keyId: string;
  labelId: string;
  kekId: string;
  itemName: string | null;
  createdAt: string;
  createdBy: string;
  createdByName: string | null;
  revokedAt: string | null;
  revokeReason: string | null;
}

/** POST /api/v1/admin/protection/rewrap. */
export interface ProtectionRewrapResult {
  rewrapped: number;
  kekId: string;
}

/** GET /admin/protection/keks: which key-encryption keys the server holds, and what each wraps. */
export interface ProtectionKekStatus {
  /** The KEK new keys are wrapped with (LABELBRIDGE_KEK). */
  current: string;
  /** KEKs kept only to unwrap (LABELBRIDGE_KEK_RETIRED). */
  retired: string[];
  /** The tenant's kept keys per KEK, every one of them counted. */
  keys: ProtectionKekKeys[];
}

export interface ProtectionKekKeys {
  kekId: string;
  /** current: wraps new keys; retired: unwraps until a re-wrap; missing: this server cannot unwrap them. */
  status: "current" | "retired" | "missing";
  kept: number;
  revoked: number;
}
