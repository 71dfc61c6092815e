/**
 * What Labelbridge protection adds to labeling one Office file.
 *
 *   node bench/run.cjs bench/protect/encrypt.ts [--runs 7] [--kb 200]
 *
 * Baseline: label the file (writeOfficeLabel: plan, rewrite, atomic replace, verified re-read).
 * Protected: label and encrypt it (protectingWriter: the same plus ECMA-376 agile encryption with
 * 100,000 SHA-512 spins, and the verification that decrypts the written file — a second derivation).
 * Both run interleaved on fresh copies of the same file; CPU (user + system) and wall medians.
 */
import { randomBytes } from "node:crypto";
import os from "node:os";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DEVELOPMENT_SITE_ID, DEFAULT_LABEL_IDS } from "../../src/core/policy";
import { officeLabels, openOfficeFile, writeOfficeLabel } from "../../src/cli/ooxml/officeFile";
import { newFileKey } from "../../src/cli/protect/agile";
import { protectingWriter } from "../../src/cli/protect/protectFile";
import { buildDocx } from "../scanner/ooxml";

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const runs = option("runs", 7);
const kb = option("kb", 200);
const dir = mkdtempSync(join(os.tmpdir(), "lb-bench-protect-"));
// Hex of random bytes: text that deflates only to half, so the package really is about `kb` / 2.
const text = randomBytes((kb * 1024) / 2).toString("hex");
const docx = buildDocx([[text]]);
const write = {
  labelId: DEFAULT_LABEL_IDS.highlyConfidentialAllEmployees,
  siteId: DEVELOPMENT_SITE_ID,
  method: "Privileged" as const,
  name: "HighlyConfidential_AllEmployees",
  contentBits: 0,
  setDate: new Date(),
  actionId: "00000000-0000-4000-8000-000000000000",
};

function once(protect: boolean, i: number): { cpu: number; wall: number } {
  const path = join(dir, `${protect ? "p" : "l"}${i}.docx`);
  writeFileSync(path, docx);
  const t0 = process.cpuUsage();
  const w0 = performance.now();
  const file = openOfficeFile(path);
  const writer = protect ? protectingWriter(newFileKey()) : writeOfficeLabel;
  writer(file, officeLabels(file), DEVELOPMENT_SITE_ID, write, { storage: "auto" });
  file.close();
  const c = process.cpuUsage(t0);
  return { cpu: (c.user + c.system) / 1000, wall: performance.now() - w0 };
}

const label: { cpu: number; wall: number }[] = [];
const prot: { cpu: number; wall: number }[] = [];
for (let i = -2; i < runs; i++) {
  const a = once(false, i + 2);
  const b = once(true, i + 2);
  if (i >= 0) {
    label.push(a);
    prot.push(b);
  }
}
rmSync(dir, { recursive: true, force: true });
const lc = median(label.map((r) => r.cpu));
const pc = median(prot.map((r) => r.cpu));
console.log(
  `file ${(docx.length / 1024).toFixed(0)} KB, ${runs} runs, load ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
console.log(
  `label only:      ${lc.toFixed(1)} ms CPU (wall ${median(label.map((r) => r.wall)).toFixed(1)} ms)`,
);
console.log(
  `label + encrypt: ${pc.toFixed(1)} ms CPU (wall ${median(prot.map((r) => r.wall)).toFixed(1)} ms)`,
);
console.log(`ratio (CPU): ${(pc / lc).toFixed(1)}x`);
