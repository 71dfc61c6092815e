/**
 * `labelbridge scan` end to end in-process (the worker pool is swapped for the in-process scanner;
 * test/cli/builtCli.test.ts runs the same command through the compiled CLI and its workers).
 */
import { join } from "node:path";
import { buildDocx, buildPptx, buildXlsx } from "../../bench/scanner/ooxml";
import type { ScanCommandOptions } from "../../src/cli/commands/scan";
import { inspectFile } from "../../src/cli/scan/inspect";
import { HOSTILE } from "./support/hostile";
import { type ScanRun, scanCommand } from "./support/scanCommand";
import {
  L,
  OTHER_SITE,
  SITE,
  cardText,
  cleanup,
  eml,
  labelInfoXml,
  msipProps,
  sha256,
  snapshot,
  tempDir,
  write,
  writePolicy,
} from "./support/helpers";

type Run = ScanRun;

let dir: string;
let files: string;
beforeEach(() => {
  dir = tempDir();
  files = join(dir, "share");
});
afterEach(() => cleanup(dir));

const scan = (paths: string[], options: Partial<ScanCommandOptions> = {}): Promise<Run> =>
  scanCommand(dir, paths, options);

const row = (r: Run, name: string) => r.rows.find((x) => x.path === join(files, name))!;
const ourLabel = (name: string) =>
  inspectFile(join(files, name)).labels.find((l) => l.siteId === SITE) ?? null;

/** The share Dana scans: fresh files, labeled files (by a person, by policy, by a partner), mail, text. */
function share(): void {
  write(
    join(files, "one-card.docx"),
    buildDocx([["Please charge credit card ", "4111 1111", " 1111 1111 exp 12/29."]]),
  );
  write(
    join(files, "cards.xlsx"),
    buildXlsx(
      cardText(12)
        .split("\n")
        .map((line) => [line]),
    ),
  );
  write(
    join(files, "person.docx"),
    buildDocx([[cardText(12)]], {
      customProperties: msipProps({ labelId: L.public, method: "Privileged", name: "Public" }),
    }),
  );
  write(
    join(files, "standard.pptx"),
    buildPptx([cardText(12).split("\n")], [], {
      customProperties: msipProps({ labelId: L.general, name: "General" }),
    }),
  );
  write(
    join(files, "partner.docx"),
    buildDocx([[cardText(12)]], {
      customProperties: msipProps({
        labelId: "f42aa342-8706-4288-bd11-ebb85995028c",
        siteId: OTHER_SITE,
        name: "Partner General",
      }),
    }),
  );
  write(
    join(files, "coauthored.docx"),
    buildDocx([[cardText(12)]], {
      labelInfo: labelInfoXml([{ labelId: "f42aa342-8706-4288-bd11-ebb85995028c", siteId: OTHER_SITE }]),
    }),
  );
  write(join(files, "notes.txt"), `Customer list\n${cardText(12)}\n`);
  write(join(files, "clean.docx"), buildDocx([["Nothing to see here."]]));
  const attachment = Buffer.from(buildDocx([[cardText(3)]])).toString("base64");
  write(
    join(files, "mail", "invoice.eml"),
    eml(
      'From: a@example.com\nSubject: invoice\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b"',
      `--b\nContent-Type: text/plain\n\nIBAN DE89 3704 0044 0532 0130 00\n--b\nContent-Type: application/octet-stream\nContent-Disposition: attachment; filename="cards.docx"\nContent-Transfer-Encoding: base64\n\n${attachment}\n--b--\n`,
    ),
  );
}

