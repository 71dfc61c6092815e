/**
 * Protection end to end against the real server (SQLite; the escrow itself runs on both databases in
 * test/server/keys): `label` and `scan --mode enforce` encrypt with a key the server keeps, the
 * independent reader opens the file with the key `unprotect` is released, outsiders are refused,
 * Purview-protected labels are refused and audited, and nothing is ever half-written.
 */
import { randomUUID } from "node:crypto";
import { readFileSync, truncateSync } from "node:fs";
import { join } from "node:path";
import { Command, CommanderError } from "commander";
import { buildDocx } from "../../../bench/scanner/ooxml";
import { type LabelCommandOptions, runLabelChange } from "../../../src/cli/commands/label";
import { type ScanCommandOptions, runScanCommand } from "../../../src/cli/commands/scan";
import { runUnprotect } from "../../../src/cli/commands/unprotect";
import { nodeFs } from "../../../src/cli/ooxml/atomic";
import { readPackageLabels, tenantLabel } from "../../../src/cli/ooxml/labels";
import { openOfficePackage } from "../../../src/cli/ooxml/officeFile";
import { bufferSource } from "../../../src/cli/ooxml/source";
import { encryptPackage, newFileKey, openContainer } from "../../../src/cli/protect/agile";
import { releaseKey } from "../../../src/cli/protect/keyClient";
import { changeLabelProtected } from "../../../src/cli/protect/labelFlow";
import { inProcessScanner } from "../../../src/cli/scan/pool";
import { DEFAULT_SCAN_SETTINGS, scanFile } from "../../../src/cli/scan/scanFile";
import { parseEffectivePolicy } from "../../../src/cli/scan/policySource";
import { fetchPolicy } from "../../../src/cli/scan/server";
import { DEFAULT_LABEL_IDS as L, parseTenantPolicy } from "../../../src/core/policy";
import { SqlStore } from "../../../src/server/storage/sql";
import type { Store } from "../../../src/server/storage/store";
import { sqliteEngine, type Engine } from "../../server/support/engines";
import { entraToken, startFakeEntra, type FakeEntra } from "../../server/support/entra";
import { startTestServer, testConfig, type TestServer } from "../../server/support/server";
import { PROTECTED_LABEL, RIGHTS_GROUP, kek, protectedTenant, writeTenant } from "../../server/keys/support";
import { captureIo, cardText, cleanup, msipProps, sha256, tempDir, write } from "../support/helpers";
import { decryptWithMsoffcrypto, requireReader, verifyWithMsoffcrypto } from "./reader";

const TENANT = randomUUID();
const HC_AE = "Highly Confidential \\ All Employees";

let entra: FakeEntra;
let engine: Engine;
let store: Store;
let server: TestServer;
let noKek: TestServer;
const tokens: Record<string, string> = {};
let dir: string;

beforeAll(async () => {
  requireReader();
  entra = await startFakeEntra();
  engine = await sqliteEngine();
  store = engine.open();
  await store.migrate();
  const tenant = protectedTenant(TENANT);
  await writeTenant(
    store,
    parseTenantPolicy({ ...tenant, policies: tenant.policies.map((p) => ({ ...p, phase: "enforce" })) }),
  );
  server = await startTestServer(
    testConfig([TENANT], entra.jwksTemplate, { LABELBRIDGE_KEK: kek("k1") }),
    store,
  );
  noKek = await startTestServer(testConfig([TENANT], entra.jwksTemplate), store);
  const token = (upn: string, groups: string[] = []) =>
    entraToken(entra.key, { tid: TENANT, oid: randomUUID(), preferred_username: upn, groups });
  tokens.scanner = await token("scanner@contoso.com", [RIGHTS_GROUP]);
  tokens.holder = await token("ana@contoso.com", [RIGHTS_GROUP]);
  tokens.outsider = await token("olly@contoso.com");
});

afterAll(async () => {
  await server?.close();
  await noKek?.close();
  await store?.close();
  await engine?.dispose();
  await entra?.close();
});

beforeEach(() => (dir = tempDir("lb-protect-flow-")));
afterEach(() => cleanup(dir));

