/**
 * A real third-party reader for what the scanner writes: LibreOffice converts files the scanner
 * labeled to ODF, and the converted file's meta.xml must carry our MSIP_Label_* custom properties
 * as user-defined properties with exactly the values we wrote. Files carrying LabelInfo.xml must
 * still convert. LibreOffice missing is a failure, never a skip (CI installs it in .ci/run).
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync } from "node:fs";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import { unzipSync } from "fflate";
import { buildDocx, buildPptx, buildXlsx } from "../../bench/scanner/ooxml";
import { changeFileLabel } from "../../src/cli/scan/applyLabel";
import { DEFAULT_CONTENT_LIMITS } from "../../src/cli/scan/content";
import { inspectFile } from "../../src/cli/scan/inspect";
import { type ScanSettings, scanFile } from "../../src/cli/scan/scanFile";
import { fileTypeOf, type FileType } from "../../src/cli/formats/fileType";
import { L, REPO, SITE, cardText, cleanup, effective, tempDir, write } from "../cli/support/helpers";

const SOFFICE = process.env.SOFFICE_PATH || "/usr/bin/soffice";

function requireSoffice(): void {
  if (!existsSync(SOFFICE))
    throw new Error(
      `LibreOffice is not at ${SOFFICE}: install libreoffice-writer-nogui, libreoffice-calc-nogui and libreoffice-impress-nogui (.ci/run does) or set SOFFICE_PATH. The interop suite does not skip.`,
    );
}

let dir: string;
let profile: string;
beforeAll(() => {
  requireSoffice();
  dir = tempDir("lb-interop-");
  profile = tempDir("lb-lo-profile-");
});
afterAll(() => {
  cleanup(dir);
  cleanup(profile);
});

/** Converts files with one soffice run (its own profile, so parallel runs do not collide). */
function convert(files: string[], format: "odt" | "ods" | "odp", outdir: string): void {
  const r = spawnSync(
    SOFFICE,
    [
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      "--headless",
      "--norestore",
      "--convert-to",
      format,
      "--outdir",
      outdir,
      ...files,
    ],
    { encoding: "utf8", timeout: 180_000 },
  );
  if (r.status !== 0) throw new Error(`soffice exited ${r.status}: ${r.stderr}`);
}

function userDefined(odf: string): Map<string, string> {
  const meta = new TextDecoder().decode(unzipSync(readFileSync(odf))["meta.xml"]);
  const out = new Map<string, string>();
  const re = /<meta:user-defined\b[^>]*\bmeta:name="([^"]*)"[^>]*>([^<]*)<\/meta:user-defined>/g;
  const decode = (s: string) =>
    s
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, "&");
  for (let m = re.exec(meta); m; m = re.exec(meta)) out.set(decode(m[1]), decode(m[2]));
  return out;
}

async function enforce(path: string, storage: "auto" | "labelInfo" = "auto"): Promise<void> {
  const settings: ScanSettings = {
    mode: "enforce",
    policy: effective({ storage }),
    relabel: false,
    justification: null,
    treatRecommendedAsAutomatic: true,
    dryRun: false,
    limits: DEFAULT_CONTENT_LIMITS,
    identity: { name: "interop", principalName: "interop" },
  };
  const row = await scanFile({ path, size: 0, type: fileTypeOf(path) as FileType }, settings);
  expect([basename(path), row.action, row.error]).toEqual([basename(path), "labeled", null]);
}

/** The properties we wrote, as the scanner itself reads them back. */
function written(path: string): Map<string, string> {
  const ours = inspectFile(path).customProperties?.labels.find((l) => l.siteId === SITE);
  if (!ours) throw new Error(`${path} carries no custom-property label of our tenant`);
  return new Map(Object.entries(ours.attributes).map(([k, v]) => [`MSIP_Label_${ours.labelId}_${k}`, v]));
}