describe("scan --mode discover", () => {
  test("without a policy: every information type, per file, with counts and confidence; nothing is written", async () => {
    share();
    const before = snapshot(files);
    const r = await scan([files]);
    expect(r.code).toBe(0);
    expect(snapshot(files)).toEqual(before);
    expect(r.rows).toHaveLength(9);
    expect(row(r, "one-card.docx").infoTypes).toEqual([
      { sitId: "50842eb7-edc8-4019-85dd-5a5c1f2bb085", name: "Credit Card Number", count: 1, confidence: 85 },
      {
        sitId: "0e9b3178-9678-47dd-a509-37222ca96b42",
        name: "EU Debit Card Number",
        count: 1,
        confidence: 85,
      },
    ]);
    expect(row(r, "cards.xlsx").infoTypes[0]).toMatchObject({
      name: "Credit Card Number",
      count: 12,
      confidence: 85,
    });
    expect(row(r, "mail/invoice.eml").infoTypes.map((t) => [t.name, t.count])).toEqual([
      ["Credit Card Number", 3],
      ["International Banking Account Number (IBAN)", 1],
      ["EU Debit Card Number", 3],
    ]);
    expect(row(r, "clean.docx").infoTypes).toEqual([]);
    expect(row(r, "person.docx").currentLabel).toMatchObject({
      labelId: L.public,
      method: "Privileged",
      location: "docProps/custom.xml",
    });
    expect(r.rows.every((x) => x.action === "reported" && x.proposed === null)).toBe(true);
    expect(r.out).toContain("Scanned 9 files");
    expect(r.out).toContain("8 with sensitive information, 0 errors");
  });

  test("with a policy: the label each file would get and the condition that chose it, never below its current label", async () => {
    share();
    const before = snapshot(files);
    const r = await scan([files], { policy: writePolicy(dir, { phase: "discover" }) });
    expect(r.code).toBe(0);
    expect(snapshot(files)).toEqual(before);
    expect(row(r, "one-card.docx").proposed).toMatchObject({
      labelId: L.confidentialAllEmployees,
      displayName: "Confidential \\ All Employees",
      mode: "recommend",
    });
    expect(row(r, "one-card.docx").reason).toBe(
      "recommended: Credit Card Number ×1 at confidence 85 (condition ≥ 1 at ≥ 85)",
    );
    expect(row(r, "cards.xlsx").proposed).toMatchObject({
      labelId: L.highlyConfidentialAllEmployees,
      mode: "automatic",
    });
    expect(row(r, "cards.xlsx").reason).toBe(
      "automatic: Credit Card Number ×12 at confidence 85 (condition ≥ 10 at ≥ 85)",
    );
    expect(row(r, "clean.docx").proposed).toBeNull();
    expect(row(r, "clean.docx").reason).toBe("No sensitive information that a label asks for.");
    // Already at the most sensitive label the content asks for: nothing proposed.
    write(
      join(files, "already.docx"),
      buildDocx([[cardText(12)]], {
        customProperties: msipProps({ labelId: L.highlyConfidentialSpecifiedPeople }),
      }),
    );
    const again = await scan([join(files, "already.docx")], { policy: writePolicy(dir) });
    expect(again.rows[0].proposed).toBeNull();
    expect(again.rows[0].reason).toBe("The current label is already at least as sensitive.");
  });
});

