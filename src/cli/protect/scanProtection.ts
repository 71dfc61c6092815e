/**
 * Protection in the scanner. Reading: a protected Office file is decrypted in memory with a key the
 * server releases to the scanner's identity, so its labels and content are still inspected (nothing
 * is written to it). Writing: before enforce writes a label, decideProtection says whether the label
 * may be applied here; a Labelbridge-protected label gets a key kept by the server first and the file
 * is labeled and encrypted in one atomic write.
 */
import { type FsPath, displayPath } from "../scan/fsPath";
import { basename } from "node:path";
import type { AuditEvent } from "../../core/audit";
import { type LabelPlan, decideProtection, eventAuditEvent } from "../../core/decide";
import type { LabelRecord } from "../../core/metadata";
import { type EffectivePolicy, labelProtection } from "../../core/policy";
import type { FileType } from "../formats/fileType";
import { readPackageLabels } from "../ooxml/labels";
import { type FileContent, cutWarning } from "../scan/content";
import { StreamingDetector } from "../scan/detectText";
import { officeFileModule } from "../scan/onDemand";
import { type ScannerIdentity, decisionContext, fullLabelName } from "../scan/policyUse";
import { newFileKey } from "./agile";
import { type KeyServer, discardKey, escrowKey } from "./keyClient";
import { abilitiesFor, protectInPlace } from "./labelFlow";
import { type LabelWriter, protectingWriter } from "./protectFile";
import { openProtected } from "./unprotectFile";
import { readFileSync } from "node:fs";

/** The key server as scan settings carry it across the worker boundary (plain data). */
export interface ScanKeyServer {
  server: string;
  token: string;
}

/** A protected Office file's content, decrypted in memory. Throws ProtectionError when it cannot be. */
export async function readProtectedContent(
  path: FsPath,
  type: FileType,
  keys: ScanKeyServer,
): Promise<FileContent & { keyNote: string }> {
  const opened = await openProtected(readFileSync(path), basename(displayPath(path)), keys);
  const labels = readPackageLabels(opened.pkg.archive);
  const detector = new StreamingDetector();
  // Streamed into the detector under the same decode budget as an unprotected file's text.
  const extracted = await officeFileModule().streamPackageText(opened.pkg, (text) => detector.push(text));
  return {
    type,
    ...detector.finish(),
    labels: {
      effective: labels.effective,
      disagreements: labels.disagreements,
      notes: labels.notes,
      office: labels,
    },
    labelError: null,
    warnings: extracted.cut === null ? [] : [cutWarning("", extracted.cut)],
    office: null,
    keyNote: `encrypted (Labelbridge protection, key ${opened.keyId}); read with a key released to the scanner as ${opened.key.grant === "super-user" ? "a super user" : "a rights holder"}`,
  };
}

export type ScanWrite =
  | { refused: true; reason: string; message: string; audit: AuditEvent }
  | {
      refused: false;
      writer?: LabelWriter;
      /** Called once the write is known: a key whose file was not written is withdrawn. */
      settle(written: boolean): Promise<string | null>;
    };

/** What enforce may write for `plan`, and how. Throws ProtectionError when a key cannot be kept. */
export async function prepareScanWrite(
  policy: EffectivePolicy,
  plan: LabelPlan,
  keys: ScanKeyServer | null,
  path: FsPath,
  who: ScannerIdentity,
  dryRun: boolean,
): Promise<ScanWrite> {
  const labelId = plan.metadata?.labelId ?? null;
  const label = labelId === null ? undefined : policy.labels.find((l) => l.id === labelId);
  const none = { refused: false as const, settle: async () => null };
  if (!label || labelId === null) return none;
  const server: KeyServer | null = keys ? { server: keys.server, token: keys.token } : null;
  const decision = decideProtection(
    label,
    abilitiesFor({ keys: server, pathName: "the scanner" }, displayPath(path)),
    fullLabelName(policy, labelId) ?? label.displayName,
  );
  if (decision.outcome === "refuse")
    return {
      refused: true,
      reason: decision.reason,
      message: decision.message,
      audit: eventAuditEvent(decisionContext(displayPath(path), who), "label-refused", {
        labelId,
        actionSource: "scanner",
        reason: decision.reason,
        details: { path: displayPath(path) },
      }),
    };
  if (decision.outcome === "apply" || dryRun || !server) return none;
  const key = newFileKey();
  await escrowKey(server, {
    keyId: key.keyId,
    labelId,
    password: key.password,
    itemName: basename(displayPath(path)),
  });
  return {
    refused: false,
    writer: protectingWriter(key),
    settle: async (written) => {
      if (written) return `encrypted with Labelbridge protection; key ${key.keyId} kept by the server`;
      await discardKey(server, key.keyId);
      return null;
    },
  };
}

/**
 * Enforce on a file that already carries a Labelbridge-protected label but is not encrypted (labeled
 * before the label protected, or by a tool that could not): encrypt it. Returns the row's note.
 */
export async function protectExisting(
  policy: EffectivePolicy,
  record: LabelRecord,
  keys: ScanKeyServer | null,
  path: FsPath,
  dryRun: boolean,
): Promise<{ note: string; protectedNow: boolean } | null> {
  const label = policy.labels.find((l) => l.id === record.labelId);
  if (!label || labelProtection(label).kind !== "labelbridge") return null;
  const name = fullLabelName(policy, label.id) ?? label.displayName;
  if (!keys)
    return {
      note: `"${name}" protects with Labelbridge but the file is not encrypted; scan with --server URL to encrypt it`,
      protectedNow: false,
    };
  if (dryRun) return { note: `would encrypt: "${name}" protects with Labelbridge`, protectedNow: false };
  const server: KeyServer = { server: keys.server, token: keys.token };
  const key = newFileKey();
  await escrowKey(server, {
    keyId: key.keyId,
    labelId: label.id,
    password: key.password,
    itemName: basename(displayPath(path)),
  });
  let done;
  try {
    done = protectInPlace(
      { path: displayPath(path), file: path, target: null, id: "" },
      label.id,
      policy,
      key,
    );
  } catch (err) {
    await discardKey(server, key.keyId);
    throw err;
  }
  if (!done) {
    await discardKey(server, key.keyId);
    return null;
  }
  return {
    note: `encrypted with Labelbridge protection ("${name}" was on the file unencrypted); key ${key.keyId} kept by the server`,
    protectedNow: true,
  };
}
