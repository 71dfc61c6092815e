/**
 * `labelbridge inspect` against material Labelbridge did not write: Office files labeled by Office
 * and mail headers stamped by Exchange/Outlook (test/fixtures/real-labels). Every file and every
 * header block, with the labels the fixtures' README says a correct reader must report.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runInspect } from "../../src/cli/commands/inspect";
import type { Io } from "../../src/cli/scan/cliOptions";
import type { InspectedLabel, Inspection } from "../../src/cli/scan/inspect";
import { buildDocx } from "../../bench/scanner/ooxml";
import {
  L,
  REPO,
  SITE,
  cleanup,
  eml,
  labelInfoXml,
  msipProps,
  tempDir,
  write,
  writePolicy,
} from "./support/helpers";

const FIXTURES = join(REPO, "test/fixtures/real-labels");

interface ExpectedLabel {
  guid: string;
  Enabled: string;
  Method: string | null;
  Name: string | null;
  SiteId: string;
  SetDate: string | null;
  ContentBits: string | null;
  ActionId: string | null;
  Removed?: string;
  extra?: Record<string, string>;
  source?: string;
}

interface ExpectedFile {
  file: string;
  labelinfo_part: { path: string; labels: Array<Record<string, string | null>> } | null;
  custom_xml_msip_labels: ExpectedLabel[] | null;
  custom_xml_other_properties: string[] | null;
  expected_effective_labels: ExpectedLabel[];
}

const LEGACY = ["Owner", "Application", "Extended_MSFT_Method", "Tag"];

/** An inspected label in the fixtures' vocabulary: literal attribute values, null when absent. */
function asExpected(l: InspectedLabel, withSource: boolean, labelInfo: boolean): ExpectedLabel {
  const extra = Object.fromEntries(LEGACY.filter((k) => k in l.attributes).map((k) => [k, l.attributes[k]]));
  const out: ExpectedLabel = {
    guid: l.labelId,
    Enabled: l.attributes.Enabled,
    Method: l.attributes.Method ?? null,
    Name: l.name,
    SiteId: l.siteId,
    SetDate: l.setDate,
    ContentBits: l.attributes.ContentBits ?? null,
    ActionId: l.actionId,
  };
  if (labelInfo) out.Removed = l.attributes.Removed;
  if (Object.keys(extra).length) out.extra = extra;
  if (withSource) out.source = l.location;
  return out;
}

function capture(): Io & { stdout: () => string; stderr: () => string } {
  let out = "";
  let err = "";
  return {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    progress: { write: () => true },
    stdout: () => out,
    stderr: () => err,
  };
}

async function inspectJson(
  path: string,
  extra: Record<string, string> = {},
): Promise<{ code: number; result: Inspection }> {
  const io = capture();
  const code = await runInspect(path, { json: true, ...extra }, io);
  return { code, result: JSON.parse(io.stdout()) as Inspection };
}

describe("inspect: real Office files", () => {
  const expected = JSON.parse(readFileSync(join(FIXTURES, "office_expected.json"), "utf8")) as ExpectedFile[];

  test("the fixture list covers every file in the folder", () => {
    expect(expected.map((e) => e.file).sort()).toEqual([
      "office/calamine__issue438.xlsx",
      "office/markitdown__rlink.docx",
      "office/negative/poi__60810.pptx",
      "office/officedev-addin-samples__SalesTemplate.xlsx",
      "office/openxmlsdk__malformed_uri.xlsx",
      "office/shapecrawler__075.pptx",
      "office/tika__testWORD_docSecurity.docx",
    ]);
  });

  test.each(expected.map((e) => [e.file, e] as const))("%s", async (_name, e) => {
    const { code, result } = await inspectJson(join(FIXTURES, e.file));
    expect(code).toBe(0);
    expect(result.error).toBeNull();
    const fromLabelInfo = (l: InspectedLabel) => l.location === "docMetadata/LabelInfo.xml";
    expect(result.labels.map((l) => asExpected(l, true, fromLabelInfo(l)))).toEqual(
      e.expected_effective_labels,
    );

    if (e.labelinfo_part) {
      expect(result.labelInfo?.part).toBe(e.labelinfo_part.path);
      expect(
        result.labelInfo?.labels.map((l) => ({
          guid: l.labelId,
          enabled: l.attributes.Enabled,
          method: l.attributes.Method,
          siteId: l.siteId,
          contentBits: l.attributes.ContentBits ?? null,
          removed: l.attributes.Removed,
        })),
      ).toEqual(e.labelinfo_part.labels);
    } else expect(result.labelInfo).toBeNull();

    if (e.custom_xml_msip_labels)
      expect(result.customProperties?.labels.map((l) => asExpected(l, false, false))).toEqual(
        e.custom_xml_msip_labels,
      );
    else expect(result.customProperties?.labels ?? []).toEqual([]);
    expect(result.customProperties?.otherProperties ?? []).toEqual(e.custom_xml_other_properties ?? []);
    expect(result.disagreements).toEqual([]);
  });

  test("human-readable output names the label, its method and where it was read", async () => {
    const io = capture();
    expect(await runInspect(join(FIXTURES, "office/calamine__issue438.xlsx"), {}, io)).toBe(0);
    expect(io.stdout()).toContain(
      '"Public" 848e3024-4d59-4ebd-bf27-8f3c3970fe52 — tenant 7f2a4710-29fa-4343-8422-e2cf0174c0ec, Privileged, set 2024-05-22T11:33:35Z, ContentBits 0, ActionId 1d4f1966-c3fd-41b2-9f3e-b4c7f5bb09bc [docProps/custom.xml]',
    );
    const removed = capture();
    await runInspect(join(FIXTURES, "office/officedev-addin-samples__SalesTemplate.xlsx"), {}, removed);
    expect(removed.stdout()).toContain("Label in effect: none");
    expect(removed.stdout()).toContain(
      "removed (tenant 72f988bf-86f1-41af-91ab-2d7cd011db47 deliberately removed its label) [docMetadata/LabelInfo.xml]",
    );
  });
});

