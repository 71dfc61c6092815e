/**
 * `labelbridge token`: mints a development access token with the key the server uses in
 * LABELBRIDGE_AUTH=dev mode (./data/dev-signing-key.json, created when missing).
 */
import type { Command } from "commander";
import { resolve } from "node:path";
import { DEVELOPMENT_SITE_ID, isGuid, normalizeGuid } from "../../core/policy";
import { DEV_CLIENT_ID } from "../../server/config";
import { loadOrCreateDevKey, mintDevToken } from "../../server/auth/dev";

interface TokenOptions {
  user: string;
  groups?: string;
  admin?: boolean;
  name?: string;
  tenant?: string;
  hours: string;
  dataDir?: string;
}

export function register(program: Command): void {
  program
    .command("token")
    .description(
      "Print a development access token for a server started with LABELBRIDGE_AUTH=dev (the default without a client id)",
    )
    .requiredOption("--user <upn-or-oid>", "the user: a UPN like sam@contoso.com, or an object id")
    .option("--groups <ids>", "comma-separated group ids for the token's groups claim")
    .option("--admin", "add the Labelbridge.Admin app role (admin API and reports)")
    .option("--name <display name>", "the name claim")
    .option(
      "--tenant <tid>",
      "tenant id (default: the first of LABELBRIDGE_TENANTS, else the development tenant)",
    )
    .option("--hours <n>", "lifetime in hours", "8")
    .option("--data-dir <dir>", "where the signing key lives (default LABELBRIDGE_DATA_DIR or ./data)")
    .action(async (options: TokenOptions) => {
      const hours = Number(options.hours);
      if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 30)
        throw new Error("--hours must be a number of hours from 0 to 720");
      const tenantRaw =
        options.tenant ?? process.env.LABELBRIDGE_TENANTS?.split(",")[0]?.trim() ?? DEVELOPMENT_SITE_ID;
      const tenantId = normalizeGuid(tenantRaw || DEVELOPMENT_SITE_ID);
      if (!isGuid(tenantId)) throw new Error(`--tenant: '${tenantRaw}' is not a tenant id (GUID)`);
      const dataDir = resolve(options.dataDir ?? process.env.LABELBRIDGE_DATA_DIR ?? "data");
      const key = await loadOrCreateDevKey(dataDir);
      const token = await mintDevToken(key, {
        tenantId,
        clientId: process.env.LABELBRIDGE_CLIENT_ID?.trim() || DEV_CLIENT_ID,
        user: options.user,
        name: options.name,
        groups: (options.groups ?? "")
          .split(",")
          .map((g) => g.trim())
          .filter((g) => g !== ""),
        admin: options.admin === true,
        adminRole: process.env.LABELBRIDGE_ADMIN_ROLE?.trim() || undefined,
        ttlSeconds: Math.round(hours * 3600),
      });
      process.stdout.write(`${token}\n`);
    });
}
