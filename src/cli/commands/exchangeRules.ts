/**
 * `labelbridge exchange-rules --policy FILE | --server URL [--out FILE] [--check FILE]`: the Exchange
 * Online backstop as an idempotent PowerShell script, or (--check) the drift between the tenant's
 * rules (`Get-TransportRule | ConvertTo-Json`) and the policy. With --server the whole tenant
 * configuration is read from GET /api/v1/admin/policy, so the token must carry the admin role.
 * Exit codes: 0 written / no drift, 1 failure, 2 usage, 3 drift found. docs/deploy.md shows a run.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { Command, Option } from "commander";
import { type TenantPolicy, formatIssue, validateTenantPolicy } from "../../core/policy";
import { describeDrift, findDrift, hasDrift, parseTransportRules } from "../exchange/drift";
import { exchangeRules } from "../exchange/rules";
import { renderScript } from "../exchange/script";
import { EXIT } from "../main";
import { type Io, processIo, usageError } from "../scan/cliOptions";
import { tokenFrom } from "../scan/policySource";
import { type FetchLike, apiUrl, describeFailure, request } from "../scan/server";

export interface ExchangeRulesOptions {
  policy?: string;
  server?: string;
  token?: string;
  out?: string;
  check?: string;
  json?: boolean;
}

async function loadTenant(
  opts: ExchangeRulesOptions,
  fetchImpl: FetchLike,
): Promise<{ tenant: TenantPolicy; source: string }> {
  let json: unknown;
  let source: string;
  if (opts.policy) {
    source = opts.policy;
    try {
      json = JSON.parse(readFileSync(opts.policy, "utf8"));
    } catch (err) {
      throw new Error(`--policy ${opts.policy}: ${(err as Error).message}`);
    }
  } else {
    const url = apiUrl(opts.server as string, "admin/policy");
    const res = await request(fetchImpl, "GET", url, tokenFrom(opts) ?? "");
    if (!res.ok) throw await describeFailure("GET", url, res);
    json = await res.json();
    source = `${opts.server} (version ${res.headers.get("etag") ?? "?"})`;
  }
  const result = validateTenantPolicy(json);
  if (!result.ok)
    throw new Error(
      `${opts.policy ? `--policy ${opts.policy}` : "the server's configuration"} is not a tenant policy (the whole configuration, with its policies):\n${result.issues.slice(0, 10).map(formatIssue).join("\n")}`,
    );
  return { tenant: result.value, source };
}

export async function runExchangeRules(
  cmd: Command,
  opts: ExchangeRulesOptions,
  io: Io,
  fetchImpl: FetchLike = fetch,
): Promise<number> {
  if (!opts.policy === !opts.server) usageError(cmd, "give --policy FILE or --server URL (one of them)");
  if (opts.server && !tokenFrom(opts))
    usageError(
      cmd,
      "--server needs an admin token: --token TOKEN or the LABELBRIDGE_TOKEN environment variable",
    );
  if (opts.check && opts.out)
    usageError(cmd, "--check reads the tenant's rules; --out writes the script: one at a time");
  try {
    const { tenant, source } = await loadTenant(opts, fetchImpl);
    const set = exchangeRules(tenant);
    if (opts.check) {
      const drift = findDrift(set, parseTransportRules(readFileSync(opts.check, "utf8")));
      io.out(opts.json ? JSON.stringify(drift, null, 2) + "\n" : describeDrift(drift));
      return hasDrift(drift) ? EXIT.findings : EXIT.ok;
    }
    const script = renderScript(set, { tenantName: tenant.name, siteId: tenant.siteId, source });
    if (opts.out) {
      writeFileSync(opts.out, script);
      io.out(`Wrote ${set.rules.length} rule${set.rules.length === 1 ? "" : "s"} to ${opts.out}\n`);
    } else io.out(script);
    for (const n of set.notes) io.err(`labelbridge exchange-rules: note: ${n}\n`);
    return EXIT.ok;
  } catch (err) {
    io.err(`labelbridge exchange-rules: ${(err as Error).message}\n`);
    return EXIT.failure;
  }
}

export function register(program: Command): void {
  const cmd = program
    .command("exchange-rules")
    .description("Write the Exchange Online mail flow rules that back up the policy, or check them for drift")
    .option("--policy <file>", "the tenant configuration (labels, policies, protection) as JSON")
    .option("--server <url>", "Labelbridge backend: GET /api/v1/admin/policy with an admin token")
    .addOption(new Option("--token <token>", "bearer token for --server (default: $LABELBRIDGE_TOKEN)"))
    .option("--out <file>", "write the PowerShell script here (default: standard output)")
    .option(
      "--check <file>",
      "compare with the tenant's rules: the JSON of Get-TransportRule | ConvertTo-Json",
    )
    .option("--json", "with --check: the drift as JSON");
  cmd.action(async (opts: ExchangeRulesOptions) => {
    process.exitCode = await runExchangeRules(cmd, opts, processIo);
  });
}
