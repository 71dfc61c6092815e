/**
 * The Exchange backstop: the script for two tenants compared with reviewed golden files (a Purview
 * tenant with a Labelbridge label, recipient rules and mandatory labeling; an Australian Government
 * tenant with EPMS markings and moderation), what it refuses, and drift against Get-TransportRule JSON.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Command } from "commander";
import { runExchangeRules } from "../../../src/cli/commands/exchangeRules";
import { findDrift, parseTransportRules } from "../../../src/cli/exchange/drift";
import { exchangeRules } from "../../../src/cli/exchange/rules";
import { psString, renderScript } from "../../../src/cli/exchange/script";
import { parseTenantPolicy } from "../../../src/core/policy";
import { captureIo, cleanup, tempDir, write } from "../support/helpers";
import { tenantRulesFor } from "./fixtures";
import { australia, contoso } from "./tenants";

const GOLDEN = join(__dirname, "golden");

function golden(name: string, actual: string): void {
  const path = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === "1") writeFileSync(path, actual);
  if (!existsSync(path)) throw new Error(`${path} is missing: run with UPDATE_GOLDEN=1, then review it`);
  expect(actual).toBe(readFileSync(path, "utf8"));
}

let dir: string;
beforeEach(() => (dir = tempDir("lb-exchange-")));
afterEach(() => cleanup(dir));

async function run(args: Parameters<typeof runExchangeRules>[1]) {
  const { o, sink } = captureIo();
  const code = await runExchangeRules(new Command("exchange-rules").exitOverride(), args, sink);
  return { code, ...o };
}

describe("exchange-rules script", () => {
  test("Contoso: encrypt protecting labels, reject unlabeled internal mail except listed senders, mirror recipient rules", async () => {
    const policy = write(join(dir, "contoso.json"), JSON.stringify(contoso()));
    const r = await run({ policy });
    expect(r.code).toBe(0);
    golden("contoso.ps1", r.out.replace(policy, "contoso.json"));
    expect(r.err).toContain("recipient rule 2 only warns; a transport rule cannot warn");
  });

  test("Australia: X-Protective-Marking and the subject marking per label, unlabeled mail held for moderation", () => {
    const t = australia();
    golden(
      "australia.ps1",
      renderScript(exchangeRules(t), { tenantName: t.name, siteId: t.siteId, source: "australia.json" }),
    );
  });

  test("the same policy always gives the same script (safe to diff and re-run)", () => {
    const t = contoso();
    const a = renderScript(exchangeRules(t), { tenantName: t.name, siteId: t.siteId, source: "x" });
    expect(
      renderScript(exchangeRules(contoso()), { tenantName: t.name, siteId: t.siteId, source: "x" }),
    ).toBe(a);
  });

  test("values are PowerShell literals: quotes doubled (typographic ones too), no line breaks", () => {
    expect(psString("it's ‘fine’\r\nreally")).toBe("'it''s ‘‘fine’’ really'");
  });

  test("rules stop where a policy is not live, and moderation needs moderators", async () => {
    const t = contoso();
    const draft = parseTenantPolicy({ ...t, policies: t.policies.map((p) => ({ ...p, phase: "define" })) });
    expect(exchangeRules(draft).rules.map((r) => r.name)).toEqual([
      "Labelbridge encrypt HighlyConfidential_AllEmployees",
      "Labelbridge encrypt HighlyConfidential_SpecifiedPeople",
    ]);
    const noModerators = parseTenantPolicy({
      ...t,
      protection: { exchange: { mandatoryMailAction: "moderate" } },
    });
    const r = await run({ policy: write(join(dir, "p.json"), JSON.stringify(noModerators)) });
    expect(r.code).toBe(1);
    expect(r.err).toContain("protection.exchange.moderators is empty");
  });

  test("an effective policy (not the whole configuration) is refused with why", async () => {
    const r = await run({ policy: write(join(dir, "e.json"), JSON.stringify({ siteId: "x", labels: [] })) });
    expect(r.code).toBe(1);
    expect(r.err).toContain("is not a tenant policy (the whole configuration, with its policies)");
  });
});

describe("exchange-rules --check", () => {
  const set = () => exchangeRules(contoso());

  test("no drift when the tenant's rules are what the script makes (recipients shown by alias)", async () => {
    const policy = write(join(dir, "c.json"), JSON.stringify(contoso()));
    const check = write(join(dir, "rules.json"), JSON.stringify(tenantRulesFor(set()), null, 2));
    const r = await run({ policy, check });
    expect([r.code, r.out]).toEqual([0, "no drift: the tenant's rules are what the policy needs\n"]);
  });

  test("missing, extra and changed rules are listed and exit 3", async () => {
    const rules = tenantRulesFor(set());
    const dropped = rules.splice(1, 1)[0];
    rules.push({
      Name: "Labelbridge encrypt Retired_Label",
      State: "Enabled",
      Mode: "Enforce",
      ApplyOME: true,
    });
    rules.push({ Name: "Someone else's rule", State: "Enabled", ApplyOME: true });
    rules[0].ApplyRightsProtectionTemplate = { Name: "Do Not Forward" };
    rules[0].State = "Disabled";
    rules[1].ExceptIfFrom = ["scanner"];
    rules[1].ApplyOME = true;
    const policy = write(join(dir, "c.json"), JSON.stringify(contoso()));
    const check = write(join(dir, "rules.json"), JSON.stringify(rules));
    const r = await run({ policy, check });
    expect(r.code).toBe(3);
    expect(r.out.split("\n")).toEqual([
      `missing  ${dropped.Name}`,
      "extra    Labelbridge encrypt Retired_Label  (the policy no longer needs it)",
      "changed  Labelbridge encrypt HighlyConfidential_AllEmployees  ApplyRightsProtectionTemplate: want Encrypt, have Do Not Forward",
      "changed  Labelbridge encrypt HighlyConfidential_AllEmployees  State: want Enabled, have Disabled",
      "changed  Labelbridge require label Default policy  ExceptIfFrom: want scanner@contoso.com, journal@contoso.com, have scanner",
      "changed  Labelbridge require label Default policy  ApplyOME: want (not set), have true",
      "",
    ]);
  });

  test("one rule exported as a single object, and a numeric enum, are read", () => {
    const [first] = tenantRulesFor(set());
    const drift = findDrift(set(), parseTransportRules(JSON.stringify({ ...first, Mode: 2 })));
    expect(drift.changed).toEqual([
      {
        rule: first.Name,
        field: "Mode",
        want: "Enforce",
        have: "2 (export with ConvertTo-Json -EnumsAsStrings)",
      },
    ]);
    expect(drift.missing).toHaveLength(set().rules.length - 1);
  });
});
