/**
 * `scan` and `inspect` on PDFs through the built CLI (pdfjs, which reads the text, is ESM and runs
 * only there): discover reports PDF labels like Office ones, enforce labels PDFs incrementally and
 * leaves encrypted and protected ones as they are.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  L,
  OTHER_SITE,
  SITE,
  cardText,
  cleanup,
  requireFreshBuild,
  runCli,
  sha256,
  snapshot,
  tempDir,
  write,
  writePolicy,
} from "../support/helpers";
import { QPDF, buildPdf, infoEntries, readWithPypdf, requireIndependentReaders, xmpPacket } from "./support";

const FIXTURES = join(__dirname, "..", "..", "fixtures", "real-labels", "pdf");
const PARTNER_LABEL = "f42aa342-8706-4288-bd11-ebb85995028c";

interface Row {
  path: string;
  action: string;
  error: string | null;
  errorCode: string | null;
  labels: Array<{ labelId: string; siteId: string; location: string }>;
  currentLabel: { labelId: string; location: string } | null;
  labelNotes: string[];
}

let dir: string;
let share: string;
beforeAll(() => {
  requireFreshBuild();
  requireIndependentReaders();
});
beforeEach(() => {
  dir = tempDir("lb-pdf-scan-");
  share = join(dir, "share");
  write(join(share, "cards.pdf"), buildPdf({ text: ["Customer list", ...cardText(12).split("\n")] }));
  copyFileSync(join(FIXTURES, "semantic-kernel_employees.pdf"), join(share, "partner.pdf"));
  write(
    join(share, "wrapped.pdf"),
    buildPdf({
      text: ["This document is protected", ...cardText(12).split("\n")],
      info: infoEntries(L.general, SITE),
      xmp: { data: Buffer.from(xmpPacket(L.general, SITE)) },
      extra: [
        "<< /Type /Filespec /F (p.pdf) /AFRelationship /EncryptedPayload /EP << /Type /EncryptedPayload /Subtype /MicrosoftIRMServices /Version (2) >> >>",
      ],
      catalogExtra: " /AF [7 0 R]",
    }),
  );
  const q = spawnSync(QPDF, [
    "--encrypt",
    "user-secret",
    "owner-secret",
    "256",
    "--cleartext-metadata",
    "--",
    join(FIXTURES, "semantic-kernel_employees.pdf"),
    join(share, "locked.pdf"),
  ]);
  if (q.status !== 0) throw new Error(`qpdf --encrypt failed: ${q.stderr}`);
});
afterEach(() => cleanup(dir));

function scan(args: string[]): { status: number; rows: Row[]; csv: string; html: string } {
  const [json, csv, html] = ["r.json", "r.csv", "r.html"].map((n) => join(dir, n));
  const reports = [json, csv, html].flatMap((r) => ["--report", r]);
  const r = runCli(["scan", share, ...reports, "--no-progress", ...args]);
  const rows = (JSON.parse(readFileSync(json, "utf8")) as { rows: Row[] }).rows;
  return { status: r.status, rows, csv: readFileSync(csv, "utf8"), html: readFileSync(html, "utf8") };
}

const byName = (rows: Row[], name: string) => rows.find((r) => r.path.endsWith(`/${name}`)) as Row;

test("discover: PDF labels in the report like Office ones; a locked PDF still shows its visible label", () => {
  const before = snapshot(share);
  const { rows, csv, html } = scan([]);
  const partner = byName(rows, "partner.pdf");
  expect(partner.error).toBeNull();
  expect(partner.labels).toEqual([
    expect.objectContaining({ labelId: PARTNER_LABEL, siteId: OTHER_SITE, location: "PDF Info" }),
  ]);
  expect(csv.split("\n").find((l) => l.includes("partner.pdf"))).toContain(
    `,${PARTNER_LABEL},Standard,PDF Info,`,
  );
  expect(html).toMatch(/locked\.pdf<\/td>[^\n]*<td class="">PDF XMP<\/td>/); // the HTML table lists files with findings or errors

  const locked = byName(rows, "locked.pdf");
  expect([locked.errorCode, locked.error]).toEqual(["encrypted", "password-protected PDF"]);
  expect(locked.labels.map((l) => [l.labelId, l.location])).toEqual([[PARTNER_LABEL, "PDF XMP"]]);
  expect(locked.labelNotes).toContain(
    "encrypted (Standard security handler): its label is reported, never rewritten",
  );
  expect(snapshot(share)).toEqual(before);
});

test("enforce: an unlabeled PDF is labeled incrementally, protected and encrypted ones are left alone, a second run changes nothing", () => {
  const policy = writePolicy(dir);
  const untouched = ["partner.pdf", "wrapped.pdf", "locked.pdf"].map((n) => [n, sha256(join(share, n))]);
  const original = readFileSync(join(share, "cards.pdf"));
  const first = scan(["--mode", "enforce", "--policy", policy]);
  expect(byName(first.rows, "cards.pdf").action).toBe("labeled");
  expect(byName(first.rows, "partner.pdf").action).toBe("none");
  const wrapped = byName(first.rows, "wrapped.pdf");
  expect(wrapped.action).toBe("not-labelable");
  expect(wrapped.labelNotes.join("\n")).toContain("Microsoft Purview protected PDF");
  expect(byName(first.rows, "locked.pdf").action).toBe("error");
  expect(untouched.map(([n]) => [n, sha256(join(share, n))])).toEqual(untouched);

  const cards = join(share, "cards.pdf");
  const labeled = readFileSync(cards);
  expect(labeled.subarray(0, original.length).equals(original)).toBe(true);
  const inspected = runCli(["inspect", cards, "--json"]);
  expect(inspected.status).toBe(0);
  expect(JSON.parse(inspected.stdout).labels).toEqual([
    expect.objectContaining({ labelId: L.highlyConfidentialAllEmployees, siteId: SITE, method: "Standard" }),
  ]);
  const { info, pdfx } = readWithPypdf(cards);
  const key = `MSIP_Label_${L.highlyConfidentialAllEmployees}_SiteId`;
  expect([info[key], pdfx[key]]).toEqual([SITE, SITE]);
  expect(runCli(["inspect", cards]).stdout).toContain("PDF information dictionary: 1 label(s)");

  const snap = snapshot(share);
  const second = scan(["--mode", "enforce", "--policy", policy]);
  expect(byName(second.rows, "cards.pdf").action).toBe("none");
  expect(snapshot(share)).toEqual(snap);
}, 180_000);