describe("inspect: real mail headers", () => {
  const blocks = readFileSync(join(FIXTURES, "msip_headers.txt"), "utf8").split(/\n-----\n/);
  const expected = JSON.parse(
    readFileSync(join(FIXTURES, "msip_headers.expected.json"), "utf8"),
  ) as ExpectedLabel[][];
  let dir: string;
  beforeAll(() => (dir = tempDir()));
  afterAll(() => cleanup(dir));

  test("one expectation per header block", () => {
    expect(blocks).toHaveLength(expected.length);
    expect(blocks.length).toBe(8);
  });

  test.each(blocks.map((b, i) => [i + 1, b] as const))("header block %i, as an .eml", async (n, block) => {
    const path = write(
      join(dir, `block-${n}.eml`),
      eml(`From: a@example.com\nSubject: test ${n}\n${block.trimEnd()}`, "Body.\n"),
    );
    const { code, result } = await inspectJson(path);
    expect(code).toBe(0);
    expect(result.headers?.map((l) => asExpected(l, false, false))).toEqual(expected[n - 1]);
    expect(result.labels.map((l) => l.labelId)).toEqual(expected[n - 1].map((l) => l.guid));
  });

  test("the protective marking header is read as its fields", async () => {
    const header = readFileSync(join(FIXTURES, "protective_marking_headers.txt"), "utf8").trim();
    const [want] = JSON.parse(
      readFileSync(join(FIXTURES, "protective_marking_headers.expected.json"), "utf8"),
    ) as Array<Record<string, string>>;
    const path = write(join(dir, "epms.eml"), eml(`From: a@example.com\n${header}`, "Body.\n"));
    const { code, result } = await inspectJson(path);
    expect(code).toBe(0);
    const m = result.protectiveMarking!;
    expect({ VER: m.ver, NS: m.ns, SEC: m.sec, ORIGIN: m.origin }).toEqual(want);
  });
});

describe("inspect: attachments, policies, errors", () => {
  let dir: string;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => cleanup(dir));

  test("a mail's Office attachment is inspected too, with its own labels", async () => {
    const docx = Buffer.from(
      buildDocx([["x"]], { labelInfo: labelInfoXml([{ labelId: L.general, siteId: SITE }]) }),
    ).toString("base64");
    const mail = eml(
      'From: a@example.com\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b1"',
      `--b1\nContent-Type: text/plain\n\nSee attached.\n--b1\nContent-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document; name="plan.docx"\nContent-Disposition: attachment; filename="plan.docx"\nContent-Transfer-Encoding: base64\n\n${docx.replace(/(.{76})/g, "$1\n")}\n--b1--\n`,
    );
    const { code, result } = await inspectJson(write(join(dir, "m.eml"), mail));
    expect(code).toBe(0);
    expect(result.attachments.map((a) => [a.path, a.labels.map((l) => [l.labelId, l.location])])).toEqual([
      ["plan.docx", [[L.general, "docMetadata/LabelInfo.xml"]]],
    ]);
  });

  test("with a policy, our tenant's labels carry their display names", async () => {
    const policy = writePolicy(dir);
    const path = write(
      join(dir, "a.docx"),
      buildDocx([["x"]], { customProperties: msipProps({ labelId: L.confidentialAllEmployees }) }),
    );
    const { result } = await inspectJson(path, { policy });
    expect(result.labels[0].displayName).toBe("Confidential \\ All Employees");
  });

  test("an encrypted (OLE) file exits 1 and says why", async () => {
    const ole = Buffer.alloc(1024);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
    const io = capture();
    const path = write(join(dir, "secret.docx"), ole);
    expect(await runInspect(path, {}, io)).toBe(1);
    expect(io.stderr()).toBe(
      `labelbridge inspect: ${path}: encrypted or legacy binary Office file (OLE compound file, not a zip package)\n`,
    );
  });

  test("malformed label metadata exits 1 naming the part", async () => {
    const path = write(
      join(dir, "bad.docx"),
      buildDocx([["x"]], { labelInfo: "<clbl:labelList xmlns:clbl='x'><unclosed>" }),
    );
    const { code, result } = await inspectJson(path);
    expect(code).toBe(1);
    expect(result.error?.code).toBe("label-metadata");
    expect(result.error?.message).toMatch(/^docMetadata\/LabelInfo\.xml: /);
  });
});
