/**
 * The key escrow's rules, apart from HTTP: a key is escrowed only for a label of the caller's tenant
 * that protects with Labelbridge; it is released only as decideKeyRelease allows (the label's rights
 * holders as the policy says now, or the tenant's super users); every escrow, release and refusal is
 * recorded before the caller hears the answer, so no key leaves without its audit row.
 */
import { decideKeyRelease } from "../../core/decide";
import { labelProtection, tenantProtectionSchema, type TenantPolicy } from "../../core/policy";
import type { ProtectionKekKeys, ProtectionKekStatus } from "../../contracts/adminApi";
import type { Principal } from "../auth/principal";
import { HttpError } from "../errors";
import type { Store } from "../storage/store";
import { type Keyring, KeyringError } from "./keyring";
import type { KeyStore, StoredKey } from "./keyStore";

export const KEY_ID = /^[0-9a-f]{32}$/;

export interface EscrowRequest {
  keyId: string;
  labelId: string;
  password: string;
  itemName?: string;
}

export interface Release {
  keyId: string;
  labelId: string;
  labelName: string | null;
  password: string;
  grant: "rights-holder" | "super-user";
}

const who = (p: Principal) => ({ userId: p.userId, userName: p.upn ?? p.name ?? null });

export class KeyEscrow {
  constructor(
    private readonly keys: KeyStore,
    private readonly store: Store,
    private readonly keyring: Keyring,
  ) {}

  private async tenant(tenantId: string): Promise<TenantPolicy | null> {
    return (await this.store.getPolicy(tenantId))?.document ?? null;
  }

  async escrow(principal: Principal, req: EscrowRequest, at: string): Promise<StoredKey> {
    const tenant = await this.tenant(principal.tenantId);
    const label = tenant?.labels.find((l) => l.id === req.labelId);
    if (!label)
      throw new HttpError(400, "unknown-label", `label ${req.labelId} is not one of your tenant's labels`);
    if (labelProtection(label).kind !== "labelbridge")
      throw new HttpError(
        400,
        "label-not-protected",
        `label "${label.displayName}" does not protect with Labelbridge; no key is kept for it`,
      );
    const { kekId, wrapped } = this.keyring.wrap(principal.tenantId, req.keyId, req.password);
    const stored = {
      keyId: req.keyId,
      labelId: label.id,
      kekId,
      wrapped,
      itemName: req.itemName?.slice(0, 400) ?? null,
      createdAt: at,
      createdBy: principal.userId,
      createdByName: who(principal).userName,
    };
    if (!(await this.keys.insert(principal.tenantId, stored)))
      throw new HttpError(
        409,
        "key-exists",
        `a key with id ${req.keyId} is already kept; make a new key per file`,
      );
    await this.keys.record(principal.tenantId, {
      keyId: req.keyId,
      labelId: label.id,
      action: "escrowed",
      itemName: stored.itemName,
      ...who(principal),
      at,
    });
    return { ...stored, revokedAt: null, revokeReason: null };
  }

  private async refuse(
    principal: Principal,
    keyId: string,
    labelId: string | null,
    reason: string,
    itemName: string | null,
    at: string,
    error: HttpError,
  ): Promise<never> {
    await this.keys.record(principal.tenantId, {
      keyId,
      labelId,
      action: "refused",
      reason,
      itemName,
      ...who(principal),
      at,
    });
    throw error;
  }

  async release(principal: Principal, keyId: string, itemName: string | null, at: string): Promise<Release> {
    const key = await this.keys.get(principal.tenantId, keyId);
    if (!key)
      return this.refuse(
        principal,
        keyId,
        null,
        "key-unknown",
        itemName,
        at,
        new HttpError(
          404,
          "key-unknown",
          "no key is kept for this file in your tenant: it was encrypted outside Labelbridge or by another organisation",
        ),
      );
    if (key.revokedAt)
      return this.refuse(
        principal,
        keyId,
        key.labelId,
        "key-revoked",
        itemName ?? key.itemName,
        at,
        new HttpError(
          410,
          "key-revoked",
          `the file's key was revoked on ${key.revokedAt}${key.revokeReason ? ` (${key.revokeReason})` : ""}`,
        ),
      );
    const tenant = await this.tenant(principal.tenantId);
    const label = tenant?.labels.find((l) => l.id === key.labelId);
    const protection = tenantProtectionSchema.parse(tenant?.protection ?? {});
    const decision = decideKeyRelease(label, protection, {
      id: principal.userId,
      upn: principal.upn,
      groups: principal.groups,
    });
    if (decision.outcome === "refuse")
      return this.refuse(
        principal,
        keyId,
        key.labelId,
        decision.reason,
        itemName ?? key.itemName,
        at,
        new HttpError(403, "key-refused", decision.message),
      );
    let password: string;
    try {
      password = this.keyring.unwrap(principal.tenantId, keyId, key.kekId, key.wrapped);
    } catch (err) {
      if (err instanceof KeyringError) throw new HttpError(503, "key-unavailable", err.message);
      throw err;
    }
    await this.keys.record(principal.tenantId, {
      keyId,
      labelId: key.labelId,
      action: "released",
      grant: decision.grant,
      itemName: itemName ?? key.itemName,
      ...who(principal),
      at,
    });
    return {
      keyId,
      labelId: key.labelId,
      labelName: label?.displayName ?? null,
      password,
      grant: decision.grant,
    };
  }