describe("scan --mode enforce", () => {
  test("labels files atomically, keeps a person's label and other tenants' labels, and a second run changes nothing", async () => {
    share();
    const policy = writePolicy(dir);
    const person = sha256(join(files, "person.docx"));
    const txt = sha256(join(files, "notes.txt"));
    const r = await scan([files], { mode: "enforce", policy });
    expect(r.code).toBe(0);
    const actions = Object.fromEntries(r.rows.map((x) => [x.path.slice(files.length + 1), x.action]));
    expect(actions).toEqual({
      "cards.xlsx": "labeled",
      "clean.docx": "none",
      "coauthored.docx": "labeled",
      "mail/invoice.eml": "not-labelable",
      "notes.txt": "not-labelable",
      "one-card.docx": "recommended",
      "partner.docx": "labeled",
      "person.docx": "kept",
      "standard.pptx": "kept",
    });
    // The automatic label, written as the scanner writes it: Standard, ContentBits 0.
    expect(ourLabel("cards.xlsx")).toMatchObject({
      labelId: L.highlyConfidentialAllEmployees,
      method: "Standard",
      contentBits: 0,
      location: "docProps/custom.xml",
    });
    expect(ourLabel("coauthored.docx")).toMatchObject({
      labelId: L.highlyConfidentialAllEmployees,
      location: "docMetadata/LabelInfo.xml",
    });
    expect(
      inspectFile(join(files, "partner.docx"))
        .labels.map((l) => l.siteId)
        .sort(),
    ).toEqual([OTHER_SITE, SITE].sort());
    // A person's label is never replaced by an automatic one.
    expect(sha256(join(files, "person.docx"))).toBe(person);
    expect(row(r, "person.docx").reason).toBe(
      '"Public" was chosen by a person and is kept; recommended: Credit Card Number ×12 at confidence 85 (condition ≥ 10 at ≥ 85)',
    );
    expect(row(r, "standard.pptx").reason).toContain(
      'the file is already labeled "General" (--relabel lets the scanner raise it)',
    );
    expect(sha256(join(files, "notes.txt"))).toBe(txt);
    // The JSON report carries no audit events: they go to the backend (server.test.ts).
    expect(r.rows.some((x) => "audit" in x)).toBe(false);

    const after = snapshot(files);
    const second = await scan([files], { mode: "enforce", policy });
    expect(second.code).toBe(0);
    expect(snapshot(files)).toEqual(after);
    expect(second.rows.filter((x) => x.action === "labeled")).toEqual([]);
  });

  test("--relabel raises a label the policy set (Standard), never a person's (Privileged)", async () => {
    share();
    const policy = writePolicy(dir);
    const person = sha256(join(files, "person.docx"));
    const r = await scan([files], { mode: "enforce", policy, relabel: true });
    expect(row(r, "standard.pptx").action).toBe("relabeled");
    expect(ourLabel("standard.pptx")).toMatchObject({
      labelId: L.highlyConfidentialAllEmployees,
      method: "Standard",
    });
    expect(row(r, "person.docx").action).toBe("kept");
    expect(sha256(join(files, "person.docx"))).toBe(person);
  });

  test("lowering a label the content no longer warrants needs --relabel and --justification", async () => {
    write(
      join(files, "fewer.docx"),
      buildDocx([[cardText(1)]], {
        customProperties: msipProps({ labelId: L.highlyConfidentialAllEmployees }),
      }),
    );
    const policy = writePolicy(dir);
    const hash = sha256(join(files, "fewer.docx"));
    const base = { mode: "enforce", policy, treatRecommendedAsAutomatic: true } as const;

    const without = await scan([files], base);
    expect(without.rows[0].action).toBe("none");
    const noJustification = await scan([files], { ...base, relabel: true });
    expect(noJustification.rows[0].action).toBe("kept");
    expect(noJustification.rows[0].reason).toBe(
      'automatic: Credit Card Number ×1 at confidence 85 (condition ≥ 1 at ≥ 85); lowering "Highly Confidential \\ All Employees" needs --justification',
    );
    expect(sha256(join(files, "fewer.docx"))).toBe(hash);

    const justified = await scan([files], {
      ...base,
      relabel: true,
      justification: "Previous label was incorrect",
    });
    expect(justified.rows[0].action).toBe("relabeled");
    expect(ourLabel("fewer.docx")?.labelId).toBe(L.confidentialAllEmployees);
  });

  test("--treat-recommended-as-automatic applies recommended labels; --dry-run writes nothing", async () => {
    share();
    const policy = writePolicy(dir);
    const before = snapshot(files);
    const dry = await scan([files], {
      mode: "enforce",
      policy,
      treatRecommendedAsAutomatic: true,
      dryRun: true,
    });
    expect(snapshot(files)).toEqual(before);
    expect(row(dry, "one-card.docx").action).toBe("would-label");
    expect(row(dry, "cards.xlsx").action).toBe("would-label");
    const real = await scan([files], { mode: "enforce", policy, treatRecommendedAsAutomatic: true });
    expect(row(real, "one-card.docx").action).toBe("labeled");
    expect(ourLabel("one-card.docx")).toMatchObject({
      labelId: L.confidentialAllEmployees,
      method: "Standard",
    });
  });

  test("labelStorage labelInfo writes LabelInfo.xml even where the file has none", async () => {
    write(join(files, "a.docx"), buildDocx([[cardText(12)]]));
    await scan([files], { mode: "enforce", policy: writePolicy(dir, { storage: "labelInfo" }) });
    expect(ourLabel("a.docx")).toMatchObject({
      labelId: L.highlyConfidentialAllEmployees,
      location: "docMetadata/LabelInfo.xml",
    });
    expect(inspectFile(join(files, "a.docx")).customProperties).toBeNull();
  });
});

