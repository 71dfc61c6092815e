/**
 * Content scan jobs run by a cluster of scanner nodes (docs/scanner-cluster.md): opened once per
 * backend instance over its store, with admin routes (under /api/v1/admin) and node routes (under
 * /api/v1/scanner) registered by src/server/app.ts.
 */
import type { FastifyBaseLogger } from "fastify";
import type { Store } from "../storage/store";
import { AdminService } from "./adminService";
import { ScanJobsBackground } from "./background";
import type { ScanJobsConfig } from "./config";
import { type ScanJobsContext, openScanJobs } from "./context";
import { ScannerService } from "./scannerService";

declare module "fastify" {
  interface FastifyInstance {
    scanJobs: ScanJobs;
  }
}

export interface ScanJobs {
  ctx: ScanJobsContext;
  admin: AdminService;
  scanner: ScannerService;
  background: ScanJobsBackground;
  close(): Promise<void>;
}

export async function createScanJobs(
  store: Store,
  config: ScanJobsConfig,
  log: FastifyBaseLogger,
  now?: () => Date,
): Promise<ScanJobs> {
  const ctx = await openScanJobs(store, config, log, now);
  const admin = new AdminService(ctx);
  const scanner = new ScannerService(ctx);
  const background = new ScanJobsBackground(ctx, admin, scanner);
  return {
    ctx,
    admin,
    scanner,
    background,
    async close() {
      background.stop();
      await ctx.queue.stop();
    },
  };
}

export { migrateScanJobTables } from "./context";
export { default as scanJobAdminRoutes } from "./adminRoutes";
export { default as scannerRoutes } from "./scannerRoutes";
