/**
 * `labelbridge inspect <file> [--json]`: the label metadata a file or mail carries — every tenant,
 * every location — and which label is in effect. Exit 0 when the file could be read, 1 otherwise.
 */
import { Command } from "commander";
import type { EffectivePolicy } from "../../core/policy";
import { EXIT } from "../main";
import { type Io, type PolicyCliOptions, addPolicyOptions, processIo } from "../scan/cliOptions";
import { type InspectedLabel, type Inspection, inspect } from "../scan/inspect";
import type { MappedLabelReport } from "../scan/mapped";
import { commandLinePath } from "../scan/fsPath";
import { loadPolicy } from "../scan/policySource";

function describeLabel(l: InspectedLabel): string {
  if (l.removed) return `removed (tenant ${l.siteId} deliberately removed its label) [${l.location}]`;
  const facts = [
    `tenant ${l.siteId}`,
    l.method ?? "method not recorded",
    l.enabled ? null : "disabled",
    l.setDate ? `set ${l.setDate}` : null,
    l.contentBits !== null ? `ContentBits ${l.contentBits}` : null,
    l.actionId ? `ActionId ${l.actionId}` : null,
  ].filter(Boolean);
  const name = l.displayName ?? l.name;
  return `${name ? `"${name}" ` : ""}${l.labelId} — ${facts.join(", ")} [${l.location}]`;
}

function mappingText(m: MappedLabelReport): string {
  const original = `Original label: ${m.originalText || "none"}`;
  if (!m.mapped)
    return `${original}; mapped label: none${m.original ? " (no label mapping matches it)" : ""}`;
  if (m.mapped.via === "own") return `${original}; mapped label: the same (our tenant's label)`;
  const rule = m.mapped.mappingName ? ` "${m.mapped.mappingName}"` : "";
  return `${original}; mapped label: "${m.mapped.displayName ?? m.mapped.labelId}" ${m.mapped.labelId} (label mapping${rule})`;
}

export function renderInspection(r: Inspection, indent = ""): string {
  const lines: string[] = [
    `${indent}${r.path} (${r.type ?? "unknown type"}, ${r.size.toLocaleString("en-US")} bytes)`,
  ];
  const add = (s: string) => lines.push(`${indent}  ${s}`);
  if (r.error) add(`error: ${r.error.message}`);
  if (r.labels.length === 0) add("Label in effect: none");
  else {
    add(`Label${r.labels.length > 1 ? "s" : ""} in effect:`);
    for (const l of r.labels) add(`  ${describeLabel(l)}`);
  }
  if (r.type !== null && ["docx", "docm", "xlsx", "xlsm", "pptx", "pptm"].includes(r.type) && !r.error) {
    add(
      r.labelInfo
        ? `${r.labelInfo.part}: ${r.labelInfo.labels.length} label element(s)`
        : "docMetadata/LabelInfo.xml: none",
    );
    for (const l of r.labelInfo?.labels ?? []) add(`  ${describeLabel(l)}`);
    add(
      r.customProperties
        ? `${r.customProperties.part}: ${r.customProperties.labels.length} label(s)`
        : "docProps/custom.xml: none",
    );
    for (const l of r.customProperties?.labels ?? []) add(`  ${describeLabel(l)}`);
    if (r.customProperties?.otherProperties.length)
      add(`  other properties: ${r.customProperties.otherProperties.join(", ")}`);
  }
  if (r.pdf) {
    add(`PDF information dictionary: ${r.pdf.info.length} label(s)`);
    for (const l of r.pdf.info) add(`  ${describeLabel(l)}`);
    add(
      r.pdf.xmp ? `PDF XMP metadata (pdfx): ${r.pdf.xmp.length} label(s)` : "PDF XMP metadata: none readable",
    );
    for (const l of r.pdf.xmp ?? []) add(`  ${describeLabel(l)}`);
    if (r.pdf.protection) add(`protection: ${r.pdf.protection}`);
  }
  if (r.headers) {
    add(`msip_labels headers: ${r.headers.length} label(s)`);
    for (const l of r.headers) add(`  ${describeLabel(l)}`);
  }
  if (r.protectiveMarking) {
    const m = r.protectiveMarking;
    add(
      `X-Protective-Marking: SEC=${m.sec}${m.caveats?.length ? `, CAVEAT=${m.caveats.join(", ")}` : ""}${m.access?.length ? `, ACCESS=${m.access.join(", ")}` : ""}, VER=${m.ver}, NS=${m.ns}${m.origin ? `, ORIGIN=${m.origin}` : ""}`,
    );
  }
  for (const d of r.disagreements)
    add(
      `disagreement for tenant ${d.siteId}: LabelInfo says ${describeLabel(d.labelInfo)}; custom properties say ${describeLabel(d.customProperties)} (LabelInfo wins)`,
    );
  if (r.mapping) add(mappingText(r.mapping));
  for (const n of r.notes) add(`note: ${n}`);
  for (const a of r.attachments) lines.push(renderInspection(a, `${indent}  attachment `));
  return lines.join("\n");
}

function hasError(r: Inspection): boolean {
  return r.error !== null || r.attachments.some(hasError);
}

export async function runInspect(
  file: string,
  opts: PolicyCliOptions & { json?: boolean },
  io: Io,
): Promise<number> {
  let policy: EffectivePolicy | null = null;
  try {
    policy = await loadPolicy(opts);
  } catch (err) {
    io.err(`labelbridge inspect: ${(err as Error).message}\n`);
    return EXIT.failure;
  }
  const result = await inspect(commandLinePath(file), policy);
  io.out(opts.json ? JSON.stringify(result, null, 2) + "\n" : renderInspection(result) + "\n");
  if (result.error && !opts.json) io.err(`labelbridge inspect: ${file}: ${result.error.message}\n`);
  return hasError(result) ? EXIT.failure : EXIT.ok;
}

export function register(program: Command): void {
  const cmd = program
    .command("inspect")
    .description("Show the label metadata a file or .eml carries: every tenant, every location")
    .argument("<file>", "an Office file (.docx .xlsx .pptx …), a PDF or a mail (.eml)")
    .option("--json", "machine-readable output");
  addPolicyOptions(cmd);
  cmd.action(async (file: string, opts: PolicyCliOptions & { json?: boolean }) => {
    process.exitCode = await runInspect(file, opts, processIo);
  });
}
