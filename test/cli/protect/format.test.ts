/**
 * The encrypted file format, proven with an independent reader: what we write opens in Debian's
 * msoffcrypto-tool with the file's password and is byte for byte the labeled package; the container
 * carries the \x06DataSpaces streams [MS-OFFCRYPTO] asks for; bad input is named, never guessed.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as CFB from "cfb";
import { buildDocx } from "../../../bench/scanner/ooxml";
import { decryptContainer, encryptPackage, newFileKey, openContainer } from "../../../src/cli/protect/agile";
import { writeContainer } from "../../../src/cli/protect/container";
import { ProtectionError } from "../../../src/cli/protect/errors";
import { cleanup, REPO, tempDir, write } from "../support/helpers";
import { MSOFFCRYPTO, decryptWithMsoffcrypto, requireReader, verifyWithMsoffcrypto } from "./reader";

const FIXTURE = join(REPO, "test/fixtures/real-labels/office/officedev-addin-samples__SalesTemplate.xlsx");

let dir: string;
beforeAll(() => requireReader());
beforeEach(() => (dir = tempDir("lb-protect-")));
afterEach(() => cleanup(dir));

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof ProtectionError) return `${err.code}: ${err.message}`;
    throw err;
  }
  return "no error";
}

describe("ECMA-376 agile encryption", () => {
  test("msoffcrypto-tool decrypts our file with its password to the exact package, integrity checked", () => {
    const plain = readFileSync(FIXTURE);
    const key = newFileKey();
    const path = write(join(dir, "sales.xlsx"), encryptPackage(plain, key));
    expect(decryptWithMsoffcrypto(path, key.password).equals(plain)).toBe(true);
    expect(verifyWithMsoffcrypto(path, key.password)).toBe(String(plain.length));
    expect(() =>
      execFileSync(MSOFFCRYPTO, ["-p", "not-the-password", path, join(dir, "x")], { stdio: "pipe" }),
    ).toThrow();
  });

  test("a package over one 4096-byte segment, and one of exactly a segment, round-trip", () => {
    for (const size of [4096, 3 * 4096 + 17]) {
      const plain = Buffer.from(buildDocx([["x".repeat(size)]]));
      const key = newFileKey();
      const container = encryptPackage(plain, key);
      expect(decryptContainer(openContainer(container), key.password).equals(plain)).toBe(true);
    }
  });

  test("the container holds the EncryptionInfo, the EncryptedPackage and the \\x06DataSpaces streams", () => {
    const key = newFileKey();
    const cfb = CFB.read(encryptPackage(Buffer.from(buildDocx([["hi"]])), key), { type: "buffer" });
    const info = Buffer.from(CFB.find(cfb, "/EncryptionInfo")!.content as Uint8Array);
    expect([...info.subarray(0, 8)]).toEqual([4, 0, 4, 0, 0x40, 0, 0, 0]);
    const xml = info.subarray(8).toString("utf8");
    expect(xml).toContain(`keyBits="256"`);
    expect(xml).toContain(`hashAlgorithm="SHA512"`);
    expect(xml).toContain(`spinCount="100000"`);
    expect(xml).toContain(`saltValue="${Buffer.from(key.keyId, "hex").toString("base64")}"`);
    const version = Buffer.from(CFB.find(cfb, "/\u0006DataSpaces/Version")!.content as Uint8Array);
    // [MS-OFFCRYPTO] 2.1.5: UNICODE-LP-P4 "Microsoft.Container.DataSpaces", then versions 1.0 ×3.
    expect(version.toString("hex")).toBe(
      "3c000000" +
        Buffer.from("Microsoft.Container.DataSpaces", "utf16le").toString("hex") +
        "010000000100000001000000",
    );
    const map = Buffer.from(CFB.find(cfb, "/\u0006DataSpaces/DataSpaceMap")!.content as Uint8Array);
    expect(map.readUInt32LE(0)).toBe(8);
    expect(map.readUInt32LE(4)).toBe(1);
    expect(map.readUInt32LE(8)).toBe(map.length - 8);
    expect(map.toString("utf16le")).toContain("EncryptedPackage");
    expect(CFB.find(cfb, "/\u0006DataSpaces/DataSpaceInfo/StrongEncryptionDataSpace")).not.toBeNull();
    const primary = CFB.find(cfb, "/\u0006DataSpaces/TransformInfo/StrongEncryptionTransform/\u0006Primary");
    expect(Buffer.from(primary!.content as Uint8Array).toString("utf16le")).toContain(
      "{FF9A3F03-56EF-4613-BDD5-5A41C1D07246}",
    );
  });

  test("a password never starts with '-', which `msoffcrypto-tool -p` would read as an option", () => {
    // One in 64 base64url passwords did: over 2,000 keys that is all but certain.
    const leading = new Set(Array.from({ length: 2000 }, () => newFileKey().password[0]));
    expect(leading.has("-")).toBe(false);
    expect(newFileKey().password).toMatch(/^[0-9a-f]{48}$/);
  });

  test("the key id is the file's keyData salt, readable without the password", () => {
    const key = newFileKey();
    expect(openContainer(encryptPackage(Buffer.from(buildDocx([["a"]])), key)).keyId).toBe(key.keyId);
  });
});

describe("bad input is named", () => {
  const plain = () => Buffer.from(buildDocx([["secret"]]));

  test("a wrong key", () => {
    const container = encryptPackage(plain(), newFileKey());
    expect(codeOf(() => decryptContainer(openContainer(container), newFileKey().password))).toBe(
      "wrong-key: the key does not open this file (its password verifier does not match)",
    );
  });

  test("an altered encrypted package fails the integrity check", () => {
    const key = newFileKey();
    const cfb = CFB.read(encryptPackage(plain(), key), { type: "buffer" });
    const info = Buffer.from(CFB.find(cfb, "/EncryptionInfo")!.content as Uint8Array);
    const pkg = Buffer.from(CFB.find(cfb, "/EncryptedPackage")!.content as Uint8Array);
    pkg[100] ^= 0x01;
    const tampered = writeContainer(info, pkg);
    expect(codeOf(() => decryptContainer(openContainer(tampered), key.password))).toMatch(
      /^integrity-failed: /,
    );
  });

  test("a truncated container, a plain zip, and a compound file that is not an encrypted package", () => {
    const container = encryptPackage(plain(), newFileKey());
    expect(codeOf(() => openContainer(container.subarray(0, 700)))).toMatch(/^corrupt-container: /);
    expect(codeOf(() => openContainer(plain()))).toMatch(/^not-protected: the file is not encrypted/);
    const other = CFB.utils.cfb_new();
    CFB.utils.cfb_add(other, "/WordDocument", Buffer.from("legacy"));
    expect(
      codeOf(() => openContainer(Buffer.from(CFB.write(other, { type: "buffer" }) as Uint8Array))),
    ).toMatch(/^not-encrypted-package: /);
  });

  test("standard (non-agile) encryption is refused by name", () => {
    const key = newFileKey();
    const cfb = CFB.read(encryptPackage(plain(), key), { type: "buffer" });
    const info = Buffer.from(CFB.find(cfb, "/EncryptionInfo")!.content as Uint8Array);
    info.writeUInt16LE(3, 0);
    info.writeUInt16LE(2, 2);
    const pkg = Buffer.from(CFB.find(cfb, "/EncryptedPackage")!.content as Uint8Array);
    expect(codeOf(() => openContainer(writeContainer(info, pkg)))).toBe(
      "unsupported-encryption: EncryptionInfo version 3.2 is standard encryption; only agile encryption (4.4) is read",
    );
  });
});
