import { randomBytes } from "node:crypto";
import { appendFileSync, chmodSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { buildDocx } from "../../bench/scanner/ooxml";
import { type AtomicFs, TEMP_FILE_PATTERN, nodeFs } from "../../src/cli/ooxml/atomic";
import { officeLabels, openOfficeFile, writeOfficeLabel } from "../../src/cli/ooxml/officeFile";
import { tenantLabel } from "../../src/cli/ooxml/labels";
import type { LabelWrite } from "../../src/core/metadata";
import { L, SITE, cleanup, msipProps, tempDir, write } from "./support/helpers";

let dir: string;
beforeEach(() => (dir = tempDir()));
afterEach(() => cleanup(dir));

const label: LabelWrite = {
  labelId: L.confidentialAllEmployees,
  siteId: SITE,
  method: "Standard",
  name: "Confidential_AllEmployees",
  contentBits: 0,
  setDate: "2026-01-02T03:04:05Z",
  actionId: "6ce2bdf9-7c0e-4ecf-8912-00008769d35e",
};

function attempt(path: string, fsys: AtomicFs): unknown {
  const file = openOfficeFile(path);
  try {
    writeOfficeLabel(file, officeLabels(file), SITE, label, { storage: "auto", fs: fsys });
    return null;
  } catch (err) {
    return err;
  } finally {
    file.close();
  }
}

function failing(step: keyof AtomicFs, nth = 1): AtomicFs {
  let calls = 0;
  return {
    ...nodeFs,
    [step]: (...args: unknown[]) => {
      calls++;
      if (calls === nth) throw Object.assign(new Error(`injected ${step} failure`), { code: "EIO" });
      return (nodeFs[step] as (...a: unknown[]) => unknown)(...args);
    },
  } as AtomicFs;
}

function tempFiles(): string[] {
  return readdirSync(dir).filter((n) => TEMP_FILE_PATTERN.test(n));
}

describe("atomic labeling: on any failure the original stays byte-identical and no temporary file is left", () => {
  const cases: Array<[string, AtomicFs]> = [
    ["creating the temporary file", failing("openSync")],
    ["the first write", failing("writeSync", 1)],
    ["a later write", failing("writeSync", 2)],
    ["flushing to disk", failing("fsyncSync")],
    ["closing the temporary file", failing("closeSync")],
    ["checking the original before the rename", failing("statSync")],
    ["the rename", failing("renameSync")],
  ];

  test.each(cases)("failure while %s", (_what, fsys) => {
    // Larger than the writer's buffer, so that it takes several writes.
    const media = randomBytes(700 * 1024);
    const path = write(
      join(dir, "report.docx"),
      buildDocx([["Quarterly numbers"]], {
        customProperties: { Department: "Finance" },
        parts: { "word/media/image1.bin": media },
      }),
    );
    const original = readFileSync(path);
    const err = attempt(path, fsys) as Error;
    expect(err).toBeInstanceOf(Error);
    expect(err.message).toMatch(/^injected \w+ failure$/);
    expect(readFileSync(path)).toEqual(original);
    expect(tempFiles()).toEqual([]);
  });

  test("a temporary file that does not re-read with the label is not renamed (verification)", () => {
    const path = write(join(dir, "report.docx"), buildDocx([["Quarterly numbers"]]));
    const original = readFileSync(path);
    let written = 0;
    const corrupting: AtomicFs = {
      ...nodeFs,
      writeSync: (fd, buffer, offset = 0, length = buffer.length - offset) => {
        const copy = Buffer.from(buffer.subarray(offset, offset + length));
        // Damage a byte inside the first part's data: the written zip no longer verifies.
        if (written === 0 && copy.length > 60) copy[55] ^= 0xff;
        written += copy.length;
        return nodeFs.writeSync(fd, copy, 0, copy.length);
      },
    };
    const err = attempt(path, corrupting) as { code?: string; message: string };
    expect(err.code).toBe("verify-failed");
    expect(readFileSync(path)).toEqual(original);
    expect(tempFiles()).toEqual([]);
  });

  test("a file changed by someone else while being labeled is left as they wrote it", () => {
    const path = write(join(dir, "report.docx"), buildDocx([["Quarterly numbers"]]));
    const file = openOfficeFile(path);
    const labels = officeLabels(file);
    appendFileSync(path, "someone else's bytes");
    const theirs = readFileSync(path);
    let err: { code?: string; message: string } | null = null;
    try {
      writeOfficeLabel(file, labels, SITE, label, { storage: "auto" });
    } catch (e) {
      err = e as { code?: string; message: string };
    } finally {
      file.close();
    }
    expect(err?.code).toBe("changed-during-write");
    expect(err?.message).toBe("the file changed while it was being labeled; it was left as it is now");
    expect(readFileSync(path)).toEqual(theirs);
    expect(tempFiles()).toEqual([]);
  });

  test("without failures the label is written and the file mode is kept", () => {
    const path = write(
      join(dir, "report.docx"),
      buildDocx([["x"]], { customProperties: msipProps({ labelId: L.public }) }),
    );
    chmodSync(path, 0o640);
    expect(attempt(path, nodeFs)).toBeNull();
    const file = openOfficeFile(path);
    try {
      expect(tenantLabel(officeLabels(file), SITE)?.labelId).toBe(L.confidentialAllEmployees);
    } finally {
      file.close();
    }
    expect(statSync(path).mode & 0o777).toBe(0o640);
    expect(tempFiles()).toEqual([]);
  });
});
