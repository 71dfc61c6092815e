import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { copyFileSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { Command } from "commander";
import { type LabelCommandOptions, runLabelChange } from "../../../src/cli/commands/label";
import type { AtomicFs } from "../../../src/cli/ooxml/atomic";
import { openPdfFile } from "../../../src/cli/pdf/read";
import { writePdfLabel } from "../../../src/cli/pdf/write";
import { changeLabel } from "../../../src/cli/scan/applyLabel";
import type { Io } from "../../../src/cli/scan/cliOptions";
import { inspect } from "../../../src/cli/scan/inspect";
import { L, SITE, cleanup, effective, sha256, tempDir, write, writePolicy } from "../support/helpers";
import {
  QPDF,
  SITE_B,
  buildPdf,
  infoEntries,
  qpdfCheck,
  readWithPypdf,
  requireIndependentReaders,
  xmpPacket,
} from "./support";

const FIXTURES = join(__dirname, "..", "..", "fixtures", "real-labels", "pdf");
const REAL = [
  "markitdown_REPAIR-2022-INV-001_multipage.pdf",
  "semantic-kernel_employees.pdf",
  "cwyd_Master_Agreement_V1.pdf",
];
const CONFIDENTIAL = "Confidential \\ All Employees";

let dir: string;
let policy: string;
beforeAll(() => requireIndependentReaders());
beforeEach(() => {
  dir = tempDir("lb-pdf-");
  policy = writePolicy(dir, { phase: "advance" });
});
afterEach(() => cleanup(dir));

async function run(files: string[], label: string | null, options: Partial<LabelCommandOptions> = {}) {
  let out = "";
  let err = "";
  const io: Io = {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    progress: { write: () => true },
  };
  const cmd = new Command(label === null ? "unlabel" : "label").exitOverride();
  const code = await runLabelChange(cmd, files, { policy, ...options }, io, label);
  return { code, out, err };
}

const ourKeys = (o: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(o).filter(([k]) => k.startsWith(`MSIP_Label_${L.confidentialAllEmployees}_`)),
  );
const keysOf = (o: Record<string, string>, labelId: string) =>
  Object.fromEntries(Object.entries(o).filter(([k]) => k.startsWith(`MSIP_Label_${labelId}_`)));

describe("labelbridge label on PDFs", () => {
  it.each(REAL)(
    "%s: labeled incrementally; inspect, pypdf and qpdf read it back; the other tenant's label stays",
    async (file) => {
      const path = join(dir, file);
      copyFileSync(join(FIXTURES, file), path);
      const original = readFileSync(path);
      const before = readWithPypdf(path);
      const r = await run([path], CONFIDENTIAL);
      expect(r.err).toBe("");
      expect(r.out).toBe(`labeled  ${path}  no label → ${CONFIDENTIAL} (PDF Info and XMP)\n`);
      expect(r.code).toBe(0);

      const labeled = readFileSync(path);
      expect(labeled.length).toBeGreaterThan(original.length);
      expect(labeled.subarray(0, original.length).equals(original)).toBe(true);

      const seen = await inspect(path);
      expect(seen.error).toBeNull();
      const theirs = (await inspect(join(FIXTURES, file))).labels.map((l) => [l.siteId, l.labelId]);
      expect(seen.labels.map((l) => [l.siteId, l.labelId])).toEqual(
        expect.arrayContaining([...theirs, [SITE, L.confidentialAllEmployees]]),
      );
      expect(seen.labels).toHaveLength(2);
      const ours = seen.labels.find((l) => l.siteId === SITE)!;
      expect(ours).toMatchObject({ method: "Privileged", name: "Confidential_AllEmployees", contentBits: 0 });

      const after = readWithPypdf(path);
      const written = ourKeys(after.info);
      expect(Object.keys(written).map((k) => k.split("_").pop())).toEqual([
        "Enabled",
        "SetDate",
        "Method",
        "Name",
        "SiteId",
        "ActionId",
        "ContentBits",
      ]);
      expect(written[`MSIP_Label_${L.confidentialAllEmployees}_SiteId`]).toBe(SITE);
      expect(ourKeys(after.pdfx)).toEqual(written);
      // Everything else pypdf sees is as it was: other tenants' keys, Producer, dates, title.
      const rest = (o: Record<string, string>) => Object.keys(o).filter((k) => !(k in written));
      expect(rest(after.info).map((k) => [k, after.info[k]])).toEqual(
        Object.keys(before.info).map((k) => [k, before.info[k]]),
      );
      expect(rest(after.pdfx).map((k) => [k, after.pdfx[k]])).toEqual(
        Object.keys(before.pdfx).map((k) => [k, before.pdfx[k]]),
      );

      const original_ = join(dir, `original-${file}`);
      copyFileSync(join(FIXTURES, file), original_);
      expect(qpdfCheck(path).problems).toEqual(qpdfCheck(original_).problems);
      expect(qpdfCheck(path).status).toBe(qpdfCheck(original_).status);
    },
  );

  it.each([
    ["cross-reference streams and object streams (PDF 1.5)", ["--object-streams=generate"]],
    ["a linearized PDF", ["--linearize"]],
  ])("%s: labeled, read back by pypdf, no new qpdf problem", async (_what, qpdfArgs) => {
    const path = join(dir, "rewritten.pdf");
    const q = spawnSync(QPDF, [...qpdfArgs, join(FIXTURES, "semantic-kernel_employees.pdf"), path]);
    expect(q.status).toBe(0);
    const before = qpdfCheck(path);
    expect((await run([path], CONFIDENTIAL)).code).toBe(0);
    const { info, pdfx } = readWithPypdf(path);
    expect(ourKeys(info)[`MSIP_Label_${L.confidentialAllEmployees}_SiteId`]).toBe(SITE);
    expect(ourKeys(pdfx)).toEqual(ourKeys(info));
    expect(info[`MSIP_Label_f42aa342-8706-4288-bd11-ebb85995028c_SiteId`]).toBe(SITE_B);
    expect(qpdfCheck(path).problems).toEqual(before.problems);
  });

  it("a PDF with neither Info dictionary nor XMP gets both; qpdf finds nothing wrong", async () => {
    const path = write(join(dir, "bare.pdf"), buildPdf());
    expect((await run([path], CONFIDENTIAL)).code).toBe(0);
    const { info, pdfx } = readWithPypdf(path);
    expect(ourKeys(info)[`MSIP_Label_${L.confidentialAllEmployees}_Enabled`]).toBe("true");
    expect(ourKeys(pdfx)).toEqual(ourKeys(info));
    expect(qpdfCheck(path)).toEqual({ status: 0, problems: [] });
  });

  it("the same label again changes nothing; relabel and unlabel leave no key of ours, the other tenant's stay", async () => {
    const path = join(dir, "employees.pdf");
    copyFileSync(join(FIXTURES, "semantic-kernel_employees.pdf"), path);
    await run([path], CONFIDENTIAL);
    const hash = sha256(path);
    const again = await run([path], CONFIDENTIAL);
    expect(again.out).toBe(`unchanged  ${path}  already labeled "${CONFIDENTIAL}"\n`);
    expect(sha256(path)).toBe(hash);

    expect((await run([path], "Highly Confidential \\ All Employees", { relabel: true })).code).toBe(0);
    const raised = readWithPypdf(path);
    expect(ourKeys(raised.info)).toEqual({});
    expect(keysOf(raised.pdfx, L.highlyConfidentialAllEmployees)).toEqual(
      keysOf(raised.info, L.highlyConfidentialAllEmployees),
    );

    policy = writePolicy(dir, { phase: "advance", settings: { mandatoryDocuments: false } });
    const removed = await run([path], null, { justification: "Previous label was incorrect" });
    expect(removed.out).toBe(
      `unlabeled  ${path}  Highly Confidential \\ All Employees → no label (PDF Info and XMP)\n`,
    );
    const gone = readWithPypdf(path);
    for (const place of [gone.info, gone.pdfx]) {
      expect(Object.keys(place).filter((k) => k.includes(L.highlyConfidentialAllEmployees))).toEqual([]);
      expect(keysOf(place, "f42aa342-8706-4288-bd11-ebb85995028c")).toMatchObject({
        "MSIP_Label_f42aa342-8706-4288-bd11-ebb85995028c_SiteId": SITE_B,
      });
    }
    expect((await inspect(path)).labels.map((l) => l.siteId)).toEqual([SITE_B]);
    expect(qpdfCheck(path)).toEqual({ status: 0, problems: [] });
  });

  it("a Name with \\, parentheses and non-ASCII text reads back exactly in both places", async () => {
    const path = write(join(dir, "n.pdf"), buildPdf({ info: "/Title (T)" }));
    const name = "Confidential \\ Any User (No Protection) – Æ";
    const file = await openPdfFile(path, 1e9);
    const labelId = L.confidentialAnyone;
    await writePdfLabel(
      file,
      SITE,
      {
        labelId,
        siteId: SITE,
        method: "Standard",
        name,
        contentBits: 0,
        setDate: "2026-12-05T10:00:00Z",
        actionId: "5f0a4c1e-3b2d-4e6f-8a9b-0c1d2e3f4a5b",
      },
      { dryRun: false },
    );
    const { info, pdfx } = readWithPypdf(path);
    expect(info[`MSIP_Label_${labelId}_Name`]).toBe(name);
    expect(pdfx[`MSIP_Label_${labelId}_Name`]).toBe(name);
    expect(info.Title).toBe("T");
    expect(readFileSync(path, "latin1")).toContain(`/MSIP_Label_${labelId}_SetDate (2026-12-05T10:00:00Z)`);
  });

  it("--dry-run says what would change and writes nothing", async () => {
    const path = write(join(dir, "d.pdf"), buildPdf());
    const hash = sha256(path);
    const r = await run([path], CONFIDENTIAL, { dryRun: true });
    expect(r.out).toBe(`would change  ${path}  no label → ${CONFIDENTIAL} (PDF Info and XMP)\n`);
    expect(sha256(path)).toBe(hash);
  });
});

describe("PDFs that are never rewritten", () => {
  it("a PDF encrypted with a password: its cleartext XMP label is shown, the file is not touched", async () => {
    const path = join(dir, "locked.pdf");
    const q = spawnSync(QPDF, [
      "--encrypt",
      "",
      "owner-secret",
      "256",
      "--cleartext-metadata",
      "--",
      join(FIXTURES, "semantic-kernel_employees.pdf"),
      path,
    ]);
    expect(q.status).toBe(0);
    const seen = await inspect(path);
    expect(seen.error).toBeNull();
    expect(seen.labels.map((l) => [l.labelId, l.location])).toEqual([
      ["f42aa342-8706-4288-bd11-ebb85995028c", "PDF XMP"],
    ]);
    expect(seen.pdf!.protection).toBe("encrypted (Standard security handler)");
    expect(seen.notes).toContain(
      "the information dictionary names label f42aa342-8706-4288-bd11-ebb85995028c, but its values are encrypted",
    );
    const hash = sha256(path);
    const r = await run([path], CONFIDENTIAL);
    expect(r.code).toBe(1);
    expect(r.out).toBe(
      `failed  ${path}  the PDF is encrypted (Standard security handler); Labelbridge never rewrites it\n`,
    );
    expect(sha256(path)).toBe(hash);
  });

  it("a Microsoft Purview protected PDF wrapper keeps its label and its bytes", async () => {
    const path = write(
      join(dir, "wrapped.pdf"),
      buildPdf({
        info: infoEntries(L.confidential, SITE),
        xmp: { data: Buffer.from(xmpPacket(L.confidential, SITE)) },
        extra: [
          "<< /Type /Filespec /F (p.pdf) /AFRelationship /EncryptedPayload /EP << /Type /EncryptedPayload /Subtype /MicrosoftIRMServices /Version (2) >> >>",
        ],
        catalogExtra: " /AF [7 0 R]",
      }),
    );
    const hash = sha256(path);
    const r = await run([path], "Highly Confidential \\ All Employees", { relabel: true });
    expect(r.code).toBe(1);
    expect(r.out).toContain("Microsoft Purview protected PDF");
    expect(r.out).toContain("Labelbridge never rewrites it");
    expect(sha256(path)).toBe(hash);
  });

  it("a damaged cross-reference table is not appended to", async () => {
    const good = buildPdf({ info: "/Title (x)" }).toString("latin1");
    const path = write(
      join(dir, "x.pdf"),
      Buffer.from(good.replace(/startxref\n\d+/, "startxref\n9"), "latin1"),
    );
    const hash = sha256(path);
    const r = await run([path], CONFIDENTIAL);
    expect(r.out).toMatch(
      /failed {2}.*the PDF's cross-reference table is damaged \(startxref points to byte 9/,
    );
    expect(sha256(path)).toBe(hash);
  });
});

describe("a write that fails leaves the original byte-identical", () => {
  const failing = (step: keyof AtomicFs, corrupt = false): AtomicFs => ({
    openSync: (p, f, m) => fs.openSync(p, f, m),
    writeSync: (fd, b, o, l) => {
      if (step === "writeSync")
        throw Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC" });
      if (corrupt) {
        const copy = Uint8Array.from(b);
        copy[(o ?? 0) + 10] ^= 0xff;
        return fs.writeSync(fd, copy, o, l);
      }
      return fs.writeSync(fd, b, o, l);
    },
    fsyncSync: (fd) => fs.fsyncSync(fd),
    closeSync: (fd) => fs.closeSync(fd),
    renameSync: (a, b) => {
      if (step === "renameSync")
        throw Object.assign(new Error("EXDEV: cross-device link"), { code: "EXDEV" });
      fs.renameSync(a, b);
    },
    unlinkSync: (p) => fs.unlinkSync(p),
    statSync: (p) => fs.statSync(p),
  });

  it.each([
    ["the disk is full", failing("writeSync"), "ENOSPC"],
    ["the rename fails", failing("renameSync"), "EXDEV"],
    ["the temporary file does not hold what was written", failing("openSync", true), "verify-failed"],
  ])("%s", async (_what, fsys, code) => {
    const path = join(dir, "employees.pdf");
    copyFileSync(join(FIXTURES, "semantic-kernel_employees.pdf"), path);
    const hash = sha256(path);
    const outcome = await changeLabel(
      path,
      { labelId: L.confidentialAllEmployees, relabel: false, justification: null, dryRun: false },
      effective({ phase: "advance" }),
      { name: "test", principalName: "test" },
      fsys,
    );
    expect(outcome).toMatchObject({ status: "failed", code });
    expect(sha256(path)).toBe(hash);
    expect(readdirSync(dir).sort()).toEqual(["employees.pdf", "policy.json"]);
  });
});