async function label(files: string[], options: Partial<LabelCommandOptions>, labelArg: string) {
  const { o, sink } = captureIo();
  const cmd = new Command("label").exitOverride().configureOutput({ writeErr: (t) => void (o.err += t) });
  try {
    return {
      code: await runLabelChange(
        cmd,
        files,
        { server: server.url, token: tokens.scanner, ...options },
        sink,
        labelArg,
      ),
      ...o,
    };
  } catch (e) {
    if (e instanceof CommanderError) return { code: e.exitCode, ...o };
    throw e;
  }
}

async function unprotect(files: string[], token: string, out?: string) {
  const { o, sink } = captureIo();
  const cmd = new Command("unprotect").exitOverride();
  return { code: await runUnprotect(cmd, files, { server: server.url, token, out }, sink), ...o };
}

async function scan(paths: string[], options: Partial<ScanCommandOptions>) {
  const { o, sink } = captureIo();
  const cmd = new Command("scan").exitOverride();
  const opts: ScanCommandOptions = {
    mode: "discover",
    report: [],
    include: [],
    exclude: [],
    progress: false,
    fileTimeout: 60,
    ...options,
  };
  return {
    code: await runScanCommand(cmd, paths, opts, { io: sink, scanner: (s) => inProcessScanner(s) }),
    ...o,
  };
}

const keysFor = (token: string) => ({ server: server.url, token });
const docx = (name: string, text = "quarterly numbers") => write(join(dir, name), buildDocx([[text]]));

function labelOf(plain: Buffer) {
  return tenantLabel(readPackageLabels(openOfficePackage(bufferSource(plain)).archive), TENANT);
}

async function auditTypes(): Promise<string[]> {
  const rows = await (store as SqlStore).executor.query(
    `SELECT type, reason FROM audit_events WHERE tenant_id = $1 ORDER BY received_at`,
    [TENANT],
  );
  return rows.map((r) => `${r.type}:${r.reason ?? ""}`);
}

test("label encrypts with a key the server keeps; msoffcrypto-tool opens it with the released key", async () => {
  const path = docx("plan.docx");
  const r = await label([path], {}, HC_AE);
  expect([r.code, r.err]).toEqual([0, ""]);
  expect(r.out).toContain("encrypted: the key is kept by the server");
  const bytes = readFileSync(path);
  const { keyId } = openContainer(bytes);
  // An outsider holding the file sees neither the label id nor its name.
  for (const needle of [PROTECTED_LABEL, "HighlyConfidential_AllEmployees"])
    for (const enc of ["utf8", "utf16le"] as const)
      expect(bytes.includes(Buffer.from(needle, enc))).toBe(false);

  const released = await releaseKey(keysFor(tokens.holder), keyId, "plan.docx");
  const plain = decryptWithMsoffcrypto(path, released.password);
  expect(verifyWithMsoffcrypto(path, released.password)).toBe(String(plain.length));
  const found = labelOf(plain);
  expect(found).toMatchObject({ labelId: PROTECTED_LABEL, method: "Privileged" });
  expect((found!.contentBits ?? 0) & 0x8).toBe(0x8);
});

test("unprotect: a rights holder gets the labeled file back; an outsider is refused and the file stays", async () => {
  const path = docx("board.docx", "board minutes");
  await label([path], {}, HC_AE);
  const protectedHash = sha256(path);

  const refused = await unprotect([path], tokens.outsider);
  expect(refused.code).toBe(4);
  expect(refused.err).toContain("not one of the rights holders");
  expect(sha256(path)).toBe(protectedHash);

  const out = join(dir, "board-plain.docx");
  const copy = await unprotect([path], tokens.holder, out);
  expect(copy.code).toBe(0);
  expect(sha256(path)).toBe(protectedHash);
  const inPlace = await unprotect([path], tokens.holder);
  expect([inPlace.code, inPlace.out]).toEqual([
    0,
    `unprotected  ${path}  "All Employees" (key released to you as a rights holder)\n`,
  ]);
  // Both keep the label; the encryption bit of ContentBits is cleared (each write has its own ActionId).
  for (const plain of [readFileSync(path), readFileSync(out)]) {
    const found = labelOf(plain);
    expect(found?.labelId).toBe(PROTECTED_LABEL);
    expect((found!.contentBits ?? 0) & 0x8).toBe(0);
  }
});

