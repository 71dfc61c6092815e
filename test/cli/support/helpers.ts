/** Shared helpers for the CLI tests: temp folders, policies, hashes, mail and PDF builders, the built CLI. */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  mkdirSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import {
  DEFAULT_LABEL_IDS,
  DEVELOPMENT_SITE_ID,
  defaultTenantPolicy,
  resolveEffectivePolicy,
  tenantPolicySchema,
  type EffectivePolicy,
  type LabelStorage,
  type Phase,
  type PolicySettings,
  type TenantPolicy,
} from "../../../src/core/policy";

export const L = DEFAULT_LABEL_IDS;
export const SITE = DEVELOPMENT_SITE_ID;
export const OTHER_SITE = "72f988bf-86f1-41af-91ab-2d7cd011db47";
export const REPO = join(__dirname, "..", "..", "..");

export function tempDir(prefix = "lb-cli-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function cleanup(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export function write(path: string, data: string | Uint8Array): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
  return path;
}

export function sha256(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

/** Every file under a folder with its hash, to prove a run changed nothing (or exactly what it should). */
export function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) visit(p);
      else if (e.isFile()) out.set(p, sha256(p));
    }
  };
  visit(dir);
  return out;
}

export function tenant(
  options: { phase?: Phase; storage?: LabelStorage; settings?: Partial<PolicySettings> } = {},
): TenantPolicy {
  const t = defaultTenantPolicy();
  return tenantPolicySchema.parse({
    ...t,
    labelStorage: options.storage ?? "auto",
    policies: [
      {
        ...t.policies[0],
        phase: options.phase ?? "enforce",
        settings: { ...t.policies[0].settings, ...options.settings },
      },
    ],
  });
}

export function effective(options: Parameters<typeof tenant>[0] = {}): EffectivePolicy {
  return resolveEffectivePolicy(tenant(options), { id: "labelbridge-scanner", groups: [] });
}

export function writePolicy(
  dir: string,
  options: Parameters<typeof tenant>[0] = {},
  name = "policy.json",
): string {
  return write(join(dir, name), JSON.stringify(tenant(options), null, 1));
}

/** Custom properties of one label, the way Office writes them. */
export function msipProps(o: {
  labelId: string;
  siteId?: string;
  method?: "Standard" | "Privileged";
  name?: string;
}): Record<string, string> {
  const k = (s: string) => `MSIP_Label_${o.labelId}_${s}`;
  return {
    [k("Enabled")]: "true",
    [k("SetDate")]: "2024-05-22T11:33:35Z",
    [k("Method")]: o.method ?? "Standard",
    [k("Name")]: o.name ?? "Some label",
    [k("SiteId")]: o.siteId ?? SITE,
    [k("ActionId")]: "1d4f1966-c3fd-41b2-9f3e-b4c7f5bb09bc",
    [k("ContentBits")]: "0",
  };
}

export function labelInfoXml(labels: Array<{ labelId: string; siteId: string; method?: string }>): string {
  const items = labels
    .map(
      (l) =>
        `<clbl:label id="{${l.labelId}}" enabled="1" method="${l.method ?? "Standard"}" siteId="{${l.siteId}}" contentBits="0" removed="0" />`,
    )
    .join("");
  return `<?xml version="1.0" encoding="utf-8" standalone="yes"?><clbl:labelList xmlns:clbl="http://schemas.microsoft.com/office/2020/mipLabelMetadata">${items}</clbl:labelList>`;
}

/** Text that detects as credit cards at high confidence (card keyword + expiry). */
export function cardText(count: number): string {
  const cards = [
    "4111 1111 1111 1111",
    "4012 8888 8888 1881",
    "5555 5555 5555 4444",
    "5105 1051 0510 5100",
    "4000 0566 5566 5556",
  ];
  const lines: string[] = [];
  for (let i = 0; i < count; i++) lines.push(`Credit card ${cards[i % cards.length]} exp 12/29.`);
  return lines.join("\n");
}

export function eml(headers: string, body: string): string {
  return `${headers.replace(/\n?$/, "\n")}\n${body}`;
}

/** A one-page PDF with a text layer (Helvetica), optionally claiming encryption with a user password. */
export function pdf(lines: string[], encrypted = false): Buffer {
  const objs = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
  ];
  const content =
    "BT /F1 12 Tf 72 720 Td 14 TL\n" +
    lines.map((l) => "(" + l.replace(/[\\()]/g, (m) => "\\" + m) + ") Tj T*").join("\n") +
    "\nET";
  objs.push(`<< /Length ${Buffer.byteLength(content)} >>\nstream\n${content}\nendstream`);
  objs.push("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
  if (encrypted)
    objs.push(
      "<< /Filter /Standard /V 1 /R 2 /O <" + "11".repeat(32) + "> /U <" + "22".repeat(32) + "> /P -4 >>",
    );
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, "latin1"));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, "latin1");
  out +=
    `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n` +
    offsets.map((o) => String(o).padStart(10, "0") + " 00000 n \n").join("");
  const encryptRef = encrypted
    ? "/Encrypt 6 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]"
    : "";
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R ${encryptRef} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

const CLI = join(REPO, "bin", "labelbridge.js");
const BUILT_MAIN = join(REPO, "build", "cli", "main.js");

function newestSource(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (e.name.endsWith(".ts")) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * The compiled CLI must exist and be newer than the sources it runs (CI builds before testing;
 * locally run `npm run build:node`). A stale build would test old code, so it fails instead.
 */
export function requireFreshBuild(): void {
  if (!existsSync(BUILT_MAIN))
    throw new Error("build/cli/main.js is missing: run `npm run build:node` before these tests");
  const built = statSync(BUILT_MAIN).mtimeMs;
  const sources = Math.max(newestSource(join(REPO, "src", "cli")), newestSource(join(REPO, "src", "core")));
  if (sources > built + 1000)
    throw new Error("build/ is older than src/cli or src/core: run `npm run build:node` before these tests");
}

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

export function runCli(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): CliRun {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? REPO,
    env: { ...process.env, ...options.env },
    encoding: "utf8",
    timeout: options.timeoutMs ?? 120_000,
  });
  if (r.error) throw r.error;
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** An Io that keeps what a command printed, for commands run in-process. */
export function captureIo(): {
  o: { out: string; err: string };
  sink: import("../../../src/cli/scan/cliOptions").Io;
} {
  const o = { out: "", err: "" };
  return {
    o,
    sink: { out: (t) => void (o.out += t), err: (t) => void (o.err += t), progress: { write: () => true } },
  };
}
