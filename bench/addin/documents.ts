/**
 * Word and Excel label changes in the fake hosts: round trips per change (goal: 1 write sync after
 * the pane's read) and the time to apply markings to a 200-section document and a 50-sheet workbook.
 *
 *   node bench/run.cjs bench/addin/documents.ts [--sections 200] [--sheets 50] [--runs 7] [--json]
 *
 * The fakes run office.js's batching rules in-process, so the times are the adapter's own work plus
 * the fake's command execution (CPU), not Office's: in a real Office every round trip adds the
 * host's latency on top, which is why the round-trip count is the figure that matters.
 */
import os from "node:os";
import { ExcelHost } from "../../src/addin/hosts/excel";
import { WordHost } from "../../src/addin/hosts/word";
import { decideLabelChange, type LabelPlan } from "../../src/core/decide";
import type { EffectivePolicy } from "../../src/core/policy";
import type { LabelState } from "../../src/addin/hosts/types";
import { createFakeOffice } from "../../test/addin/fakes/document/office";
import type { FakeHostRuntime } from "../../test/addin/fakes/document/runtime";
import { createFakeExcel } from "../../test/addin/fakes/excel";
import { allContentControls, createFakeWord } from "../../test/addin/fakes/word";
import { internalPolicy, L, OUR_TENANT } from "../../test/addin/documentSetup";
import { testContext } from "../../test/support/policyFixtures";

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const SECTIONS = option("sections", 200);
const SHEETS = option("sheets", 50);
const RUNS = option("runs", 7);
const JSON_OUT = process.argv.includes("--json");

type App = "Word" | "Excel";

function plan(policy: EffectivePolicy, state: LabelState, labelId: string, app: App): LabelPlan {
  const d = decideLabelChange(
    policy,
    { kind: "file", current: state.current },
    { labelId, justification: { reason: "Previous label was incorrect" } },
    testContext({ app, user: { name: "Priya Shah", principalName: "priya@contoso.com" } }),
  );
  if (d.outcome !== "allow") throw new Error(d.message);
  return d.plan;
}

interface Step {
  label: string;
  labelId: string;
  /** Marks per Word story / Excel page type after the change: header + footer + watermark. */
  marks: { word: number; excel: number };
}

/** Label changes in the order a person might make them: up with marks, down, up again. */
const STEPS: Step[] = [
  {
    label: "none → Highly Confidential (header, footer, watermark)",
    labelId: L.highlyConfidentialAllEmployees,
    marks: { word: 3, excel: 2 },
  },
  {
    label: "→ Confidential (footer), downgrade",
    labelId: L.confidentialAllEmployees,
    marks: { word: 1, excel: 1 },
  },
  { label: "→ Internal (header), downgrade", labelId: L.general, marks: { word: 1, excel: 1 } },
  {
    label: "→ Highly Confidential again",
    labelId: L.highlyConfidentialAllEmployees,
    marks: { word: 3, excel: 2 },
  },
];

interface StepResult {
  step: string;
  readRoundTrips: number;
  writeRoundTrips: number;
  commands: number;
  applyMs: number;
  readMs: number;
}

interface Host {
  readLabel(siteId: string): Promise<LabelState>;
  applyPlan(plan: LabelPlan, policy: EffectivePolicy): Promise<unknown>;
}

interface Subject {
  host: Host;
  runtime: FakeHostRuntime;
  /** Label marks in the document now (so a fast but wrong write cannot pass as a result). */
  marks(): number;
  /** Stories (Word) or sheets (Excel) a mark goes into. */
  places: number;
}

async function measure(app: App, make: () => Subject, policy: EffectivePolicy) {
  const perStep: StepResult[][] = STEPS.map(() => []);
  for (let round = -1; round < RUNS; round++) {
    const { host, runtime, marks, places } = make();
    for (const [i, step] of STEPS.entries()) {
      runtime.resetStats();
      let started = performance.now();
      const state = await host.readLabel(OUR_TENANT);
      const readMs = performance.now() - started;
      const readRoundTrips = runtime.stats.roundTrips;
      const p = plan(policy, state, step.labelId, app);
      runtime.resetStats();
      started = performance.now();
      await host.applyPlan(p, policy);
      const applyMs = performance.now() - started;
      const expected = places * (app === "Word" ? step.marks.word : step.marks.excel);
      if (marks() !== expected)
        throw new Error(`${app}, ${step.label}: ${marks()} marks, expected ${expected}`);
      if (round >= 0) {
        perStep[i].push({
          step: step.label,
          readRoundTrips,
          writeRoundTrips: runtime.stats.roundTrips,
          commands: runtime.stats.commands,
          applyMs,
          readMs,
        });
      }
    }
  }
  return perStep.map((runs) => ({
    step: runs[0].step,
    readRoundTrips: Math.max(...runs.map((r) => r.readRoundTrips)),
    writeRoundTrips: Math.max(...runs.map((r) => r.writeRoundTrips)),
    commands: median(runs.map((r) => r.commands)),
    readMs: median(runs.map((r) => r.readMs)),
    applyMs: median(runs.map((r) => r.applyMs)),
  }));
}

