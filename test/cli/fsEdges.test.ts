/**
 * What a file share holds besides ordinary files: symbolic links (the target is labeled once and the
 * link stays a link; a target outside the scanned folders is not labeled), names that are not UTF-8
 * (scanned and labeled, shown with \xNN), and the temporary files a killed labeling left behind
 * (removed by a later enforce run when their process is gone, never a live process's).
 */
import { spawnSync } from "node:child_process";
import {
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { buildXlsx } from "../../bench/scanner/ooxml";
import { officeLabels, openOfficeFile } from "../../src/cli/ooxml/officeFile";
import { tenantLabel } from "../../src/cli/ooxml/labels";
import { L, SITE, cardText, cleanup, sha256, tempDir, write, writePolicy } from "./support/helpers";
import { scanCommand } from "./support/scanCommand";

let dir: string;
let share: string;
beforeEach(() => {
  dir = tempDir();
  share = join(dir, "share");
  mkdirSync(share);
});
afterEach(() => cleanup(dir));

const cardsXlsx = () =>
  buildXlsx(
    cardText(12)
      .split("\n")
      .map((line) => [line]),
  );

function labelOf(path: string | Buffer): string | null {
  const file = openOfficeFile(path);
  try {
    return tenantLabel(officeLabels(file), SITE)?.labelId ?? null;
  } finally {
    file.close();
  }
}

describe("symbolic links", () => {
  test("enforce labels a link's target once, keeps every link a link, and refuses a target outside the scanned folders", async () => {
    const real = write(join(share, "real.xlsx"), cardsXlsx());
    symlinkSync(real, join(share, "a-link.xlsx"));
    mkdirSync(join(share, "sub"));
    symlinkSync("../real.xlsx", join(share, "sub", "b-link.xlsx"));
    const outside = write(join(dir, "elsewhere", "ext.xlsx"), cardsXlsx());
    symlinkSync(outside, join(share, "ext-link.xlsx"));
    const outsideHash = sha256(outside);

    const r = await scanCommand(dir, [share], { mode: "enforce", policy: writePolicy(dir) });
    expect(r.code).toBe(1);
    const rows = r.rows.map((x) => [x.path, x.links, x.action, x.errorCode]);
    // In the order the walk found them: a-link.xlsx (→ real.xlsx), then ext-link.xlsx.
    expect(rows).toEqual([
      [real, [join(share, "a-link.xlsx"), join(share, "sub", "b-link.xlsx")], "labeled", null],
      [outside, [join(share, "ext-link.xlsx")], "error", "outside-roots"],
    ]);
    expect(r.rows[1].error).toBe(
      `not labeled: reached through the symbolic link ${join(share, "ext-link.xlsx")}, but the file lies outside the scanned folders`,
    );
    for (const link of ["a-link.xlsx", "sub/b-link.xlsx", "ext-link.xlsx"])
      expect(lstatSync(join(share, link)).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(share, "sub", "b-link.xlsx"))).toBe("../real.xlsx");
    expect(labelOf(real)).toBe(L.highlyConfidentialAllEmployees);
    expect(sha256(outside)).toBe(outsideHash);
  });

  test("a link found after its target (the walk streams the files): the target is labeled once, listed where the walk first met it, with the link", async () => {
    const real = write(join(share, "b-real.xlsx"), cardsXlsx());
    write(join(share, "a-plain.xlsx"), cardsXlsx());
    symlinkSync(real, join(share, "z-link.xlsx"));
    const r = await scanCommand(dir, [share, real], { mode: "enforce", policy: writePolicy(dir) });
    expect(r.code).toBe(0);
    // b-real.xlsx is labeled (replaced, so its identity changes) before z-link.xlsx and the
    // command-line path are met: both are still known as the same file.
    expect(r.rows.map((x) => [x.path, x.links, x.action])).toEqual([
      [join(share, "a-plain.xlsx"), [], "labeled"],
      [real, [join(share, "z-link.xlsx")], "labeled"],
    ]);
    expect(lstatSync(join(share, "z-link.xlsx")).isSymbolicLink()).toBe(true);
    expect(labelOf(real)).toBe(L.highlyConfidentialAllEmployees);
  });

  test("a file with two hard links is labeled once, under the name met first", async () => {
    const first = write(join(share, "a.xlsx"), cardsXlsx());
    linkSync(first, join(share, "b.xlsx"));
    const r = await scanCommand(dir, [share], { mode: "enforce", policy: writePolicy(dir) });
    expect(r.code).toBe(0);
    expect(r.rows.map((x) => [x.path, x.action])).toEqual([[first, "labeled"]]);
    expect(labelOf(first)).toBe(L.highlyConfidentialAllEmployees);
  });

  test("discover reads a target outside the scanned folders and reports it under its own path", async () => {
    const outside = write(join(dir, "elsewhere", "ext.xlsx"), cardsXlsx());
    symlinkSync(outside, join(share, "ext-link.xlsx"));
    const r = await scanCommand(dir, [share]);
    expect(r.rows.map((x) => [x.path, x.links, x.action, x.infoTypes.length > 0])).toEqual([
      [outside, [join(share, "ext-link.xlsx")], "reported", true],
    ]);
  });
});

