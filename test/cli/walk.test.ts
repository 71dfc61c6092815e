import { spawnSync } from "node:child_process";
import { linkSync, mkdirSync, symlinkSync } from "node:fs";
import { join, relative } from "node:path";
import { type FsPath, displayPath } from "../../src/cli/scan/fsPath";
import { nodeWalkFs, walk } from "../../src/cli/scan/walk";
import { cleanup, tempDir, write } from "./support/helpers";

let dir: string;
beforeEach(() => {
  dir = tempDir();
  for (const p of [
    "a.docx",
    "b.txt",
    "c.jpg",
    "finance/q1.xlsx",
    "finance/q1.csv",
    "finance/old/q0.xlsx",
    "node_modules/pkg/readme.md",
    ".hidden/x.txt",
  ])
    write(join(dir, p), "x");
});
afterEach(() => cleanup(dir));

const rel = (paths: FsPath[]) => paths.map((p) => relative(dir, displayPath(p))).sort();

describe("walking the paths to scan", () => {
  test("every file of a type we read, hidden folders included; other types are counted as skipped", async () => {
    const r = await walk([dir], { include: [], exclude: [] });
    expect(rel(r.files.map((f) => f.path))).toEqual([
      ".hidden/x.txt",
      "a.docx",
      "b.txt",
      "finance/old/q0.xlsx",
      "finance/q1.csv",
      "finance/q1.xlsx",
      "node_modules/pkg/readme.md",
    ]);
    expect(r.files.find((f) => displayPath(f.path).endsWith("q1.xlsx"))).toMatchObject({
      size: 1,
      type: "xlsx",
    });
    expect(r.skipped).toBe(1);
    expect(r.problems).toEqual([]);
  });

  test("--include and --exclude: a pattern with '/' matches the path from the root, one without matches the name", async () => {
    const r = await walk([dir], {
      include: ["*.xlsx", "finance/*.csv"],
      exclude: ["old", "node_modules/**"],
    });
    expect(rel(r.files.map((f) => f.path))).toEqual(["finance/q1.csv", "finance/q1.xlsx"]);
    const excluded = await walk([dir], { include: [], exclude: ["**/*.txt", "finance/**"] });
    expect(rel(excluded.files.map((f) => f.path))).toEqual(["a.docx", "node_modules/pkg/readme.md"]);
  });

  test("a symbolic link loop is reported and not followed; a file reached twice is scanned once", async () => {
    symlinkSync(dir, join(dir, "finance", "loop"));
    symlinkSync(join(dir, "a.docx"), join(dir, "alias.docx"));
    linkSync(join(dir, "b.txt"), join(dir, "hardlink.txt"));
    const r = await walk([dir, join(dir, "a.docx")], { include: [], exclude: [] });
    expect(r.problems.map((p) => [relative(dir, p.path), p.code, p.message])).toEqual([
      [
        "finance/loop",
        "symlink-loop",
        "symbolic link loop: it points back to a folder that contains it; not followed",
      ],
    ]);
    const files = rel(r.files.map((f) => f.path));
    expect(files.filter((f) => f === "a.docx" || f === "alias.docx")).toHaveLength(1);
    expect(files.filter((f) => f === "b.txt" || f === "hardlink.txt")).toHaveLength(1);
  });

  test("a link to a folder elsewhere is followed", async () => {
    const other = tempDir();
    try {
      write(join(other, "shared.docx"), "x");
      symlinkSync(other, join(dir, "linked"));
      const r = await walk([dir], { include: ["*.docx"], exclude: [] });
      expect(rel(r.files.map((f) => f.path))).toEqual(["a.docx", "linked/shared.docx"]);
    } finally {
      cleanup(other);
    }
  });

  test("broken links, missing roots, unreadable folders and pipes become problems; the walk goes on", async () => {
    symlinkSync(join(dir, "gone.docx"), join(dir, "broken.docx"));
    mkdirSync(join(dir, "locked"));
    write(join(dir, "locked", "inside.docx"), "x");
    expect(spawnSync("mkfifo", [join(dir, "pipe.txt")]).status).toBe(0);
    const fs = {
      ...nodeWalkFs,
      readdir: async (p: FsPath) => {
        if (displayPath(p).endsWith("locked"))
          throw Object.assign(new Error("EACCES: permission denied"), { code: "EACCES" });
        return nodeWalkFs.readdir(p);
      },
    };
    const r = await walk([dir, join(dir, "missing")], { include: [], exclude: [] }, () => {}, fs);
    expect(r.problems.map((p) => [relative(dir, p.path), p.code, p.message]).sort()).toEqual([
      ["broken.docx", "ENOENT", "the link does not exist (or is a broken symbolic link)"],
      ["locked", "EACCES", "the folder cannot be read: permission denied"],
      ["missing", "ENOENT", "the path does not exist (or is a broken symbolic link)"],
      ["pipe.txt", "not-a-file", "not a regular file (device, pipe or socket); not read"],
    ]);
    expect(rel(r.files.map((f) => f.path))).toContain("a.docx");
  });
});
