/**
 * The compiled `labelbridge` command as a user runs it: worker threads across the cores, PDF text
 * through pdfjs (ESM, which Jest's CommonJS runtime cannot load), plain progress lines when stderr
 * is not a terminal, exit codes. Needs `npm run build:node` first (CI builds before testing).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildDocx, buildXlsx } from "../../bench/scanner/ooxml";
import { HOSTILE } from "./support/hostile";
import {
  L,
  SITE,
  cardText,
  cleanup,
  eml,
  pdf,
  requireFreshBuild,
  runCli,
  snapshot,
  tempDir,
  write,
  writePolicy,
} from "./support/helpers";

let dir: string;
beforeAll(() => requireFreshBuild());
beforeEach(() => (dir = tempDir()));
afterEach(() => cleanup(dir));

interface JsonReport {
  rows: Array<{
    path: string;
    action: string;
    error: string | null;
    errorCode: string | null;
    infoTypes: Array<{ name: string; count: number; confidence: number }>;
  }>;
}

const report = (path: string) => JSON.parse(readFileSync(path, "utf8")) as JsonReport;

describe("the built CLI", () => {
  test("scan --jobs 2: worker threads read every format, PDF included; progress lines on a pipe", () => {
    const share = join(dir, "share");
    write(join(share, "a.docx"), buildDocx([[cardText(2)]]));
    write(join(share, "b.xlsx"), buildXlsx([["IBAN", "DE89 3704 0044 0532 0130 00"]]));
    write(
      join(share, "c.pdf"),
      pdf(["Invoice", "Credit card 4111 1111 1111 1111 exp 12/29", "IBAN GB82 WEST 1234 5698 7654 32"]),
    );
    write(
      join(share, "d.eml"),
      eml("From: a@example.com\nSubject: SSN", "Social Security Number 536-90-4399\n"),
    );
    write(join(share, "e.txt"), "nothing here");
    const out = join(dir, "r.json");
    const r = runCli(["scan", share, "--jobs", "2", "--report", out]);
    expect(r.stderr).toMatch(
      /^scan: 0\/5 files {2}0 B\/[\d.]+ KB {2}0\.0 MB\/s {2}ETA \? \(0%\)\n(scan: .*\n)*scan: 5\/5 files {2}.* took \d+s \(100%\)\n$/,
    );
    expect(r.status).toBe(0);
    const rows = report(out).rows;
    const byName = (n: string) => rows.find((x) => x.path.endsWith(n))!;
    expect(rows.map((x) => x.error)).toEqual([null, null, null, null, null]);
    expect(byName("c.pdf").infoTypes.map((t) => [t.name, t.count, t.confidence])).toEqual([
      ["Credit Card Number", 1, 85],
      ["International Banking Account Number (IBAN)", 1, 85],
      ["EU Debit Card Number", 1, 85],
    ]);
    expect(byName("d.eml").infoTypes.map((t) => t.name)).toEqual(["U.S. Social Security Number (SSN)"]);
    expect(byName("b.xlsx").infoTypes.map((t) => t.name)).toEqual([
      "International Banking Account Number (IBAN)",
    ]);
  }, 180_000);

  test("a name that is not UTF-8 crosses to the worker threads as bytes and is labeled", () => {
    const share = join(dir, "share");
    const bytes = Buffer.concat([Buffer.from(join(share, "caf")), Buffer.from([0xe9]), Buffer.from(".docx")]);
    write(join(share, "plain.docx"), buildDocx([["nothing"]]));
    writeFileSync(bytes, buildDocx([[cardText(12)]]));
    const out = join(dir, "r.json");
    const policy = writePolicy(dir);
    const r = runCli([
      "scan",
      share,
      "--mode",
      "enforce",
      "--policy",
      policy,
      "--jobs",
      "2",
      "--no-progress",
      "--report",
      out,
    ]);
    expect(r.status).toBe(0);
    const row = report(out).rows.find((x) => x.path === join(share, "caf\\xe9.docx"));
    expect([row?.action, row?.error]).toEqual(["labeled", null]);
    const inspected = runCli(["inspect", join(share, "caf\\xe9.docx"), "--json"]);
    expect(
      (JSON.parse(inspected.stdout) as { labels: Array<{ siteId: string }> }).labels.map((l) => l.siteId),
    ).toEqual([SITE]);
  }, 180_000);

  test("a password-protected PDF and every hostile Office file become rows with errors; exit 1; nothing changes", () => {
    const share = join(dir, "share");
    write(join(share, "locked.pdf"), pdf(["secret 4111 1111 1111 1111"], true));
    write(join(share, "broken.pdf"), "%PDF-1.4\nnot really");
    for (const [name, h] of Object.entries(HOSTILE)) write(join(share, name), h.bytes());
    write(join(share, "good.docx"), buildDocx([[cardText(12)]]));
    const before = snapshot(share);
    const out = join(dir, "r.json");
    const r = runCli(["scan", share, "--jobs", "2", "--report", out, "--no-progress"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("");
    const rows = report(out).rows;
    const byName = (n: string) => rows.find((x) => x.path.endsWith(`/${n}`))!;
    expect([byName("locked.pdf").errorCode, byName("locked.pdf").error]).toEqual([
      "encrypted",
      "password-protected PDF",
    ]);
    expect(byName("broken.pdf").errorCode).toBe("corrupt");
    for (const [name, h] of Object.entries(HOSTILE))
      expect([name, byName(name).errorCode]).toEqual([name, h.code]);
    expect(byName("good.docx").error).toBeNull();
    expect(snapshot(share)).toEqual(before);
  }, 180_000);

  test("scan --mode enforce through workers, then inspect and label as a person, with the documented exit codes", () => {
    const share = join(dir, "share");
    const file = write(join(share, "cards.docx"), buildDocx([[cardText(12)]]));
    const policy = writePolicy(dir);
    const first = runCli([
      "scan",
      share,
      "--mode",
      "enforce",
      "--policy",
      policy,
      "--jobs",
      "2",
      "--no-progress",
    ]);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain("Actions: labeled 1");
    const inspected = runCli(["inspect", file, "--json"]);
    expect(inspected.status).toBe(0);
    const labels = (
      JSON.parse(inspected.stdout) as { labels: Array<{ labelId: string; siteId: string; method: string }> }
    ).labels;
    expect(labels).toEqual([
      expect.objectContaining({
        labelId: L.highlyConfidentialAllEmployees,
        siteId: SITE,
        method: "Standard",
      }),
    ]);

    const snap = snapshot(share);
    expect(runCli(["scan", share, "--mode", "enforce", "--policy", policy, "--no-progress"]).status).toBe(0);
    expect(snapshot(share)).toEqual(snap);

    expect(runCli(["label", file, "--label", "Public", "--policy", policy]).status).toBe(4);
    expect(runCli(["label", file, "--label", "Public", "--relabel", "--policy", policy]).status).toBe(4);
    const lowered = runCli([
      "label",
      file,
      "--label",
      "Public",
      "--relabel",
      "--justification",
      "Previous label was incorrect",
      "--policy",
      policy,
    ]);
    expect(lowered.status).toBe(0);
    expect(lowered.stdout).toBe(
      `labeled  ${file}  Highly Confidential \\ All Employees → Public (custom.xml)\n`,
    );
  }, 180_000);

  test("usage errors exit 2 with the reason; --fail-on exits 3; --help exits 0", () => {
    write(join(dir, "a.txt"), "Credit card 4111 1111 1111 1111 exp 12/29");
    const bad = runCli(["scan", dir, "--mode", "sometimes"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain(
      "error: option '--mode <mode>' argument 'sometimes' is invalid. Allowed choices are discover, enforce.",
    );
    expect(runCli(["scan", dir, "--jobs", "0"]).status).toBe(2);
    expect(runCli(["scan"]).status).toBe(2);
    expect(runCli(["label", join(dir, "a.txt")]).status).toBe(2);
    expect(runCli(["scan", dir, "--fail-on", "high", "--no-progress"]).status).toBe(3);
    expect(runCli(["scan", "--help"]).status).toBe(0);
  }, 180_000);
});
