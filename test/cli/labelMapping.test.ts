/**
 * `inspect` and `scan` through the tenant's label mappings, on real files: the Titus-classified
 * PowerPoint (test/fixtures/real-labels/office/negative/poi__60810.pptx) maps when a mapping says
 * so and stays unlabeled when none does; a partner tenant's label (Word file labeled by tenant
 * 61e6eeb3…) maps by its GUID. Both report the original and the mapped label.
 */
import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { runInspect } from "../../src/cli/commands/inspect";
import { csvReport } from "../../src/cli/report/csv";
import type { Inspection } from "../../src/cli/scan/inspect";
import { DEFAULT_SCAN_SETTINGS, scanFile } from "../../src/cli/scan/scanFile";
import { type LabelMapping, resolveEffectivePolicy } from "../../src/core/policy";
import { buildPptx } from "../../bench/scanner/ooxml";
import { L, REPO, cardText, cleanup, sha256, tempDir, tenant, write } from "./support/helpers";

const OFFICE = join(REPO, "test/fixtures/real-labels/office");
const TITUS = join(OFFICE, "negative/poi__60810.pptx");
const PARTNER_DOC = join(OFFICE, "tika__testWORD_docSecurity.docx");
const PARTNER_SITE = "61e6eeb3-5fd7-4aaa-ae3c-61e8deb09b79";
const PARTNER_LABEL = "03ef5274-90b8-4b3f-8a76-b4c36a43e904";

const MAPPINGS: LabelMapping[] = [
  {
    type: "customProperty",
    name: "Titus",
    property: "Information Classification",
    value: "General",
    labelId: L.general,
  },
  {
    type: "partnerLabel",
    siteId: PARTNER_SITE,
    partnerLabelId: PARTNER_LABEL,
    labelId: L.confidentialAllEmployees,
  },
];

let dir: string;
beforeEach(() => (dir = tempDir()));
afterEach(() => cleanup(dir));

function policyFile(mappings: LabelMapping[]): string {
  return write(join(dir, "policy.json"), JSON.stringify({ ...tenant(), labelMappings: mappings }));
}

async function inspect(path: string, policy?: string) {
  let out = "";
  const io = { out: (t: string) => void (out += t), err: () => {}, progress: { write: () => true } };
  const json = await runInspect(path, { json: true, ...(policy ? { policy } : {}) }, io);
  const text = out;
  out = "";
  await runInspect(path, policy ? { policy } : {}, io);
  return { code: json, result: JSON.parse(text) as Inspection, text: out };
}