  list(tenantId: string, options: { labelId?: string; limit: number }): Promise<StoredKey[]> {
    return this.keys.list(tenantId, options);
  }

  /** The escrowing user withdraws a key its file never used (the write failed); recorded as discarded. */
  async discard(principal: Principal, keyId: string, at: string): Promise<void> {
    const key = await this.keys.get(principal.tenantId, keyId);
    if (!key || key.createdBy !== principal.userId)
      throw new HttpError(404, "key-unknown", "you have kept no key with this id");
    if (
      await this.keys.revoke(
        principal.tenantId,
        keyId,
        principal.userId,
        "discarded: the file was not written",
        at,
      )
    )
      await this.keys.record(principal.tenantId, {
        keyId,
        labelId: key.labelId,
        action: "discarded",
        ...who(principal),
        at,
      });
  }

  async revoke(principal: Principal, keyId: string, reason: string, at: string): Promise<StoredKey> {
    const key = await this.keys.get(principal.tenantId, keyId);
    if (!key) throw new HttpError(404, "key-unknown", `no key ${keyId} in your tenant`);
    if (!(await this.keys.revoke(principal.tenantId, keyId, principal.userId, reason, at)))
      throw new HttpError(409, "key-revoked", `the key was already revoked on ${key.revokedAt}`);
    await this.keys.record(principal.tenantId, {
      keyId,
      labelId: key.labelId,
      action: "revoked",
      reason,
      ...who(principal),
      at,
    });
    return { ...key, revokedAt: at, revokeReason: reason };
  }

  /** Which KEKs this server holds, and how many of the tenant's keys each wraps. */
  async kekStatus(tenantId: string): Promise<ProtectionKekStatus> {
    const retired = this.keyring.retiredIds;
    const statusOf = (kekId: string): ProtectionKekKeys["status"] =>
      kekId === this.keyring.currentId ? "current" : this.keyring.has(kekId) ? "retired" : "missing";
    const counts = await this.keys.countByKek(tenantId);
    return {
      current: this.keyring.currentId,
      retired,
      keys: counts.map((c) => ({
        kekId: c.kekId,
        status: statusOf(c.kekId),
        kept: c.kept,
        revoked: c.revoked,
      })),
    };
  }

  /** Re-wraps every key of the tenant not yet under the current KEK. */
  async rewrap(principal: Principal, at: string): Promise<{ rewrapped: number; kekId: string }> {
    let rewrapped = 0;
    for (;;) {
      const batch = await this.keys.wrappedWithOtherKek(principal.tenantId, this.keyring.currentId, 200);
      if (batch.length === 0) break;
      for (const key of batch) {
        let secret: string;
        try {
          secret = this.keyring.unwrap(principal.tenantId, key.keyId, key.kekId, key.wrapped);
        } catch (err) {
          throw new HttpError(
            503,
            "key-unavailable",
            `key ${key.keyId}: ${(err as Error).message}; ${rewrapped} keys were re-wrapped`,
          );
        }
        const { kekId, wrapped } = this.keyring.wrap(principal.tenantId, key.keyId, secret);
        if (await this.keys.rewrap(principal.tenantId, key, kekId, wrapped)) rewrapped++;
      }
    }
    if (rewrapped > 0)
      await this.keys.record(principal.tenantId, {
        keyId: "*",
        labelId: null,
        action: "rewrapped",
        reason: `${rewrapped} keys now under KEK '${this.keyring.currentId}'`,
        ...who(principal),
        at,
      });
    return { rewrapped, kekId: this.keyring.currentId };
  }
}
