/**
 * Mutated Office files (byte flips, truncation, entry-name mutations) through the whole per-file
 * path in enforce mode. Whatever the mutation: no crash (scanFile always returns a row), and the
 * file is either left byte-identical or, when the mutation left a valid package, labeled and
 * verified. Seeded, so a failure reproduces.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { buildDocx, buildPptx, buildXlsx } from "../../bench/scanner/ooxml";
import { DEFAULT_CONTENT_LIMITS } from "../../src/cli/scan/content";
import { inspectFile } from "../../src/cli/scan/inspect";
import { type ScanSettings, scanFile } from "../../src/cli/scan/scanFile";
import type { FileType } from "../../src/cli/formats/fileType";
import {
  REPO,
  SITE,
  cardText,
  cleanup,
  effective,
  labelInfoXml,
  msipProps,
  sha256,
  tempDir,
  write,
} from "./support/helpers";
import { L } from "./support/helpers";

const SEED = 20261129;
const RUNS = 150;

const settings: ScanSettings = {
  mode: "enforce",
  policy: effective(),
  relabel: false,
  justification: null,
  treatRecommendedAsAutomatic: false,
  dryRun: false,
  limits: DEFAULT_CONTENT_LIMITS,
  identity: { name: "fuzz", principalName: "fuzz" },
};

const bases: Array<{ name: string; type: FileType; bytes: Uint8Array }> = [
  {
    name: "custom.docx",
    type: "docx",
    bytes: buildDocx([[cardText(12)]], { customProperties: { Department: "Finance" } }),
  },
  {
    name: "cards.xlsx",
    type: "xlsx",
    bytes: buildXlsx(
      cardText(12)
        .split("\n")
        .map((l) => [l]),
    ),
  },
  {
    name: "labelinfo.pptx",
    type: "pptx",
    bytes: buildPptx([cardText(12).split("\n")], [["notes"]], {
      labelInfo: labelInfoXml([
        { labelId: "f42aa342-8706-4288-bd11-ebb85995028c", siteId: "72f988bf-86f1-41af-91ab-2d7cd011db47" },
      ]),
    }),
  },
  {
    name: "labeled.docx",
    type: "docx",
    bytes: buildDocx([[cardText(12)]], { customProperties: msipProps({ labelId: L.general }) }),
  },
  {
    name: "real.docx",
    type: "docx",
    bytes: readFileSync(join(REPO, "test/fixtures/real-labels/office/tika__testWORD_docSecurity.docx")),
  },
];

/** Offsets of entry names in local and central headers. */
function nameRanges(b: Uint8Array): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i + 46 <= b.length; i++) {
    if (b[i] !== 0x50 || b[i + 1] !== 0x4b) continue;
    if (b[i + 2] === 3 && b[i + 3] === 4) out.push([i + 30, b[i + 26] | (b[i + 27] << 8)]);
    if (b[i + 2] === 1 && b[i + 3] === 2) out.push([i + 46, b[i + 28] | (b[i + 29] << 8)]);
  }
  return out.filter(([, n]) => n > 0);
}

let dir: string;
beforeAll(() => (dir = tempDir("lb-fuzz-")));
afterAll(() => cleanup(dir));

let counter = 0;
const outcomes = new Map<string, number>();

async function check(base: (typeof bases)[number], mutated: Uint8Array): Promise<void> {
  const path = write(join(dir, `${counter++}-${base.name}`), mutated);
  const before = sha256(path);
  const row = await scanFile({ path, size: mutated.length, type: base.type }, settings);
  outcomes.set(row.errorCode ?? row.action, (outcomes.get(row.errorCode ?? row.action) ?? 0) + 1);
  if (row.action === "labeled") {
    const ours = inspectFile(path).labels.find((l) => l.siteId === SITE);
    expect(ours?.labelId).toBe(L.highlyConfidentialAllEmployees);
  } else {
    expect(sha256(path)).toBe(before);
  }
  if (row.action === "error") expect(typeof row.error).toBe("string");
}

const baseIndex = fc.integer({ min: 0, max: bases.length - 1 });

describe("fuzzing Office files through scan --mode enforce", () => {
  test("random byte flips", async () => {
    await fc.assert(
      fc.asyncProperty(
        baseIndex,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 8 }),
        async (k, flips) => {
          const base = bases[k];
          const b = Uint8Array.from(base.bytes);
          for (const [at, x] of flips) b[at % b.length] ^= x;
          await check(base, b);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  }, 120_000);

  test("truncation", async () => {
    await fc.assert(
      fc.asyncProperty(baseIndex, fc.double({ min: 0, max: 1, noNaN: true }), async (k, f) => {
        const base = bases[k];
        await check(base, base.bytes.subarray(0, Math.floor(base.bytes.length * f)));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  }, 120_000);

  test("entry-name mutations (traversal, separators, control characters, case)", async () => {
    const replacements = [0x2f, 0x2e, 0x5c, 0x00, 0x0a, 0x41, 0x61, 0x3a, 0xff];
    await fc.assert(
      fc.asyncProperty(
        baseIndex,
        fc.nat(),
        fc.nat(),
        fc.constantFrom(...replacements),
        fc.boolean(),
        async (k, which, pos, byte, dotdot) => {
          const base = bases[k];
          const b = Uint8Array.from(base.bytes);
          const ranges = nameRanges(b);
          const [start, length] = ranges[which % ranges.length];
          if (dotdot && length >= 3) b.set([0x2e, 0x2e, 0x2f], start);
          else b[start + (pos % length)] = byte;
          await check(base, b);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  }, 120_000);

  afterAll(() => {
    // The mutations must reach the hostile-file paths, not only pass through untouched.
    const seen = [...outcomes.keys()];
    for (const code of ["corrupt", "truncated", "unsafe-entry-name"]) expect(seen).toContain(code);
  });
});