describe("inspect through label mappings", () => {
  test("the Titus file maps to our label when a mapping names its property, and stays unlabeled in its metadata", async () => {
    const { code, result, text } = await inspect(TITUS, policyFile(MAPPINGS));
    expect(code).toBe(0);
    expect(result.labels).toEqual([]);
    expect(result.mapping).toEqual({
      original: { kind: "customProperty", property: "Information Classification", value: "General" },
      originalText: "Information Classification = General",
      mapped: { labelId: L.general, displayName: "General", via: "customProperty", mappingName: "Titus" },
    });
    expect(text).toContain(
      `Original label: Information Classification = General; mapped label: "General" ${L.general} (label mapping "Titus")`,
    );
  });

  test("the same file stays unlabeled without a mapping (and without a policy, nothing is mapped)", async () => {
    const none = await inspect(TITUS, policyFile([]));
    expect(none.result.mapping).toEqual({ original: null, originalText: "", mapped: null });
    expect(none.text).toContain("Original label: none; mapped label: none");
    const bare = await inspect(TITUS);
    expect(bare.result.mapping).toBeNull();
    expect(bare.text).not.toContain("Original label");
  });

  test("a partner tenant's label maps by its GUID; unmapped, it is reported and means nothing here", async () => {
    const mapped = await inspect(PARTNER_DOC, policyFile(MAPPINGS));
    expect(mapped.result.mapping?.originalText).toBe(
      `Not Protected_2 (label ${PARTNER_LABEL} of tenant ${PARTNER_SITE})`,
    );
    expect(mapped.result.mapping?.mapped).toEqual({
      labelId: L.confidentialAllEmployees,
      displayName: "Confidential \\ All Employees",
      via: "partnerLabel",
      mappingName: null,
    });
    const unmapped = await inspect(PARTNER_DOC, policyFile([MAPPINGS[0]]));
    expect(unmapped.text).toContain(
      `Original label: Not Protected_2 (label ${PARTNER_LABEL} of tenant ${PARTNER_SITE}); mapped label: none (no label mapping matches it)`,
    );
  });

  test("a PDF labeled by a partner tenant maps by its GUID like an Office file", async () => {
    const pdf = join(REPO, "test/fixtures/real-labels/pdf/semantic-kernel_employees.pdf");
    const mapping: LabelMapping = {
      type: "partnerLabel",
      siteId: "72f988bf-86f1-41af-91ab-2d7cd011db47",
      partnerLabelId: "f42aa342-8706-4288-bd11-ebb85995028c",
      labelId: L.confidentialAllEmployees,
    };
    const { code, result } = await inspect(pdf, policyFile([mapping]));
    expect(code).toBe(0);
    expect(result.mapping?.mapped).toEqual({
      labelId: L.confidentialAllEmployees,
      displayName: expect.stringContaining("All Employees"),
      via: "partnerLabel",
      mappingName: null,
    });
  });

  test("a policy with a bad mapping is refused with the path and the engine's reason", async () => {
    let err = "";
    const io = { out: () => {}, err: (t: string) => void (err += t), progress: { write: () => true } };
    const bad = policyFile([{ ...MAPPINGS[0], value: undefined, pattern: "General(" } as LabelMapping]);
    expect(await runInspect(TITUS, { policy: bad }, io)).toBe(1);
    expect(err).toMatch(/labelMappings\[0\]\.pattern: is not a valid regular expression: .*\(/);
  });
});

describe("scan reports the original and the mapped label", () => {
  test("CSV columns original_label, mapped_label, mapped_label_id; the files stay byte-identical", async () => {
    const share = join(dir, "share");
    mkdirSync(share);
    const titus = join(share, "titus.pptx");
    const partner = join(share, "partner.docx");
    copyFileSync(TITUS, titus);
    copyFileSync(PARTNER_DOC, partner);
    const before = [sha256(titus), sha256(partner)];
    const policy = resolveEffectivePolicy(
      { ...tenant({ phase: "enforce" }), labelMappings: MAPPINGS },
      { id: "labelbridge-scanner", groups: [] },
    );
    const settings = { ...DEFAULT_SCAN_SETTINGS, mode: "enforce" as const, policy };
    const rows = [
      await scanFile({ path: titus, size: 0, type: "pptx" }, settings),
      await scanFile({ path: partner, size: 0, type: "docx" }, settings),
    ];
    const lines = csvReport(rows).split("\r\n");
    const header = lines[0].split(",");
    const cell = (line: string, column: string) => line.split(",")[header.indexOf(column)];
    expect(header.slice(6, 10)).toEqual([
      "current_label_location",
      "original_label",
      "mapped_label",
      "mapped_label_id",
    ]);
    expect(cell(lines[1], "original_label")).toBe("Information Classification = General");
    expect(cell(lines[1], "mapped_label")).toBe("General");
    expect(cell(lines[1], "mapped_label_id")).toBe(L.general);
    expect(cell(lines[1], "current_label")).toBe("");
    expect(cell(lines[2], "mapped_label")).toBe("Confidential \\ All Employees");
    expect(rows[0].labelNotes).toContain(
      'Information Classification = General is mapped to "General" by label mapping "Titus"',
    );
    expect([sha256(titus), sha256(partner)]).toEqual(before);
  });

  test("a mapped classification counts as a person's label: automatic labeling keeps it instead of writing over it", async () => {
    const path = write(
      join(dir, "classified.pptx"),
      buildPptx([cardText(12).split("\n")], [], {
        customProperties: { "Information Classification": "General" },
      }),
    );
    const scanWith = async (mappings: LabelMapping[]) => {
      const policy = resolveEffectivePolicy(
        { ...tenant({ phase: "enforce" }), labelMappings: mappings },
        { id: "labelbridge-scanner", groups: [] },
      );
      const settings = { ...DEFAULT_SCAN_SETTINGS, mode: "enforce" as const, policy, dryRun: true };
      return scanFile({ path, size: 0, type: "pptx" }, settings);
    };
    const unmapped = await scanWith([]);
    expect(unmapped.action).toBe("would-label");
    const mapped = await scanWith(MAPPINGS);
    expect(mapped.action).toBe("kept");
    expect(mapped.reason).toMatch(/^"General" was chosen by a person and is kept/);
  });
});
