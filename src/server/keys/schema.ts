/**
 * Tables of the key escrow: one row per protected file's key (wrapped, never in the clear) and one
 * per escrow, release, refusal or revocation — the protection usage reports read the latter.
 */
import type { Migration } from "../storage/migrations";

export const PROTECTION_MIGRATION: Migration = {
  id: 4,
  name: "protection key escrow and its audit",
  statements: [
    `CREATE TABLE protection_keys (
      tenant_id TEXT NOT NULL,
      key_id TEXT NOT NULL,
      label_id TEXT NOT NULL,
      kek_id TEXT NOT NULL,
      wrapped_key TEXT NOT NULL,
      item_name TEXT,
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL,
      created_by_name TEXT,
      revoked_at TEXT,
      revoked_by TEXT,
      revoke_reason TEXT,
      PRIMARY KEY (tenant_id, key_id)
    )`,
    `CREATE INDEX protection_keys_by_kek ON protection_keys (tenant_id, kek_id)`,
    `CREATE TABLE protection_key_events (
      tenant_id TEXT NOT NULL,
      event_id TEXT NOT NULL,
      key_id TEXT NOT NULL,
      label_id TEXT,
      action TEXT NOT NULL,
      grant_kind TEXT,
      reason TEXT,
      user_id TEXT NOT NULL,
      user_name TEXT,
      item_name TEXT,
      occurred_at TEXT NOT NULL,
      PRIMARY KEY (tenant_id, event_id)
    )`,
    `CREATE INDEX protection_key_events_by_time ON protection_key_events (tenant_id, occurred_at)`,
  ],
};
