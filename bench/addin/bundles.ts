/**
 * Bundle sizes, built in this one process with webpack.config.js:
 * - the Outlook event bundle (gzip; goal ≤ 40 KB);
 * - the task pane's initial JavaScript (the entry chunk taskpane.html loads) against a minimal
 *   Fluent app (provider + button) built with the same configuration (goal ≤ 1.5×);
 * - what Outlook really fetches before the label list shows: the entry plus the Outlook adapter
 *   chunk and the chunks it needs (the engine, dialogs, settings, other hosts and themes are not).
 *
 * `node bench/run.cjs bench/addin/bundles.ts` — writes bench/.out/addin-bundles.json.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const webpack = require("webpack") as typeof import("webpack");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require("../../webpack.config.js") as {
  taskpaneConfig(o: {
    mode?: string;
    entry?: string;
    outputPath?: string;
    copy?: boolean;
  }): import("webpack").Configuration;
  eventsConfig(o: { mode?: string; outputPath?: string }): import("webpack").Configuration;
};

const ROOT = join(__dirname, "..", "..");

function build(cfg: import("webpack").Configuration): Promise<import("webpack").StatsCompilation> {
  return new Promise((resolve, reject) =>
    webpack(cfg, (error, stats) => {
      if (error) return reject(error);
      if (!stats || stats.hasErrors()) return reject(new Error(stats?.toString("errors-only")));
      resolve(stats.toJson({ assets: true, chunks: true, chunkGroups: true, entrypoints: true }));
    }),
  );
}

function gz(dir: string, files: string[]): { raw: number; gzip: number } {
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const b = readFileSync(join(dir, f));
    raw += b.length;
    gzip += gzipSync(b, { level: 9 }).length;
  }
  return { raw, gzip };
}

const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;

async function main(): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), "lb-bench-"));
  const paneDir = join(out, "pane");
  const minimalDir = join(out, "minimal");
  const eventsDir = join(out, "events");
  const [pane, minimal] = await Promise.all([
    build(config.taskpaneConfig({ mode: "production", outputPath: paneDir, copy: false })),
    build(
      config.taskpaneConfig({
        mode: "production",
        outputPath: minimalDir,
        copy: false,
        entry: join(__dirname, "minimal/index.tsx"),
      }),
    ),
    build(config.eventsConfig({ mode: "production", outputPath: eventsDir })),
  ]);

  const js = (names: string[]) => names.filter((n) => n.endsWith(".js"));
  const entryFiles = js(pane.entrypoints!.taskpane.assets!.map((a) => a.name));
  const minimalFiles = js(minimal.entrypoints!.taskpane.assets!.map((a) => a.name));
  const outlookGroup = pane.namedChunkGroups!["host-outlook"];
  const outlookFiles = js(outlookGroup.assets!.map((a) => a.name));

  const eventSize = gz(eventsDir, ["events/launchevent.js"]);
  const entry = gz(paneDir, entryFiles);
  const base = gz(minimalDir, minimalFiles);
  const outlookPath = gz(paneDir, [...entryFiles, ...outlookFiles]);
  const allPane = gz(paneDir, js(pane.assets!.map((a) => a.name)));

  const result = {
    eventBundle: { ...eventSize, goalGzip: 40 * 1024 },
    taskpaneInitial: { ...entry, files: entryFiles },
    minimalFluentApp: { ...base, files: minimalFiles },
    ratio: Number((entry.gzip / base.gzip).toFixed(3)),
    outlookBeforeLabelList: { ...outlookPath, files: [...entryFiles, ...outlookFiles] },
    outlookRatio: Number((outlookPath.gzip / base.gzip).toFixed(3)),
    taskpaneAllChunks: allPane,
  };
  mkdirSync(join(ROOT, "bench/.out"), { recursive: true });
  writeFileSync(join(ROOT, "bench/.out/addin-bundles.json"), JSON.stringify(result, null, 2));

  console.log("| bundle | raw | gzip | note |");
  console.log("|---|---|---|---|");
  console.log(
    `| event bundle (launchevent.js, ES2016) | ${kb(eventSize.raw)} | ${kb(eventSize.gzip)} | goal ≤ 40 KB |`,
  );
  console.log(
    `| minimal Fluent app (provider + button), same config | ${kb(base.raw)} | ${kb(base.gzip)} | yardstick |`,
  );
  console.log(
    `| task pane initial JS (entry chunk) | ${kb(entry.raw)} | ${kb(entry.gzip)} | ${result.ratio}× minimal (goal ≤ 1.5×) |`,
  );
  console.log(
    `| Outlook: JS before the label list (entry + Outlook adapter) | ${kb(outlookPath.raw)} | ${kb(outlookPath.gzip)} | ${result.outlookRatio}× minimal |`,
  );
  console.log(
    `| task pane, every chunk (all hosts, engine, dialogs, themes, fr) | ${kb(allPane.raw)} | ${kb(allPane.gzip)} | |`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
