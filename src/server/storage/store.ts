/**
 * What the server keeps: each tenant's labeling configuration as a chain of versions, and the audit
 * events clients send. One interface, two engines (SQLite, PostgreSQL) on the same schema. Every
 * method takes the tenant first: there is no query that is not scoped by tenant.
 */
import type { TenantPolicy } from "../../core/policy";
import type { AuditEvent } from "../../core/audit";
import type { ChangeKind } from "../../contracts/adminApi";

/** Why a version exists: one definition, shared with the console through its contract. */
export type { ChangeKind };

export interface Actor {
  id: string;
  name: string | null;
}

export interface PolicyVersion {
  version: number;
  /** The version this one replaced; null for the first. */
  basedOn: number | null;
  kind: ChangeKind;
  /** Who made it: the admin's `oid` and name, or `system`. */
  actor: Actor;
  createdAt: string;
  document: TenantPolicy;
}

export type PolicyVersionSummary = Omit<PolicyVersion, "document">;

export interface PolicyWrite {
  /** The version the writer started from; null to create the tenant's first version. */
  expectedVersion: number | null;
  document: TenantPolicy;
  actor: Actor;
  kind: ChangeKind;
  /** Set by the caller so one request has one clock. */
  at: string;
}

export type PolicyWriteResult =
  { ok: true; version: PolicyVersion } | { ok: false; conflict: PolicyVersionSummary | null };

export interface AuditAuthor {
  userId: string;
  userName?: string;
  /** The token's group ids, stored with each event for report filters. */
  groups?: string[];
}

export interface AuditIntake {
  /** Events stored by this call. */
  accepted: number;
  /** Events already stored (a retried batch), left as they were. */
  duplicates: number;
}

export interface AuditPrune {
  /** Events deleted row by row. */
  events: number;
  /** PostgreSQL partitions (whole months) dropped. */
  partitions: string[];
  /** Daily report counters deleted. */
  counters: number;
}

export interface TimeRange {
  /** Inclusive, ISO 8601 UTC. */
  from: string;
  /** Exclusive, ISO 8601 UTC. */
  to: string;
}

export interface LabelActivityRow {
  labelId: string | null;
  applied: number;
  changed: number;
  removed: number;
}

export interface DailyRow {
  day: string;
  type: string;
  count: number;
}

export interface DowngradeRow {
  eventId: string;
  time: string;
  userId: string;
  userName: string | null;
  app: string;
  oldLabelId: string | null;
  labelId: string | null;
  reason: string | null;
  text: string | null;
  itemName: string | null;
}

export interface ReasonCountRow {
  reason: string | null;
  count: number;
}

export interface DayReasonRow {
  day: string;
  reason: string | null;
  count: number;
}

export interface DayAppRow {
  day: string;
  app: string;
  count: number;
}

export interface Store {
  readonly engine: "sqlite" | "postgres";
  /** Applies pending migrations; safe when several instances start at once. */
  migrate(): Promise<void>;
  /** Throws when the database cannot answer. */
  ping(): Promise<void>;
  close(): Promise<void>;

  currentVersion(tenantId: string): Promise<number | null>;
  getPolicy(tenantId: string): Promise<PolicyVersion | null>;
  getPolicyVersion(tenantId: string, version: number): Promise<PolicyVersion | null>;
  listPolicyVersions(
    tenantId: string,
    options: { limit: number; before?: number },
  ): Promise<PolicyVersionSummary[]>;
  /** Stores a new version whole, or nothing when `expectedVersion` is no longer current. */
  writePolicy(tenantId: string, write: PolicyWrite): Promise<PolicyWriteResult>;

  /** Stores the batch in one transaction; events whose id the tenant already has are skipped. */
  recordAudit(
    tenantId: string,
    author: AuditAuthor,
    events: AuditEvent[],
    receivedAt: string,
  ): Promise<AuditIntake>;

  /**
   * Retention: removes every event that happened before `before` (a day's first instant, UTC) and
   * the report counters of the days before it.
   */
  pruneAudit(before: string): Promise<AuditPrune>;

  labelActivity(tenantId: string, range: TimeRange): Promise<LabelActivityRow[]>;
  dailyActivity(tenantId: string, range: TimeRange): Promise<DailyRow[]>;
  downgrades(
    tenantId: string,
    range: TimeRange,
    limit: number,
  ): Promise<{ byReason: ReasonCountRow[]; recent: DowngradeRow[] }>;
  blockedSends(tenantId: string, range: TimeRange): Promise<DayReasonRow[]>;
  unlabeledDocuments(tenantId: string, range: TimeRange): Promise<DayAppRow[]>;
}
