/**
 * The key escrow's SQL, on the same connection and schema as the rest of the store (SQLite and
 * PostgreSQL alike). Every query is scoped by tenant: a key id of another tenant is simply not found.
 */
import { randomUUID } from "node:crypto";
import type { SqlExecutor } from "../storage/sql";
import type { TimeRange } from "../storage/store";
import type { ProtectionKey } from "../../contracts/adminApi";

/** A kept key as the console lists it, plus the wrapped key itself. */
export interface StoredKey extends ProtectionKey {
  wrapped: string;
}

export type KeyAction = "escrowed" | "released" | "refused" | "revoked" | "discarded" | "rewrapped";

export interface KeyEvent {
  keyId: string;
  labelId: string | null;
  action: KeyAction;
  grant?: "rights-holder" | "super-user" | null;
  reason?: string | null;
  userId: string;
  userName?: string | null;
  itemName?: string | null;
  at: string;
}

export interface KeyEventRow extends Required<Omit<KeyEvent, "grant" | "reason">> {
  eventId: string;
  grant: string | null;
  reason: string | null;
}

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const num = (v: unknown): number => (typeof v === "number" ? v : Number(v));

function keyOf(r: Record<string, unknown>): StoredKey {
  return {
    keyId: String(r.key_id),
    labelId: String(r.label_id),
    kekId: String(r.kek_id),
    wrapped: String(r.wrapped_key),
    itemName: str(r.item_name),
    createdAt: String(r.created_at),
    createdBy: String(r.created_by),
    createdByName: str(r.created_by_name),
    revokedAt: str(r.revoked_at),
    revokeReason: str(r.revoke_reason),
  };
}

function eventOf(r: Record<string, unknown>): KeyEventRow {
  return {
    eventId: String(r.event_id),
    keyId: String(r.key_id),
    labelId: str(r.label_id),
    action: String(r.action) as KeyAction,
    grant: str(r.grant_kind),
    reason: str(r.reason),
    userId: String(r.user_id),
    userName: str(r.user_name),
    itemName: str(r.item_name),
    at: String(r.occurred_at),
  };
}

const KEY_COLUMNS = `key_id, label_id, kek_id, wrapped_key, item_name, created_at, created_by, created_by_name, revoked_at, revoke_reason`;

export class KeyStore {
  constructor(private readonly db: SqlExecutor) {}

