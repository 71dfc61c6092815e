/** The key escrow as the app wires it: its store, keyring and rules, or null parts when unavailable. */
import type { ServerConfig } from "../config";
import { SqlStore } from "../storage/sql";
import type { Store } from "../storage/store";
import { KeyEscrow } from "./escrow";
import { Keyring, loadOrCreateDevKek } from "./keyring";
import { KeyStore } from "./keyStore";

export { protectionAdminRoutes, protectionUserRoutes } from "./routes";
export { protectionUsageRoutes } from "./usage";

export interface ProtectionServices {
  /** null: no KEK configured (Entra deployments must set LABELBRIDGE_KEK). */
  escrow: KeyEscrow | null;
  keys: KeyStore | null;
}

/**
 * `database` is the SQL store; `store` the app's (write-listening) view of it. A development
 * server without LABELBRIDGE_KEK keeps a KEK in its data directory, as it does its signing key.
 */
export function protectionServices(config: ServerConfig, database: Store, store: Store): ProtectionServices {
  if (!(database instanceof SqlStore)) return { escrow: null, keys: null };
  const keys = new KeyStore(database.executor);
  const keyring =
    config.keyEncryption ?? (config.auth.mode === "dev" ? loadOrCreateDevKek(config.dataDir) : null);
  return { escrow: keyring ? new KeyEscrow(keys, store, new Keyring(keyring)) : null, keys };
}
