import { lstatSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Command, CommanderError } from "commander";
import { unzipSync } from "fflate";
import { buildDocx } from "../../bench/scanner/ooxml";
import { type LabelCommandOptions, runLabelChange } from "../../src/cli/commands/label";
import type { Io } from "../../src/cli/scan/cliOptions";
import { inspectFile } from "../../src/cli/scan/inspect";
import {
  L,
  OTHER_SITE,
  SITE,
  cleanup,
  labelInfoXml,
  msipProps,
  sha256,
  tempDir,
  write,
  writePolicy,
} from "./support/helpers";

let dir: string;
let policy: string;
beforeEach(() => {
  dir = tempDir();
  policy = writePolicy(dir, { phase: "advance" });
});
afterEach(() => cleanup(dir));

async function run(files: string[], label: string | null, options: Partial<LabelCommandOptions> = {}) {
  let out = "";
  let err = "";
  const io: Io = {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    progress: { write: () => true },
  };
  const cmd = new Command(label === null ? "unlabel" : "label")
    .exitOverride()
    .configureOutput({ writeErr: (t) => void (err += t) });
  try {
    const code = await runLabelChange(cmd, files, { policy, ...options }, io, label);
    return { code, out, err };
  } catch (e) {
    if (e instanceof CommanderError) return { code: e.exitCode, out, err };
    throw e;
  }
}

const ours = (path: string) => inspectFile(path).labels.find((l) => l.siteId === SITE) ?? null;

