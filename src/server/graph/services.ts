/** Everything Microsoft Graph gives the backend, built once per app from LABELBRIDGE_GRAPH_* settings. */
import { GraphSyncStateStore } from "../storage/graphSyncState";
import { SqlStore } from "../storage/sql";
import type { Store } from "../storage/store";
import { GraphClient, type GraphClientOptions } from "./client";
import type { GraphConfig } from "./config";
import { GroupResolver } from "./overage";
import { GraphSync } from "./sync";
import { GraphTokenProvider } from "./token";

export interface GraphServices {
  config: GraphConfig;
  sync: GraphSync;
  state: GraphSyncStateStore;
  groups: GroupResolver;
}

export function createGraphServices(
  config: GraphConfig,
  store: Store,
  options: GraphClientOptions = {},
): GraphServices {
  if (!(store instanceof SqlStore)) throw new Error("the Graph sync keeps its state in the SQL store");
  const client = new GraphClient(config, new GraphTokenProvider(config, options.fetch), options);
  const state = new GraphSyncStateStore(store.executor);
  return {
    config,
    state,
    sync: new GraphSync(store, state, client, config),
    groups: new GroupResolver(client, {
      ttlMs: config.groupCacheSeconds * 1000,
      size: config.groupCacheSize,
    }),
  };
}
