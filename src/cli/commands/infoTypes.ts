/**
 * `labelbridge info-types import|export`: Purview rule packages in and out of a tenant
 * configuration file (the document GET /api/v1/admin/policy returns). Import reports per entity
 * what it mapped and what it could not; with --policy it adds the types to the file (replacing
 * types with the same id) only when the whole document still validates, so a bad import loses
 * nothing. Export writes UTF-16LE with a byte-order mark, as Purview's own exports are.
 */
import { randomUUID } from "node:crypto";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import type { Command } from "commander";
import { encodeUtf16le } from "../../core/detect/rulePackage/decode";
import { exportRulePackage } from "../../core/detect/rulePackage/export";
import { importRulePackage, type RulePackageImport } from "../../core/detect/rulePackage/import";
import { formatIssue, validateTenantPolicy } from "../../core/policy";
import { EXIT } from "../main";

export interface InfoTypesIo {
  out(text: string): void;
  err(text: string): void;
}

const stdio: InfoTypesIo = {
  out: (t) => void process.stdout.write(t),
  err: (t) => void process.stderr.write(t),
};

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(`${path}: cannot read the configuration (${(error as Error).message})`);
  }
}

/** Same directory, then rename: the file is either the old document or the new one, never half. */
function writeAtomically(path: string, data: string | Uint8Array): void {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, data);
  renameSync(temp, path);
}

export function describeImport(result: RulePackageImport): string {
  const lines = [
    `rule package ${result.rulePack.id} "${result.rulePack.name}" ${result.rulePack.version} by ${result.rulePack.publisherName || "?"}`,
  ];
  for (const e of result.entities) {
    const what = e.imported ? "imported" : "skipped ";
    lines.push(`${what}  ${e.id}  ${e.name}  (${e.patterns.imported} of ${e.patterns.total} patterns)`);
    for (const problem of e.problems) lines.push(`    - ${problem}`);
  }
  for (const problem of result.problems) lines.push(`package: ${problem}`);
  const imported = result.entities.filter((e) => e.imported).length;
  lines.push(`${imported} of ${result.entities.length} entities imported`);
  return lines.join("\n") + "\n";
}

export function runImport(
  file: string,
  options: { policy?: string; json?: boolean },
  io: InfoTypesIo = stdio,
): number {
  const result = importRulePackage(new Uint8Array(readFileSync(file)));
  io.out(options.json ? JSON.stringify(result, null, 2) + "\n" : describeImport(result));
  if (!options.policy) return EXIT.ok;
  const document = readJson(options.policy) as { infoTypes?: Array<{ id: string }> };
  const ids = new Set(result.infoTypes.map((t) => t.id));
  const merged = {
    ...document,
    infoTypes: [
      ...(document.infoTypes ?? []).filter((t) => !ids.has(String(t.id).toLowerCase())),
      ...result.infoTypes,
    ],
  };
  const validated = validateTenantPolicy(merged);
  if (!validated.ok) {
    io.err(`${options.policy}: not changed; the configuration would not be valid:\n`);
    for (const issue of validated.issues) io.err(`  ${formatIssue(issue)}\n`);
    return EXIT.refused;
  }
  writeAtomically(options.policy, JSON.stringify(validated.value, null, 1) + "\n");
  io.out(`${options.policy}: ${result.infoTypes.length} information types written\n`);
  return EXIT.ok;
}

export interface ExportOptions {
  policy: string;
  out: string;
  rulePackId?: string;
  publisherId?: string;
  publisher?: string;
  name?: string;
  utf8?: boolean;
}

export function runExport(options: ExportOptions, io: InfoTypesIo = stdio): number {
  const validated = validateTenantPolicy(readJson(options.policy));
  if (!validated.ok) {
    io.err(`${options.policy}: not a valid configuration: ${formatIssue(validated.issues[0])}\n`);
    return EXIT.failure;
  }
  const rulePackId = options.rulePackId ?? randomUUID();
  const { xml, warnings } = exportRulePackage(validated.value.infoTypes, {
    id: rulePackId,
    publisherId: options.publisherId ?? randomUUID(),
    publisherName: options.publisher ?? validated.value.name,
    name: options.name ?? `${validated.value.name} information types`,
  });
  writeAtomically(
    options.out,
    options.utf8 ? xml.replace('encoding="utf-16"', 'encoding="utf-8"') : encodeUtf16le(xml),
  );
  for (const warning of warnings) io.err(`warning: ${warning}\n`);
  io.out(
    `${options.out}: ${validated.value.infoTypes.length} information types in rule package ${rulePackId}` +
      `${options.rulePackId ? "" : " (pass --rule-pack-id to keep this id on the next export)"}\n`,
  );
  return EXIT.ok;
}

export function register(program: Command): void {
  const infoTypes = program
    .command("info-types")
    .description("Import or export custom sensitive information types as Purview rule packages");
  infoTypes
    .command("import")
    .description(
      "Read a rule package; report per entity what maps; with --policy, add the types to that file",
    )
    .argument("<package>", "rule package XML (UTF-16 or UTF-8, as Purview exports it)")
    .option("--policy <file>", "tenant configuration JSON to add the imported types to")
    .option("--json", "print the import result as JSON")
    .action((file: string, options: { policy?: string; json?: boolean }) => {
      process.exitCode = runImport(file, options);
    });
  infoTypes
    .command("export")
    .description("Write a configuration's custom types as a rule package (UTF-16LE with BOM)")
    .requiredOption("--policy <file>", "tenant configuration JSON")
    .requiredOption("--out <file>", "rule package to write")
    .option(
      "--rule-pack-id <guid>",
      "the rule pack's id (keep it stable so Purview updates the same package)",
    )
    .option("--publisher-id <guid>", "the publisher's id")
    .option("--publisher <name>", "the publisher's name (default: the configuration's name)")
    .option("--name <name>", "the rule pack's name")
    .option("--utf8", "write UTF-8 instead of UTF-16LE")
    .action((options: ExportOptions) => {
      process.exitCode = runExport(options);
    });
}