describe("labelbridge label", () => {
  test("labels an unlabeled file as a person's choice (Privileged, ContentBits 0); the same label again changes nothing", async () => {
    const path = write(join(dir, "plan.docx"), buildDocx([["Plan"]]));
    const r = await run([path], "Confidential \\ All Employees");
    expect(r.code).toBe(0);
    expect(r.out).toBe(`labeled  ${path}  no label → Confidential \\ All Employees (custom.xml)\n`);
    expect(ours(path)).toMatchObject({
      labelId: L.confidentialAllEmployees,
      method: "Privileged",
      contentBits: 0,
      name: "Confidential_AllEmployees",
    });
    const hash = sha256(path);
    const again = await run([path], L.confidentialAllEmployees);
    expect(again.code).toBe(0);
    expect(again.out).toBe(`unchanged  ${path}  already labeled "Confidential \\ All Employees"\n`);
    expect(sha256(path)).toBe(hash);
  });

  test("replacing a label needs --relabel; lowering one also needs --justification (exit 4, file untouched)", async () => {
    const path = write(
      join(dir, "plan.docx"),
      buildDocx([["Plan"]], {
        customProperties: msipProps({ labelId: L.confidentialAllEmployees, method: "Privileged" }),
      }),
    );
    const hash = sha256(path);
    const noRelabel = await run([path], "Highly Confidential \\ All Employees");
    expect(noRelabel.code).toBe(4);
    expect(noRelabel.out).toBe(
      `refused  ${path}  already labeled "Confidential \\ All Employees"; --relabel replaces it\n`,
    );
    const noJustification = await run([path], "Public", { relabel: true });
    expect(noJustification.code).toBe(4);
    expect(noJustification.err).toBe(
      `labelbridge label: ${path}: lowering "Confidential \\ All Employees" to "Public" needs --justification\n`,
    );
    expect(sha256(path)).toBe(hash);

    const raised = await run([path], "Highly Confidential \\ All Employees", { relabel: true });
    expect(raised.code).toBe(0);
    const lowered = await run([path], "Public", {
      relabel: true,
      justification: "Previous label was incorrect",
      json: true,
    });
    expect(lowered.code).toBe(0);
    const [outcome] = JSON.parse(lowered.out) as Array<{
      status: string;
      audit: { type: string; downgrade: boolean; justification: unknown };
    }>;
    expect(outcome.status).toBe("changed");
    expect(outcome.audit).toMatchObject({
      type: "label-changed",
      downgrade: true,
      justification: { reason: "Previous label was incorrect" },
    });
    expect(ours(path)?.labelId).toBe(L.public);
  });

  test("free-text justification is recorded as the policy's 'Other' reason with the text", async () => {
    const path = write(
      join(dir, "a.docx"),
      buildDocx([["x"]], { customProperties: msipProps({ labelId: L.general, method: "Privileged" }) }),
    );
    const r = await run([path], "Public", {
      relabel: true,
      justification: "Published on the website",
      json: true,
    });
    const [outcome] = JSON.parse(r.out) as Array<{ audit: { justification: unknown } }>;
    expect(outcome.audit.justification).toEqual({
      reason: "Other (explain) - Do not enter sensitive information",
      text: "Published on the website",
    });
  });

  test("labels the policy refuses: a parent label, a label of a draft policy", async () => {
    const path = write(join(dir, "a.docx"), buildDocx([["x"]]));
    const parent = await run([path], "Confidential");
    expect(parent.code).toBe(4);
    expect(parent.out).toBe(`refused  ${path}  "Confidential" has sublabels; choose one of them.\n`);
    const draft = await run([path], "Public", {
      policy: writePolicy(dir, { phase: "define" }, "draft.json"),
    });
    expect(draft.code).toBe(4);
    expect(draft.err).toBe(
      `labelbridge label: --label: the label "Public" is not available to this identity's policy\n`,
    );
  });

  test("usage errors: an unknown or ambiguous label (exit 2)", async () => {
    const path = write(join(dir, "a.docx"), buildDocx([["x"]]));
    const unknown = await run([path], "Top Secret");
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(
      /^error: --label: no label "Top Secret" in the policy \(labels: Personal, Public, General, /,
    );
    const ambiguous = await run([path], "All Employees");
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.err).toContain(
      '"All Employees" names 2 labels (Confidential \\ All Employees, Highly Confidential \\ All Employees); use the full name or the id',
    );
  });

  test("with neither --policy nor --server the built-in default taxonomy is used, and stderr says so", async () => {
    const path = write(join(dir, "a.docx"), buildDocx([["x"]]));
    const r = await run([path], "General", { policy: undefined });
    expect(r.code).toBe(0);
    expect(r.err).toBe(
      `labelbridge label: no --policy or --server: using the built-in default taxonomy (the labels a new server seeds) of tenant ${SITE}; give --policy or --server for your organisation's labels\n`,
    );
    expect(r.out).toBe(`labeled  ${path}  no label → General (custom.xml)\n`);
    expect(ours(path)).toMatchObject({ labelId: L.general, method: "Privileged" });
  });

  test("--justification is asked for only when the policy requires one", async () => {
    const relaxed = writePolicy(
      dir,
      { phase: "advance", settings: { justificationRequired: false } },
      "relaxed.json",
    );
    const path = write(
      join(dir, "a.docx"),
      buildDocx([["x"]], {
        customProperties: msipProps({ labelId: L.confidentialAllEmployees, method: "Privileged" }),
      }),
    );
    const r = await run([path], "Public", { policy: relaxed, relabel: true });
    expect(r.code).toBe(0);
    expect(r.out).toBe(`labeled  ${path}  Confidential \\ All Employees → Public (custom.xml)\n`);
    expect(ours(path)?.labelId).toBe(L.public);
  });

  test("a prevented downgrade is refused before --relabel or --justification is asked for", async () => {
    const strict = writePolicy(
      dir,
      { phase: "advance", settings: { preventDowngradeFrom: [L.confidentialAllEmployees] } },
      "strict.json",
    );
    const path = write(
      join(dir, "a.docx"),
      buildDocx([["x"]], {
        customProperties: msipProps({ labelId: L.confidentialAllEmployees, method: "Privileged" }),
      }),
    );
    const hash = sha256(path);
    const r = await run([path], "Public", { policy: strict });
    expect(r.code).toBe(4);
    expect(r.out).toBe(
      `refused  ${path}  Your organisation does not allow lowering or removing the label "Confidential \\ All Employees".\n`,
    );
    expect(sha256(path)).toBe(hash);
  });

  test("a symbolic link: its target is labeled (once, however many links name it) and the link stays a link", async () => {
    const real = write(join(dir, "real.docx"), buildDocx([["x"]]));
    symlinkSync(real, join(dir, "one.docx"));
    symlinkSync("real.docx", join(dir, "two.docx"));
    const r = await run([join(dir, "one.docx"), join(dir, "two.docx")], "Public");
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      `labeled  ${join(dir, "one.docx")}  no label → Public (custom.xml)  [symbolic link to ${real}: the target was labeled]\n` +
        `unchanged  ${join(dir, "two.docx")}  the same file as ${join(dir, "one.docx")}: changed once\n`,
    );
    expect(lstatSync(join(dir, "one.docx")).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, "two.docx"))).toBe("real.docx");
    expect(ours(real)?.labelId).toBe(L.public);
  });

  test("a name that is not UTF-8, given as reports show it (\\xNN), is labeled", async () => {
    const bytes = Buffer.concat([
      Buffer.from(join(dir, "r")),
      Buffer.from([0xe9, 0xff]),
      Buffer.from("sum\u00e9.docx"),
    ]);
    writeFileSync(bytes, buildDocx([["x"]]));
    const shown = `${join(dir, "r")}\\xe9\\xffsumé.docx`;
    const r = await run([shown], "Public");
    expect(r.code).toBe(0);
    expect(r.out).toBe(`labeled  ${shown}  no label → Public (custom.xml)\n`);
  });

  test("files that cannot carry a label, or cannot be read, fail with the reason (exit 1); the others are still labeled", async () => {
    const txt = write(join(dir, "notes.txt"), "hello");
    const good = write(join(dir, "good.docx"), buildDocx([["x"]]));
    const r = await run([txt, good], "Public");
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      `failed  ${txt}  only Word, Excel and PowerPoint files and PDFs (.docx .docm .xlsx .xlsm .pptx .pptm .pdf) carry a label`,
    );
    expect(ours(good)?.labelId).toBe(L.public);
  });

  test("another tenant's label is kept", async () => {
    const path = write(
      join(dir, "partner.docx"),
      buildDocx([["x"]], {
        customProperties: msipProps({ labelId: "f42aa342-8706-4288-bd11-ebb85995028c", siteId: OTHER_SITE }),
      }),
    );
    await run([path], "General");
    expect(inspectFile(path).labels.map((l) => [l.siteId, l.labelId])).toEqual([
      [OTHER_SITE, "f42aa342-8706-4288-bd11-ebb85995028c"],
      [SITE, L.general],
    ]);
  });
});