describe("names that are not UTF-8", () => {
  // "café" written in Latin-1: the byte E9 alone is not UTF-8.
  const latin1Name = (folder: string) =>
    Buffer.concat([Buffer.from(folder + "/caf"), Buffer.from([0xe9]), Buffer.from("-cards.xlsx")]);

  test("are scanned and labeled, and shown with \\xNN in the report", async () => {
    const bytes = latin1Name(share);
    writeFileSync(bytes, cardsXlsx());
    const r = await scanCommand(dir, [share], { mode: "enforce", policy: writePolicy(dir) });
    expect(r.code).toBe(0);
    expect(r.rows.map((x) => [x.path, x.action, x.error])).toEqual([
      [`${share}/caf\\xe9-cards.xlsx`, "labeled", null],
    ]);
    expect(labelOf(bytes)).toBe(L.highlyConfidentialAllEmployees);
  });

  test("a path as the report shows it (\\xNN) reaches the same file on the command line", async () => {
    writeFileSync(latin1Name(share), cardsXlsx());
    const r = await scanCommand(dir, [`${share}/caf\\xe9-cards.xlsx`]);
    expect(r.rows.map((x) => [x.path, x.error, x.infoTypes.length > 0])).toEqual([
      [`${share}/caf\\xe9-cards.xlsx`, null, true],
    ]);
  });
});

describe("temporary files of an interrupted labeling", () => {
  function deadPid(): number {
    const child = spawnSync(process.execPath, ["-e", "0"]);
    return child.pid!;
  }

  test("discover reports a dead process's temporary file; enforce removes it; a live process's is never touched", async () => {
    write(join(share, "a.xlsx"), cardsXlsx());
    const dead = write(join(share, `.a.xlsx.labelbridge-${deadPid()}-0123abcd.tmp`), "half a zip");
    const live = write(join(share, `.b.xlsx.labelbridge-${process.pid}-89abcdef.tmp`), "being written");

    const discover = await scanCommand(dir, [share]);
    const tempRow = discover.rows.find((x) => x.path === dead);
    expect(tempRow).toMatchObject({ action: "reported", type: "tmp" });
    expect(tempRow?.reason).toMatch(
      /^temporary file of an interrupted labeling \(process \d+, no longer running\); left as it is: scan --mode enforce removes it$/,
    );
    expect(discover.rows.some((x) => x.path === live)).toBe(false);
    expect(existsSync(dead)).toBe(true);

    const enforce = await scanCommand(dir, [share], { mode: "enforce", policy: writePolicy(dir) });
    expect(enforce.rows.find((x) => x.path === dead)).toMatchObject({ action: "removed" });
    expect(existsSync(dead)).toBe(false);
    expect(readFileSync(live, "utf8")).toBe("being written");
    expect(enforce.rows.some((x) => x.path === live)).toBe(false);
  });
});