describe("hostile files", () => {
  test("each becomes a row with its error, stays byte-identical, and the run goes on (exit 1)", async () => {
    for (const [name, h] of Object.entries(HOSTILE)) write(join(files, name), h.bytes());
    write(join(files, "good.docx"), buildDocx([[cardText(12)]]));
    const before = snapshot(files);
    const r = await scan([files], { mode: "enforce", policy: writePolicy(dir) });
    expect(r.code).toBe(1);
    for (const [name, h] of Object.entries(HOSTILE)) {
      const x = row(r, name);
      expect([name, x.action, x.errorCode]).toEqual([name, "error", h.code]);
      expect(x.error).toMatch(h.message);
      expect(sha256(join(files, name))).toBe(before.get(join(files, name)));
    }
    expect(row(r, "good.docx").action).toBe("labeled");
    expect(r.out).toContain(`Errors:\n  ${join(files, "bomb.docx")}: entry "word/document.xml" expands`);
  });
});

describe("exit codes and usage", () => {
  test("--fail-on: 3 when a file holds information at or above the confidence, 0 otherwise", async () => {
    write(join(files, "low.txt"), "4111111111111111");
    expect((await scan([files], { failOn: "high" })).code).toBe(0);
    expect((await scan([files], { failOn: "low" })).code).toBe(3);
    expect((await scan([files], { failOn: "65" })).code).toBe(3);
  });

  test.each([
    [{ mode: "enforce" }, "--mode enforce needs a policy: --policy FILE or --server URL"],
    [{ justification: "x" }, "--justification goes with --relabel"],
    [{ report: ["r.pdf"] }, "--report r.pdf: the name must end in .csv, .json, .jsonl or .html"],
    [
      { failOn: "sometimes" },
      '--fail-on must be low, medium, high, any or a confidence 1–100, got "sometimes"',
    ],
    [{ upload: true }, "--upload sends audit events to --server URL"],
    [{ relabel: true }, "--relabel only applies to --mode enforce"],
  ] as Array<[Partial<ScanCommandOptions>, string]>)("usage error %j → exit 2", async (options, message) => {
    write(join(files, "a.txt"), "x");
    const r = await scan([files], options);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`error: ${message}\n`);
  });

  test("enforce against a policy whose phase does not let the scanner write: exit 4, nothing written; --dry-run still previews", async () => {
    write(join(files, "a.docx"), buildDocx([[cardText(12)]]));
    const before = snapshot(files);
    const policy = writePolicy(dir, { phase: "advance" });
    const r = await scan([files], { mode: "enforce", policy });
    expect(r.code).toBe(4);
    expect(r.err).toContain(
      'the policy is in phase "advance"; the scanner writes labels only in phase "enforce"',
    );
    const dry = await scan([files], { mode: "enforce", policy, dryRun: true });
    expect(dry.code).toBe(0);
    expect(dry.rows[0].action).toBe("would-label");
    expect(snapshot(files)).toEqual(before);
  });

  test("an invalid tenant policy is refused with the field that is wrong (exit 1)", async () => {
    write(join(files, "a.txt"), "x");
    const bad = write(
      join(dir, "bad.json"),
      JSON.stringify({ siteId: SITE, name: "x", labels: [{ id: "nope" }], policies: [] }),
    );
    const r = await scan([files], { policy: bad });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /^labelbridge scan: --policy .*bad\.json is not a valid tenant policy:\nlabels\[0\]\.id: /,
    );
  });
});
