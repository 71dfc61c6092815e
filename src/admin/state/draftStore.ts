/**
 * The draft kept in this tab's sessionStorage, so a reload or a new sign-in loses no edit. It names
 * the tenant and the version it started from, so it is merged, not blindly restored, onto a newer one.
 */
import type { TenantPolicy } from "../../core/policy";

const DRAFT_KEY = "labelbridge.admin.draft";

export interface StoredDraft {
  tenant: string;
  baseVersion: number;
  draft: TenantPolicy;
}

export const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function storedDraft(): StoredDraft | null {
  try {
    const raw = sessionStorage.getItem(DRAFT_KEY);
    return raw ? (JSON.parse(raw) as StoredDraft) : null;
  } catch {
    return null;
  }
}

/** Keeps the draft while it differs from what it started from; forgets it once they are the same. */
export function keepDraft(base: TenantPolicy, baseVersion: number, draft: TenantPolicy): void {
  if (same(base, draft)) forgetDraft();
  else sessionStorage.setItem(DRAFT_KEY, JSON.stringify({ tenant: base.siteId, baseVersion, draft }));
}

export function forgetDraft(): void {
  sessionStorage.removeItem(DRAFT_KEY);
}
