/**
 * What a scanner node records of a file for the next incremental run (size, mtime, hash), and the
 * content it read for the hash, which the scan of a small text file uses instead of reading the
 * file again.
 */
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_SCAN_SETTINGS, scanFile } from "../../../src/cli/scan/scanFile";
import { checkFile } from "../../../src/cli/scanner/fileCheck";
import { cardText, cleanup, tempDir, write } from "../support/helpers";

let dir: string;
beforeEach(() => (dir = tempDir("lb-filecheck-")));
afterEach(() => cleanup(dir));

const hashOf = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

test("a new file: its size, mtime and hash, and the bytes the hash was taken from", async () => {
  const path = write(join(dir, "notes.txt"), `Customer list\n${cardText(2)}\n`);
  const stats = statSync(path);
  const check = await checkFile(path, null);
  expect(check).toEqual({
    unchanged: false,
    seen: { size: stats.size, mtimeMs: Math.trunc(stats.mtimeMs) },
    hash: hashOf(readFileSync(path)),
    bytes: readFileSync(path),
  });
});

test("unchanged by size and mtime: the last hash stands and nothing is read", async () => {
  const path = write(join(dir, "notes.txt"), "quarterly figures\n");
  const stats = statSync(path);
  const previous = { size: stats.size, mtimeMs: Math.trunc(stats.mtimeMs), hash: "h".repeat(64) };
  expect(await checkFile(path, previous)).toEqual({
    unchanged: true,
    seen: { size: stats.size, mtimeMs: previous.mtimeMs },
    hash: previous.hash,
    bytes: null,
  });
});

test("only the mtime moved: unchanged by its hash", async () => {
  const path = write(join(dir, "notes.txt"), "quarterly figures\n");
  const stats = statSync(path);
  const previous = { size: stats.size, mtimeMs: 1, hash: hashOf(readFileSync(path)) };
  const check = await checkFile(path, previous);
  expect(check.unchanged).toBe(true);
  expect(check.hash).toBe(previous.hash);
});

test("a file that is gone: nothing seen, no hash, no bytes", async () => {
  expect(await checkFile(join(dir, "missing.txt"), null)).toEqual({
    unchanged: false,
    seen: null,
    hash: null,
    bytes: null,
  });
});

test("a text job that carries the file's bytes is scanned from them, not from the file again", async () => {
  const path = write(join(dir, "notes.txt"), "nothing sensitive here\n");
  const bytes = Buffer.from(`Customer list\n${cardText(2)}\n`);
  const row = await scanFile({ path, size: bytes.length, type: "txt", bytes }, DEFAULT_SCAN_SETTINGS);
  expect(row.infoTypes.find((t) => t.name === "Credit Card Number")?.count).toBe(2);
  const fromFile = await scanFile({ path, size: bytes.length, type: "txt" }, DEFAULT_SCAN_SETTINGS);
  expect(fromFile.infoTypes).toEqual([]);
});
