/**
 * Hostile 1 MiB inputs to the pure parsers against an ordinary input of the same length and kind,
 * in one run: detection (against prose), marking templates (against a template full of
 * variables), protective-marking subjects (against prose) and headers (against a long valid list).
 * The tests check what these inputs give; this measures how long they take. Linear code keeps each
 * ratio small; backtracking shows as ratios in the hundreds or thousands.
 *
 *   node bench/run.cjs bench/core/hostile.ts [--runs 5]
 */
import os from "node:os";
import { detectSensitiveInfo } from "../../src/core/detect";
import {
  applySubjectMarking,
  parseEpmsHeader,
  resolveMarkingText,
  validateMarkingTemplate,
  type MarkingContext,
} from "../../src/core/marking";

const MiB = 1024 * 1024;
const runsAt = process.argv.indexOf("--runs");
const RUNS = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 5;

const fill = (unit: string): string => unit.repeat(Math.ceil(MiB / unit.length)).slice(0, MiB);
const PROSE = fill("The quarterly figures were shared with the board on Tuesday. ");

const context: MarkingContext = {
  app: "Word",
  labelDisplayName: "Confidential",
  itemName: "Q3 plan.docx",
  itemLocation: "https://contoso.sharepoint.com/sites/fin/Q3 plan.docx",
  userName: "Priya Patel",
  userPrincipalName: "priya@contoso.com",
  eventDateTime: "03/09/2026 14:05",
};

const headerOrError = (value: string): void => {
  try {
    parseEpmsHeader(value);
  } catch {
    // A refused header is an answer too.
  }
};

const TEMPLATE = fill("Labeled ${Item.Label} by ${User.Name} ");
const HEADER = "SEC=PROTECTED" + fill(", CAVEAT=SH:CABINET");
const resolve = (t: string) => resolveMarkingText(t, context);
const validate = (t: string) => validateMarkingTemplate(t, "p");
const mark = (t: string) => applySubjectMarking(t, { sec: "PROTECTED" });

/** [what, the work, the hostile input, the ordinary input of the same kind] */
const CASES: Array<[string, (text: string) => unknown, string, string]> = [
  ["detect: digit run", detectSensitiveInfo, fill("1"), PROSE],
  ["detect: card-like groups", detectSensitiveInfo, fill("4111 "), PROSE],
  ["detect: SSN keyword spam", detectSensitiveInfo, fill("SSN "), PROSE],
  ["detect: valid cards (capped)", detectSensitiveInfo, fill("credit card 4111111111111111 "), PROSE],
  ["template: unclosed ${ (resolve)", resolve, fill("${"), TEMPLATE],
  ["template: nested ifs (validate)", validate, fill("${If.App.W}"), TEMPLATE],
  ["subject: [SEC= repeated", mark, fill("[SEC="), PROSE],
  ["subject: [ after a marking", mark, "[SEC=OFFICIAL" + fill("["), PROSE],
  ["header: caveats", headerOrError, "SEC=PROTECTED" + fill(", CAVEAT=RI:AUSTEO"), HEADER],
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** CPU milliseconds of `work(text)`, median of RUNS after one warm-up. */
function cpuMs(work: (text: string) => unknown, text: string): number {
  const samples: number[] = [];
  for (let round = -1; round < RUNS; round++) {
    const start = process.cpuUsage();
    work(text);
    const used = process.cpuUsage(start);
    if (round >= 0) samples.push((used.user + used.system) / 1000);
  }
  return median(samples);
}

console.log(
  `${os.cpus().length} cores, load ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}, runs ${RUNS}`,
);
console.log("| input (1 MiB) | hostile ms CPU | ordinary ms CPU | ratio |");
console.log("| --- | ---: | ---: | ---: |");
for (const [what, work, hostile, ordinary] of CASES) {
  const base = cpuMs(work, ordinary);
  const bad = cpuMs(work, hostile);
  console.log(
    `| ${what} | ${bad.toFixed(1)} | ${base.toFixed(1)} | ${(bad / Math.max(base, 0.1)).toFixed(2)} |`,
  );
}
console.log(
  `load after: ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