describe("labelbridge unlabel", () => {
  test("a mandatory-labeling policy refuses removal before asking for a justification; otherwise removal needs one", async () => {
    const path = write(
      join(dir, "a.docx"),
      buildDocx([["x"]], { customProperties: msipProps({ labelId: L.general, method: "Privileged" }) }),
    );
    const hash = sha256(path);
    const noJustification = await run([path], null);
    expect(noJustification.code).toBe(4);
    expect(noJustification.out).toBe(
      `refused  ${path}  Your organisation requires a label here: you can change it, but not remove it.\n`,
    );
    const optional = writePolicy(
      dir,
      { phase: "advance", settings: { mandatoryDocuments: false } },
      "opt.json",
    );
    const asked = await run([path], null, { policy: optional });
    expect(asked.out).toBe(`refused  ${path}  removing "General" needs --justification\n`);
    const mandatory = await run([path], null, { justification: "Previous label was incorrect" });
    expect(mandatory.code).toBe(4);
    expect(mandatory.out).toBe(
      `refused  ${path}  Your organisation requires a label here: you can change it, but not remove it.\n`,
    );
    expect(sha256(path)).toBe(hash);
  });

  test("removes our tenant's label; a LabelInfo file keeps a record of the removal", async () => {
    const optional = writePolicy(
      dir,
      { phase: "advance", settings: { mandatoryDocuments: false } },
      "optional.json",
    );
    const custom = write(
      join(dir, "custom.docx"),
      buildDocx([["x"]], {
        customProperties: { ...msipProps({ labelId: L.general }), Department: "Finance" },
      }),
    );
    const info = write(
      join(dir, "info.docx"),
      buildDocx([["x"]], { labelInfo: labelInfoXml([{ labelId: L.general, siteId: SITE }]) }),
    );
    const r = await run([custom, info], null, {
      policy: optional,
      justification: "Previous label no longer applies",
    });
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      `unlabeled  ${custom}  General → no label (custom.xml)\nunlabeled  ${info}  General → no label (LabelInfo.xml)\n`,
    );
    expect(ours(custom)).toBeNull();
    expect(inspectFile(custom).customProperties?.otherProperties).toEqual(["Department"]);
    expect(new TextDecoder().decode(unzipSync(readFileSync(info))["docMetadata/LabelInfo.xml"])).toContain(
      `<clbl:label id="{${SITE}}" enabled="0" method="" siteId="{${SITE}}" removed="1" />`,
    );
    const again = await run([custom], null, { policy: optional, justification: "x" });
    expect(again.out).toBe(`unchanged  ${custom}  has no label\n`);
  });
});
