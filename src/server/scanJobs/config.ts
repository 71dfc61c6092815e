/**
 * Settings of the scanner cluster, from the environment (docs/scanner-cluster.md lists them). Bad
 * values are refused at start with the variable's name, like every other setting.
 */
import { ConfigError, int } from "../config";

export interface ScanJobsConfig {
  /** App role that lets a token act as a scanner node (the admin role may too). */
  scannerRole: string;
  /** How often nodes send a heartbeat. */
  heartbeatSeconds: number;
  /** A node silent this long is lost: the units it held go back to the queue. */
  nodeTimeoutSeconds: number;
  /** pg-boss: seconds a delivered unit may stay active before pg-boss hands it out again by itself. */
  unitExpireSeconds: number;
  /** Times a unit is handed out before its files are reported as failed. */
  maxAttempts: number;
  /** PostgreSQL schema of the pg-boss tables. */
  queueSchema: string;
}

type Env = Record<string, string | undefined>;

const SCHEMA = /^[a-z_][a-z0-9_]{0,62}$/;

export function loadScanJobsConfig(env: Env): ScanJobsConfig {
  const heartbeatSeconds = int(env, "LABELBRIDGE_SCAN_HEARTBEAT_SECONDS", 10, 1, 300);
  const nodeTimeoutSeconds = int(env, "LABELBRIDGE_SCAN_NODE_TIMEOUT_SECONDS", 60, 2, 3600);
  if (nodeTimeoutSeconds < 2 * heartbeatSeconds)
    throw new ConfigError(
      `LABELBRIDGE_SCAN_NODE_TIMEOUT_SECONDS=${nodeTimeoutSeconds}: must be at least twice LABELBRIDGE_SCAN_HEARTBEAT_SECONDS (${heartbeatSeconds}), or a node is lost between two heartbeats`,
    );
  const queueSchema = env.LABELBRIDGE_SCAN_QUEUE_SCHEMA?.trim() || "pgboss";
  if (!SCHEMA.test(queueSchema))
    throw new ConfigError(
      `LABELBRIDGE_SCAN_QUEUE_SCHEMA=${queueSchema}: must be lower-case letters, digits and '_' (a PostgreSQL schema name)`,
    );
  return {
    scannerRole: env.LABELBRIDGE_SCANNER_ROLE?.trim() || "Labelbridge.Scanner",
    heartbeatSeconds,
    nodeTimeoutSeconds,
    unitExpireSeconds: int(env, "LABELBRIDGE_SCAN_UNIT_EXPIRE_SECONDS", 3600, 60, 7 * 86400),
    maxAttempts: int(env, "LABELBRIDGE_SCAN_MAX_ATTEMPTS", 5, 1, 100),
    queueSchema,
  };
}
