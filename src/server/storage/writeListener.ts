/**
 * A store that says when a tenant's configuration was written through it, so what this instance
 * derived from the previous version is dropped before the writer gets its answer. Called after
 * every attempt — stored, refused as stale (someone else's write is then current) or failed — since
 * each may mean the last version this instance saw is no longer current.
 */
import type { PolicyWrite, PolicyWriteResult, Store } from "./store";

export function withWriteListener(store: Store, written: (tenantId: string) => void): Store {
  const writePolicy = async (tenantId: string, write: PolicyWrite): Promise<PolicyWriteResult> => {
    try {
      return await store.writePolicy(tenantId, write);
    } finally {
      written(tenantId);
    }
  };
  // A proxy rather than a copy: engine-specific members (SqlStore's executor, instanceof) stay visible.
  return new Proxy(store, {
    get: (target, property, receiver) =>
      property === "writePolicy" ? writePolicy : Reflect.get(target, property, receiver),
  });
}