const CASES: Array<{ format: "odt" | "ods" | "odp"; make: (d: string) => string[] }> = [
  {
    format: "odt",
    make: (d) => {
      const generated = write(join(d, "generated.docx"), buildDocx([[cardText(12)]]));
      const real = join(d, "tika.docx");
      copyFileSync(join(REPO, "test/fixtures/real-labels/office/tika__testWORD_docSecurity.docx"), real);
      return [generated, real];
    },
  },
  {
    format: "ods",
    make: (d) => {
      const generated = write(
        join(d, "generated.xlsx"),
        buildXlsx(
          cardText(12)
            .split("\n")
            .map((l) => [l]),
        ),
      );
      const real = join(d, "calamine.xlsx");
      copyFileSync(join(REPO, "test/fixtures/real-labels/office/calamine__issue438.xlsx"), real);
      return [generated, real];
    },
  },
  {
    format: "odp",
    make: (d) => [write(join(d, "generated.pptx"), buildPptx([cardText(12).split("\n")], [["notes"]]))],
  },
];

describe("LibreOffice reads the labels the scanner writes", () => {
  test.each(CASES.map((c) => [c.format, c] as const))(
    "→ %s: every MSIP_Label_* property we wrote, with its value",
    async (format, c) => {
      const work = join(dir, format);
      const files = c.make(work);
      // Generated files hold credit cards and are labeled by scan --mode enforce; the real Office files
      // hold none, so they are labeled by `labelbridge label` (the same writer).
      for (const f of files) {
        if (basename(f).startsWith("generated")) await enforce(f);
        else {
          const outcome = changeFileLabel(
            f,
            { labelId: L.confidentialAllEmployees, relabel: true, justification: null, dryRun: false },
            effective(),
            { name: "interop", principalName: "interop" },
          );
          expect(outcome.status).toBe("changed");
        }
      }
      const expected = files.map(written);
      convert(files, format, join(work, "out"));
      files.forEach((f, i) => {
        const odf = join(work, "out", basename(f).replace(/\.\w+$/, `.${format}`));
        expect(existsSync(odf)).toBe(true);
        const props = userDefined(odf);
        for (const [name, value] of expected[i]) expect([name, props.get(name)]).toEqual([name, value]);
        expect(expected[i].size).toBe(7);
      });
      // The real files' own (other tenant's) labels survive too.
      if (format === "odt")
        expect(
          userDefined(join(work, "out", "tika.odt")).get(
            "MSIP_Label_03ef5274-90b8-4b3f-8a76-b4c36a43e904_Name",
          ),
        ).toBe("Not Protected_2");
    },
    240_000,
  );

  test("files carrying LabelInfo.xml still convert (written by the scanner, and real Office files)", async () => {
    const work = join(dir, "labelinfo");
    const docx = write(join(work, "li.docx"), buildDocx([[cardText(12)]]));
    mkdirSync(join(work, "out"), { recursive: true });
    const pptx = join(work, "shapecrawler.pptx");
    copyFileSync(join(REPO, "test/fixtures/real-labels/office/shapecrawler__075.pptx"), pptx);
    const xlsx = join(work, "salestemplate.xlsx");
    copyFileSync(
      join(REPO, "test/fixtures/real-labels/office/officedev-addin-samples__SalesTemplate.xlsx"),
      xlsx,
    );
    await enforce(docx, "labelInfo");
    expect(inspectFile(docx).labels).toEqual([
      expect.objectContaining({
        labelId: L.highlyConfidentialAllEmployees,
        location: "docMetadata/LabelInfo.xml",
      }),
    ]);
    // The real files already have LabelInfo.xml, so our label joins theirs there.
    for (const f of [pptx, xlsx]) {
      const outcome = changeFileLabel(
        f,
        { labelId: L.general, relabel: true, justification: null, dryRun: false },
        effective(),
        { name: "interop", principalName: "interop" },
      );
      expect(outcome).toMatchObject({ status: "changed", location: "LabelInfo.xml" });
    }
    const out = join(work, "out");
    convert([docx], "odt", out);
    convert([pptx], "odp", out);
    convert([xlsx], "ods", out);
    expect(readdirSync(out).sort()).toEqual(["li.odt", "salestemplate.ods", "shapecrawler.odp"]);
    for (const f of readdirSync(out))
      expect(Object.keys(unzipSync(readFileSync(join(out, f))))).toContain("content.xml");
  }, 240_000);
});