test("a Purview-protected label is refused with why, nothing written, and the refusal is audited", async () => {
  const path = docx("names.docx");
  const before = sha256(path);
  const r = await label([path], {}, "Highly Confidential \\ Specified People");
  expect(r.code).toBe(4);
  expect(r.out).toContain("encrypts through Microsoft Purview");
  expect(r.out).toContain("labelbridge label cannot, so the label was not applied");
  expect(sha256(path)).toBe(before);
  expect(await auditTypes()).toContain("label-refused:protection-purview-unavailable");
});

test("without --server a Labelbridge label is refused, naming --server", async () => {
  const policyFile = write(
    join(dir, "policy.json"),
    JSON.stringify(await fetchPolicy(server.url, tokens.scanner)),
  );
  const path = docx("x.docx");
  const before = sha256(path);
  const r = await label([path], { server: undefined, token: undefined, policy: policyFile }, HC_AE);
  expect(r.code).toBe(4);
  expect(r.out).toContain("it needs --server URL");
  expect(sha256(path)).toBe(before);
});

test("a server that cannot keep the key gets nothing written", async () => {
  const path = docx("y.docx");
  const before = sha256(path);
  const r = await label([path], { server: noKek.url }, HC_AE);
  expect(r.code).toBe(1);
  expect(r.out).toContain("the server did not keep the file's key, so nothing was written");
  expect(sha256(path)).toBe(before);
});

test("a write that fails leaves the original byte-identical and withdraws the key", async () => {
  const path = docx("z.docx");
  const before = sha256(path);
  const policy = parseEffectivePolicy(await fetchPolicy(server.url, tokens.scanner), "policy");
  const failingRename = {
    ...nodeFs,
    renameSync: () => {
      throw new Error("disk full");
    },
  };
  const o = await changeLabelProtected(
    path,
    { labelId: PROTECTED_LABEL, relabel: false, justification: null, dryRun: false },
    policy,
    { name: "test", principalName: "test" },
    { keys: keysFor(tokens.scanner), pathName: "labelbridge label" },
    failingRename,
  );
  expect(o).toMatchObject({ status: "failed", message: "disk full" });
  expect(sha256(path)).toBe(before);
  const rows = await (store as SqlStore).executor.query(
    `SELECT revoke_reason FROM protection_keys WHERE tenant_id = $1 AND item_name = 'z.docx'`,
    [TENANT],
  );
  expect(rows.map((r) => r.revoke_reason)).toEqual(["discarded: the file was not written"]);
});

test("scan enforce encrypts what it labels; scans read protected files with a released key, or say why not", async () => {
  const share = join(dir, "share");
  const cards = write(join(share, "cards.docx"), buildDocx([[cardText(12)]]));
  write(join(share, "clean.docx"), buildDocx([["nothing"]]));
  const enforce = await scan([share], {
    mode: "enforce",
    server: server.url,
    token: tokens.scanner,
    report: [join(dir, "r.json")],
  });
  expect(enforce.code).toBe(0);
  const rows = JSON.parse(readFileSync(join(dir, "r.json"), "utf8")).rows as Array<{
    path: string;
    action: string;
    labelNotes: string[];
  }>;
  const row = rows.find((r) => r.path === cards)!;
  expect(row.action).toBe("labeled");
  expect(row.labelNotes.join(" ")).toMatch(
    /encrypted with Labelbridge protection; key [0-9a-f]{32} kept by the server/,
  );

  const { keyId } = openContainer(readFileSync(cards));
  const released = await releaseKey(keysFor(tokens.holder), keyId, "cards.docx");
  expect(labelOf(decryptWithMsoffcrypto(cards, released.password))?.labelId).toBe(
    L.highlyConfidentialAllEmployees,
  );

  const protectedHash = sha256(cards);
  const discover = await scan([cards], {
    server: server.url,
    token: tokens.scanner,
    report: [join(dir, "d.json")],
  });
  expect(discover.code).toBe(0);
  const seen = JSON.parse(readFileSync(join(dir, "d.json"), "utf8")).rows[0];
  expect(seen.currentLabel.labelId).toBe(PROTECTED_LABEL);
  expect(seen.infoTypes[0]).toMatchObject({ name: "Credit Card Number", count: 12 });
  expect(seen.labelNotes.join(" ")).toContain("read with a key released to the scanner as a rights holder");

  const outsider = await scan([cards], {
    server: server.url,
    token: tokens.outsider,
    report: [join(dir, "o.json")],
  });
  expect(outsider.code).toBe(1);
  const refusedRow = JSON.parse(readFileSync(join(dir, "o.json"), "utf8")).rows[0];
  expect([refusedRow.action, refusedRow.errorCode]).toEqual(["error", "key-refused"]);
  expect(sha256(cards)).toBe(protectedHash);
});