function installOffice(host: "Word" | "Excel"): void {
  (globalThis as { Office?: unknown }).Office = createFakeOffice({
    host,
    url: `https://contoso.sharepoint.com/Bench.${host === "Word" ? "docx" : "xlsx"}`,
  }).Office;
}

async function main(): Promise<void> {
  const policy = internalPolicy();

  installOffice("Word");
  const word = await measure(
    "Word",
    () => {
      const fake = createFakeWord({
        sections: Array.from({ length: SECTIONS }, (_, i) => ({
          body: [`Section ${i + 1}`],
          headers: { Primary: [`Acme Ltd — chapter ${i + 1}`] },
          footers: { Primary: ["Page"] },
        })),
      });
      const host = new WordHost({
        word: fake.Word as unknown as typeof Word,
        user: () => ({ name: "Priya Shah", principalName: "priya@contoso.com" }),
      });
      return {
        host,
        runtime: fake.runtime,
        marks: () => allContentControls(fake.model).length,
        places: SECTIONS * 3,
      };
    },
    policy,
  );

  installOffice("Excel");
  const excel = await measure(
    "Excel",
    () => {
      const fake = createFakeExcel({
        sheets: Array.from({ length: SHEETS }, (_, i) => ({
          name: `Sheet ${i + 1}`,
          headerFooter: { leftHeader: `&BRegion ${i + 1}`, rightFooter: "Page &P of &N" },
        })),
      });
      const host = new ExcelHost({ excel: fake.Excel as unknown as typeof Excel, watchNewSheets: false });
      const marks = () =>
        fake.model.worksheets.reduce(
          (n, sheet) =>
            n +
            Object.values(sheet.headersFooters.defaultForAllPages).filter((t) => t.includes("&1#")).length,
          0,
        );
      return { host, runtime: fake.runtime, marks, places: SHEETS };
    },
    policy,
  );

  // Cold change (no read before): what a caller pays without the pane's read.
  installOffice("Word");
  const coldWord = createFakeWord({ sections: Array.from({ length: SECTIONS }, () => ({})) });
  const coldHost = new WordHost({ word: coldWord.Word as unknown as typeof Word });
  await coldHost.applyPlan(
    plan(policy, { current: null, records: [], source: "none" }, L.confidentialAllEmployees, "Word"),
  );
  const coldRoundTrips = coldWord.runtime.stats.roundTrips;

  const result = {
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? "", node: process.version },
    sections: SECTIONS,
    sheets: SHEETS,
    runs: RUNS,
    word,
    excel,
    coldWordRoundTrips: coldRoundTrips,
  };
  if (JSON_OUT) {
    console.log(JSON.stringify(result, null, 2));
    return;
  }
  const row = (r: (typeof word)[number]) =>
    `  ${r.step.padEnd(56)} read ${r.readRoundTrips} sync  write ${r.writeRoundTrips} sync  ${String(r.commands).padStart(6)} commands  read ${r.readMs.toFixed(1).padStart(7)} ms  apply ${r.applyMs.toFixed(1).padStart(7)} ms`;
  console.log(
    `Node ${process.version}, ${os.cpus().length} CPUs; median of ${RUNS} runs after a warm-up; fake hosts (no Office latency)`,
  );
  console.log(`Word, ${SECTIONS} sections (3 headers + 3 footers each):`);
  for (const r of word) console.log(row(r));
  console.log(`Excel, ${SHEETS} worksheets:`);
  for (const r of excel) console.log(row(r));
  console.log(`Word label change without a prior read: ${coldRoundTrips} round trips (1 read + 1 write)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
