import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Command } from "commander";
import { type ScanCommandOptions, runScanCommand } from "../../src/cli/commands/scan";
import { runExport, runImport } from "../../src/cli/commands/infoTypes";
import type { Io } from "../../src/cli/scan/cliOptions";
import { inProcessScanner } from "../../src/cli/scan/pool";
import type { ScanRow } from "../../src/cli/scan/row";
import { importRulePackage } from "../../src/core/detect/rulePackage/import";
import { L, REPO, cleanup, sha256, tempDir, tenant, write } from "./support/helpers";

const PACKAGE = join(REPO, "test/fixtures/rule-packages/wortell_HealthCare.xml");
const BSN_TYPE = "33716ade-046c-425b-88e7-03e2b973d775";

let dir: string;
beforeEach(() => (dir = tempDir()));
afterEach(() => cleanup(dir));

function capture() {
  const io = {
    text: "",
    errors: "",
    out: (t: string) => void (io.text += t),
    err: (t: string) => void (io.errors += t),
  };
  return io;
}

/** A configuration whose Confidential label is recommended for the imported BSN type at 85. */
function policyFile(sitId = BSN_TYPE): string {
  const t = tenant({ phase: "advance" });
  const labels = t.labels.map((l) =>
    l.id === L.confidentialAllEmployees
      ? { ...l, conditions: [{ mode: "recommend", sitId, minCount: 1, minConfidence: 85 }] }
      : l,
  );
  return write(join(dir, "policy.json"), JSON.stringify({ ...t, labels }, null, 1));
}

describe("labelbridge info-types import", () => {
  test("reports per entity and adds the importable types to the configuration", () => {
    const policy = write(join(dir, "policy.json"), JSON.stringify(tenant({ phase: "advance" })));
    const io = capture();
    expect(runImport(PACKAGE, { policy }, io)).toBe(0);
    expect(io.text).toContain(
      'rule package b0b9cbf8-37e3-4c24-8318-1f011c758264 "Wortell - Sensitive Information Set for Dutch Healtcare Sector" 7.0.1.0 by Wortell',
    );
    expect(io.text).toContain(
      "imported  33716ade-046c-425b-88e7-03e2b973d775  Custom - Netherlands Citizen's Service (BSN) Number  (1 of 1 patterns)",
    );
    expect(io.text).toContain(
      "skipped   6e415f06-87ff-40a7-bf50-f6d8e7825ec9  Custom - Netherlands ZIP Code + City  (0 of 1 patterns)",
    );
    expect(io.text).toContain("    - '86c85b56-0be8-4cc8-896a-e303b754d193' is not in this package");
    expect(io.text).toContain("11 of 13 entities imported");
    const written = JSON.parse(readFileSync(policy, "utf8"));
    expect(written.infoTypes).toHaveLength(11);
    // Importing again replaces, never duplicates.
    expect(runImport(PACKAGE, { policy }, capture())).toBe(0);
    expect(JSON.parse(readFileSync(policy, "utf8")).infoTypes).toHaveLength(11);
  });

  test("a configuration that would not validate is left byte-identical, with the reason", () => {
    const policy = policyFile("6a0c39cd-8f37-4c59-9d1e-3d6bb2a6afff");
    const before = sha256(policy);
    const io = capture();
    expect(runImport(PACKAGE, { policy }, io)).toBe(4);
    expect(io.errors).toContain("not changed; the configuration would not be valid");
    expect(io.errors).toContain(
      "conditions[0].sitId: 6a0c39cd-8f37-4c59-9d1e-3d6bb2a6afff is neither a built-in nor one of infoTypes",
    );
    expect(sha256(policy)).toBe(before);
  });
});

describe("labelbridge info-types export", () => {
  test("writes UTF-16LE with a BOM that imports back to the same types", () => {
    const policy = policyFile();
    expect(runImport(PACKAGE, { policy }, capture())).toBe(0);
    const out = join(dir, "pack.xml");
    const io = capture();
    expect(runExport({ policy, out, rulePackId: "12345678-1111-4111-8111-111111111111" }, io)).toBe(0);
    const bytes = new Uint8Array(readFileSync(out));
    expect([bytes[0], bytes[1]]).toEqual([0xff, 0xfe]);
    const back = importRulePackage(bytes);
    expect(back.rulePack.id).toBe("12345678-1111-4111-8111-111111111111");
    expect(back.infoTypes).toEqual(JSON.parse(readFileSync(policy, "utf8")).infoTypes);
  });
});

describe("labelbridge scan with an imported custom type", () => {
  test("the type is found in a file and recommends its label", async () => {
    const policy = policyFile();
    expect(runImport(PACKAGE, { policy }, capture())).toBe(0);
    const share = join(dir, "share");
    write(join(share, "intake.txt"), "Intake formulier. Het BSN van de cliënt is 111222333.\n");
    const report = join(dir, "report.json");
    const io: Io = { out: () => undefined, err: () => undefined, progress: { write: () => true } };
    const opts: ScanCommandOptions = {
      mode: "discover",
      report: [report],
      include: [],
      exclude: [],
      progress: false,
      fileTimeout: 120,
      policy,
    };
    const code = await runScanCommand(new Command("scan").exitOverride(), [share], opts, {
      io,
      scanner: (settings) => inProcessScanner(settings),
    });
    expect(code).toBe(0);
    const rows = JSON.parse(readFileSync(report, "utf8")).rows as ScanRow[];
    expect(rows[0].infoTypes).toContainEqual({
      sitId: BSN_TYPE,
      name: "Custom - Netherlands Citizen's Service (BSN) Number",
      count: 1,
      confidence: 85,
    });
    expect(rows[0].proposed?.labelId).toBe(L.confidentialAllEmployees);
  });
});