test("a corrupt container and a file encrypted elsewhere: a clear error, nothing overwritten", async () => {
  const path = docx("c.docx");
  await label([path], {}, HC_AE);
  truncateSync(path, 1500);
  const corruptHash = sha256(path);
  const corrupt = await unprotect([path], tokens.holder);
  expect(corrupt.code).toBe(1);
  expect(corrupt.err).toMatch(/encrypted container/);
  expect(sha256(path)).toBe(corruptHash);

  const foreign = write(
    join(dir, "foreign.docx"),
    encryptPackage(Buffer.from(buildDocx([["x"]])), newFileKey()),
  );
  const foreignHash = sha256(foreign);
  const r = await unprotect([foreign], tokens.holder);
  expect(r.code).toBe(4);
  expect(r.err).toContain("no key is kept for this file in your tenant");
  expect(sha256(foreign)).toBe(foreignHash);
});

test("scan enforce encrypts a file that already carries a Labelbridge label unencrypted; without --server it says so", async () => {
  const path = write(
    join(dir, "old.docx"),
    buildDocx([["minutes"]], {
      customProperties: msipProps({ labelId: PROTECTED_LABEL, siteId: TENANT, method: "Privileged" }),
    }),
  );
  const policyFile = write(
    join(dir, "policy.json"),
    JSON.stringify(await fetchPolicy(server.url, tokens.scanner)),
  );
  const before = sha256(path);
  await scan([path], { mode: "enforce", policy: policyFile, report: [join(dir, "n.json")] });
  const noServer = JSON.parse(readFileSync(join(dir, "n.json"), "utf8")).rows[0];
  expect(noServer.labelNotes.join(" ")).toContain("protects with Labelbridge but the file is not encrypted");
  expect(sha256(path)).toBe(before);

  await scan([path], {
    mode: "enforce",
    server: server.url,
    token: tokens.scanner,
    report: [join(dir, "p.json")],
  });
  const row = JSON.parse(readFileSync(join(dir, "p.json"), "utf8")).rows[0];
  expect(row.action).toBe("protected");
  const { keyId } = openContainer(readFileSync(path));
  const released = await releaseKey(keysFor(tokens.holder), keyId, "old.docx");
  const found = labelOf(decryptWithMsoffcrypto(path, released.password));
  expect(found).toMatchObject({ labelId: PROTECTED_LABEL, method: "Privileged" });
  expect((found!.contentBits ?? 0) & 0x8).toBe(0x8);
});

test("scan enforce refuses an automatic Purview-protected label: a refused row, its audit event, the file untouched", async () => {
  const policy = (await fetchPolicy(server.url, tokens.scanner)) as {
    labels: Array<{ id: string; conditions: unknown[] }>;
  };
  const specified = policy.labels.find((l) => l.id === L.highlyConfidentialSpecifiedPeople)!;
  specified.conditions = [
    { mode: "automatic", sitId: "50842eb7-edc8-4019-85dd-5a5c1f2bb085", minCount: 1, minConfidence: 85 },
  ];
  const policyFile = write(join(dir, "policy.json"), JSON.stringify(policy));
  const path = write(join(dir, "cards.docx"), buildDocx([[cardText(3)]]));
  const before = sha256(path);
  const r = await scan([path], { mode: "enforce", policy: policyFile, report: [join(dir, "r.json")] });
  expect(r.code).toBe(4);
  const row = JSON.parse(readFileSync(join(dir, "r.json"), "utf8")).rows[0];
  expect(row.action).toBe("refused");
  expect(row.reason).toContain("encrypts through Microsoft Purview");
  expect(row.reason).toContain("the scanner cannot");
  expect(sha256(path)).toBe(before);
  const direct = await scanFile(
    { path, size: 0, type: "docx" },
    { ...DEFAULT_SCAN_SETTINGS, mode: "enforce", policy: parseEffectivePolicy(policy, "policy") },
  );
  expect(direct.audit.map((e) => `${e.type}:${e.reason}`)).toContain(
    "label-refused:protection-purview-unavailable",
  );
});