  /** False when the tenant already has a key with this id. */
  async insert(tenantId: string, key: Omit<StoredKey, "revokedAt" | "revokeReason">): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO protection_keys (tenant_id, key_id, label_id, kek_id, wrapped_key, item_name, created_at, created_by, created_by_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (tenant_id, key_id) DO NOTHING RETURNING key_id`,
      [
        tenantId,
        key.keyId,
        key.labelId,
        key.kekId,
        key.wrapped,
        key.itemName,
        key.createdAt,
        key.createdBy,
        key.createdByName,
      ],
    );
    return rows.length === 1;
  }

  async get(tenantId: string, keyId: string): Promise<StoredKey | null> {
    const rows = await this.db.query(
      `SELECT ${KEY_COLUMNS} FROM protection_keys WHERE tenant_id = $1 AND key_id = $2`,
      [tenantId, keyId],
    );
    return rows.length === 0 ? null : keyOf(rows[0]);
  }

  async list(tenantId: string, options: { labelId?: string; limit: number }): Promise<StoredKey[]> {
    const rows = await this.db.query(
      `SELECT ${KEY_COLUMNS} FROM protection_keys WHERE tenant_id = $1 AND ($2 = '' OR label_id = $2)
        ORDER BY created_at DESC, key_id LIMIT $3`,
      [tenantId, options.labelId ?? "", options.limit],
    );
    return rows.map(keyOf);
  }

  /** False when the key does not exist or was already revoked. */
  async revoke(tenantId: string, keyId: string, by: string, reason: string, at: string): Promise<boolean> {
    const changed = await this.db.run(
      `UPDATE protection_keys SET revoked_at = $3, revoked_by = $4, revoke_reason = $5
        WHERE tenant_id = $1 AND key_id = $2 AND revoked_at IS NULL`,
      [tenantId, keyId, at, by, reason],
    );
    return changed === 1;
  }

  async wrappedWithOtherKek(tenantId: string, kekId: string, limit: number): Promise<StoredKey[]> {
    const rows = await this.db.query(
      `SELECT ${KEY_COLUMNS} FROM protection_keys WHERE tenant_id = $1 AND kek_id <> $2 ORDER BY key_id LIMIT $3`,
      [tenantId, kekId, limit],
    );
    return rows.map(keyOf);
  }

  /** The tenant's keys per KEK (the protection_keys_by_kek index). */
  async countByKek(tenantId: string): Promise<{ kekId: string; kept: number; revoked: number }[]> {
    const rows = await this.db.query(
      `SELECT kek_id, COUNT(*) AS kept, COUNT(revoked_at) AS revoked FROM protection_keys
        WHERE tenant_id = $1 GROUP BY kek_id ORDER BY kek_id`,
      [tenantId],
    );
    return rows.map((r) => ({ kekId: String(r.kek_id), kept: Number(r.kept), revoked: Number(r.revoked) }));
  }

  /** Replaces a wrapped key only if it is still the one that was read (a concurrent rewrap wins once). */
  async rewrap(tenantId: string, key: StoredKey, kekId: string, wrapped: string): Promise<boolean> {
    const changed = await this.db.run(
      `UPDATE protection_keys SET kek_id = $3, wrapped_key = $4
        WHERE tenant_id = $1 AND key_id = $2 AND kek_id = $5 AND wrapped_key = $6`,
      [tenantId, key.keyId, kekId, wrapped, key.kekId, key.wrapped],
    );
    return changed === 1;
  }

  async record(tenantId: string, e: KeyEvent): Promise<void> {
    await this.db.run(
      `INSERT INTO protection_key_events (tenant_id, event_id, key_id, label_id, action, grant_kind, reason, user_id, user_name, item_name, occurred_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        tenantId,
        randomUUID(),
        e.keyId,
        e.labelId,
        e.action,
        e.grant ?? null,
        e.reason ?? null,
        e.userId,
        e.userName ?? null,
        e.itemName ? e.itemName.slice(0, 400) : null,
        e.at,
      ],
    );
  }

  async eventCounts(
    tenantId: string,
    range: TimeRange,
  ): Promise<{ day: string; action: string; labelId: string | null; grant: string | null; count: number }[]> {
    const rows = await this.db.query(
      `SELECT SUBSTR(occurred_at, 1, 10) AS day, action, COALESCE(label_id, '') AS label,
              COALESCE(grant_kind, '') AS grant_kind, CAST(COUNT(*) AS INTEGER) AS n
         FROM protection_key_events WHERE tenant_id = $1 AND occurred_at >= $2 AND occurred_at < $3
        GROUP BY SUBSTR(occurred_at, 1, 10), action, COALESCE(label_id, ''), COALESCE(grant_kind, '')
        ORDER BY day, action, label, grant_kind`,
      [tenantId, range.from, range.to],
    );
    return rows.map((r) => ({
      day: String(r.day),
      action: String(r.action),
      labelId: r.label === "" ? null : str(r.label),
      grant: r.grant_kind === "" ? null : str(r.grant_kind),
      count: num(r.n),
    }));
  }

  async events(
    tenantId: string,
    range: TimeRange,
    filter: { action: KeyAction; grant?: string },
    limit: number,
  ): Promise<KeyEventRow[]> {
    const rows = await this.db.query(
      `SELECT event_id, key_id, label_id, action, grant_kind, reason, user_id, user_name, item_name, occurred_at
         FROM protection_key_events
        WHERE tenant_id = $1 AND occurred_at >= $2 AND occurred_at < $3 AND action = $4 AND ($5 = '' OR grant_kind = $5)
        ORDER BY occurred_at DESC, event_id LIMIT $6`,
      [tenantId, range.from, range.to, filter.action, filter.grant ?? "", limit],
    );
    return rows.map(eventOf);
  }

  async keyCounts(tenantId: string): Promise<{ total: number; revoked: number }> {
    const rows = await this.db.query(
      `SELECT CAST(COUNT(*) AS INTEGER) AS total,
              CAST(SUM(CASE WHEN revoked_at IS NULL THEN 0 ELSE 1 END) AS INTEGER) AS revoked
         FROM protection_keys WHERE tenant_id = $1`,
      [tenantId],
    );
    return { total: num(rows[0]?.total ?? 0), revoked: num(rows[0]?.revoked ?? 0) };
  }
}
