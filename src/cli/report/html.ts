/**
 * A self-contained HTML report: summary figures, charts by information type, by label and by folder
 * (Chart.js inlined from its UMD build, so the file opens anywhere without a network), and a table
 * of the files with findings or errors. Every value from the scanned share is escaped; the chart
 * data travels as JSON in a non-executing script element.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { ScanRow } from "../scan/row";
import { REPORT_COLUMNS, rowValues } from "./columns";
import { formatBytes, formatDuration } from "../scan/progress";
import type { ReportMeta } from "./json";
import { type ScanSummary, summarize } from "./summary";

/** Rows listed in the table; the CSV/JSON reports hold them all. */
export const HTML_TABLE_LIMIT = 5000;

export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string,
  );
}

/** JSON that is safe inside a <script> element (no `</script>`, no `<!--`, no line separators). */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

let chartJs: string | null = null;

function chartLibrary(): string {
  // The package's exports hide dist/chart.umd.js; it sits beside the CommonJS entry point.
  chartJs ??= readFileSync(join(dirname(require.resolve("chart.js")), "chart.umd.js"), "utf8");
  if (/<\/script/i.test(chartJs)) throw new Error("chart.umd.js contains </script and cannot be inlined");
  return chartJs;
}

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px;color:#1b1b1b;background:#fafafa}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}.muted{color:#605e5c}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:16px 0}.card{background:#fff;border:1px solid #e1dfdd;border-radius:6px;padding:10px 16px;min-width:140px}
.card b{display:block;font-size:22px}.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:16px}
.chart{background:#fff;border:1px solid #e1dfdd;border-radius:6px;padding:12px;height:340px;position:relative}
table{border-collapse:collapse;background:#fff;width:100%;font-size:12.5px}th,td{border:1px solid #e1dfdd;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f3f2f1;position:sticky;top:0}td.error{color:#a4262c}td.path{word-break:break-all;min-width:240px}`;

const SCRIPT = `
(function(){
  var data = JSON.parse(document.getElementById("labelbridge-data").textContent);
  var palette = ["#0078d4","#ca5010","#107c10","#a4262c","#5c2e91","#008575","#986f0b","#4f6bed","#e3008c","#498205","#8764b8","#038387"];
  var counts = {beginAtZero:true, ticks:{precision:0}};
  function bar(id, title, labels, datasets){
    new Chart(document.getElementById(id), {type:"bar", data:{labels:labels, datasets:datasets},
      options:{indexAxis:"y", maintainAspectRatio:false, animation:false,
        plugins:{title:{display:true, text:title}, legend:{display: datasets.length > 1}}, scales:{x:counts, y:{}}}});
  }
  bar("chart-types", "Files by information type", data.byInfoType.map(function(t){return t.name}), [
    {label:"Files", data:data.byInfoType.map(function(t){return t.files}), backgroundColor:palette[0]},
    {label:"Files at high confidence", data:data.byInfoType.map(function(t){return t.highConfidenceFiles}), backgroundColor:palette[1]}
  ]);
  new Chart(document.getElementById("chart-labels"), {type:"doughnut", data:{labels:data.byLabel.map(function(l){return l.label}),
    datasets:[{data:data.byLabel.map(function(l){return l.files}), backgroundColor:palette}]},
    options:{maintainAspectRatio:false, animation:false, plugins:{title:{display:true, text:"Files by current label"}, legend:{position:"right"}}}});
  if (data.byProposedLabel.length) bar("chart-proposed", "Files by label that would apply", data.byProposedLabel.map(function(l){return l.label}),
    [{label:"Files", data:data.byProposedLabel.map(function(l){return l.files}), backgroundColor:palette[2]}]);
  var folders = data.byFolder.slice(0, 15);
  bar("chart-folders", "Files with findings by folder" + (data.byFolder.length > 15 ? " (top 15)" : ""), folders.map(function(f){return f.folder}), [
    {label:"Files with findings", data:folders.map(function(f){return f.filesWithFindings}), backgroundColor:palette[3]},
    {label:"Files", data:folders.map(function(f){return f.files}), backgroundColor:"#c8c6c4"}
  ]);
})();`;

/** Files the table lists: with findings, a label to apply, an action or an error. */
export function isListed(r: ScanRow): boolean {
  return (
    r.infoTypes.length > 0 ||
    r.error !== null ||
    r.proposed !== null ||
    (r.action !== "reported" && r.action !== "none")
  );
}

export function htmlRow(row: ScanRow): string {
  const v = rowValues(row);
  return `<tr>${REPORT_COLUMNS.map((c) => `<td class="${c === "path" ? "path" : c === "error" && v.error ? "error" : ""}">${escapeHtml(String(v[c]))}</td>`).join("")}</tr>`;
}

/** Everything before the table rows of files: `listed` files qualify, the first `shown` are listed. */
export function htmlHead(summary: ScanSummary, meta: ReportMeta, listed: number, shown: number): string {
  const card = (label: string, value: string) =>
    `<div class="card"><span class="muted">${escapeHtml(label)}</span><b>${escapeHtml(value)}</b></div>`;
  const head = REPORT_COLUMNS.map((c) => `<th>${escapeHtml(c)}</th>`).join("");
  const labeled = (summary.byAction.labeled ?? 0) + (summary.byAction.relabeled ?? 0);
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Labelbridge scan report</title><style>${STYLE}</style></head>
<body>
<h1>Labelbridge scan report</h1>
<div class="muted">${escapeHtml(meta.mode)} mode · ${escapeHtml(meta.startedAt)} · ${escapeHtml(meta.roots.join(", "))}${meta.policy ? ` · policy of ${escapeHtml(meta.policy.tenantName)} (${escapeHtml(meta.policy.phase)})` : " · no policy: every information type"}</div>
<div class="cards">
${card("Files scanned", summary.files.toLocaleString("en-US"))}
${card("Data", formatBytes(summary.bytes))}
${card("Files with sensitive information", summary.filesWithFindings.toLocaleString("en-US"))}
${meta.mode === "enforce" ? card("Files labeled", labeled.toLocaleString("en-US")) : ""}
${card("Errors", summary.errors.toLocaleString("en-US"))}
${card("Time", formatDuration(meta.durationMs))}
</div>
<div class="charts">
<div class="chart"><canvas id="chart-types" aria-label="Files by information type"></canvas></div>
<div class="chart"><canvas id="chart-labels" aria-label="Files by current label"></canvas></div>
${summary.byProposedLabel.length ? '<div class="chart"><canvas id="chart-proposed" aria-label="Files by label that would apply"></canvas></div>' : ""}
<div class="chart"><canvas id="chart-folders" aria-label="Files with findings by folder"></canvas></div>
</div>
<h2>By information type</h2>
<table><thead><tr><th>Information type</th><th>Files</th><th>Files at high confidence</th><th>Instances</th></tr></thead><tbody>
${summary.byInfoType.map((t) => `<tr><td>${escapeHtml(t.name)}</td><td>${t.files}</td><td>${t.highConfidenceFiles}</td><td>${t.instances}</td></tr>`).join("\n")}
</tbody></table>
<h2>Files with findings, labels to apply or errors (${listed.toLocaleString("en-US")}${listed > shown ? `, first ${shown.toLocaleString("en-US")} shown; the CSV and JSON reports list all` : ""})</h2>
<table><thead><tr>${head}</tr></thead><tbody>
`;
}

export function htmlTail(summary: ScanSummary): string {
  return `
</tbody></table>
<script type="application/json" id="labelbridge-data">${jsonForScript(summary)}</script>
<script>${chartLibrary()}</script>
<script>${SCRIPT}</script>
</body></html>
`;
}

export function htmlReport(rows: readonly ScanRow[], meta: ReportMeta): string {
  const summary = summarize(rows, meta.roots);
  const listed = rows.filter(isListed);
  const shown = listed.slice(0, HTML_TABLE_LIMIT);
  return (
    htmlHead(summary, meta, listed.length, shown.length) + shown.map(htmlRow).join("\n") + htmlTail(summary)
  );
}
