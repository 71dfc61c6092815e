/**
 * ECMA-376 agile encryption of a whole Office package with a password ([MS-OFFCRYPTO] 2.3.4.10–
 * 2.3.4.15): AES-256-CBC, SHA-512, 100,000 spins, a random package key per file, the data-integrity
 * HMAC — what Office, LibreOffice and msoffcrypto-tool open with the password. The file's key id is
 * its keyData salt: random per file, stored in the clear in EncryptionInfo, so the key server can be
 * asked for "this file's key" without anything else in the container.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import {
  BLOCK_KEY,
  decryptBlocks,
  decryptPackageStream,
  encryptBlocks,
  encryptPackageStream,
  hashOf,
  hmacOf,
  ivFor,
  iteratedPasswordHash,
  keyFromPasswordHash,
} from "./agileCrypto";
import { readContainer, writeContainer } from "./container";
import { AES256_SHA512, type AgileInfo, encryptionInfoStream, parseEncryptionInfo } from "./encryptionInfo";
import { ProtectionError } from "./errors";

export const SPIN_COUNT = 100_000;

/** A file's key as the server keeps it: the id is the keyData salt in hex. */
export interface FileKey {
  keyId: string;
  password: string;
}

/**
 * A fresh random password and key id: 24 random bytes of password, in hex, because an admin types
 * it after `msoffcrypto-tool -p` (docs/deploy.md) and a base64url one started with "-" one time in 64,
 * which the tool then read as an option.
 */
export function newFileKey(): FileKey & { salt: Buffer } {
  const salt = randomBytes(16);
  return { keyId: salt.toString("hex"), salt, password: randomBytes(24).toString("hex") };
}

export function keyIdOf(info: AgileInfo): string {
  return info.keyData.salt.toString("hex");
}

/** Encrypts the package; `key.salt` becomes the keyData salt (and so the key id). */
export function encryptPackage(plain: Uint8Array, key: { password: string; salt: Buffer }): Buffer {
  const p = AES256_SHA512;
  const packageKey = randomBytes(p.keyBytes);
  const encryptedPackage = encryptPackageStream(plain, packageKey, key.salt, p);

  const hmacKey = randomBytes(p.hashSize);
  const hmacValue = hmacOf(p.hash, hmacKey, encryptedPackage);
  const dataIntegrity = {
    encryptedHmacKey: encryptBlocks(packageKey, ivFor(key.salt, BLOCK_KEY.hmacKey, p), hmacKey),
    encryptedHmacValue: encryptBlocks(packageKey, ivFor(key.salt, BLOCK_KEY.hmacValue, p), hmacValue),
  };

  const pwSalt = randomBytes(p.saltSize);
  const hn = iteratedPasswordHash(key.password, pwSalt, p.hash, SPIN_COUNT);
  const iv = ivFor(pwSalt, null, p);
  const verifierInput = randomBytes(p.saltSize);
  const info: AgileInfo = {
    keyData: { ...p, salt: key.salt },
    dataIntegrity,
    password: {
      ...p,
      salt: pwSalt,
      spinCount: SPIN_COUNT,
      encryptedVerifierHashInput: encryptBlocks(
        keyFromPasswordHash(hn, BLOCK_KEY.verifierInput, p),
        iv,
        verifierInput,
      ),
      encryptedVerifierHashValue: encryptBlocks(
        keyFromPasswordHash(hn, BLOCK_KEY.verifierValue, p),
        iv,
        hashOf(p.hash, verifierInput),
      ),
      encryptedKeyValue: encryptBlocks(keyFromPasswordHash(hn, BLOCK_KEY.encryptedKey, p), iv, packageKey),
    },
  };
  return writeContainer(encryptionInfoStream(info), encryptedPackage);
}

export interface OpenedContainer {
  keyId: string;
  info: AgileInfo;
  encryptedPackage: Buffer;
}

/** Reads the container and its EncryptionInfo without a password (to learn the key id). */
export function openContainer(bytes: Uint8Array): OpenedContainer {
  const streams = readContainer(bytes);
  const info = parseEncryptionInfo(streams.encryptionInfo);
  return { keyId: keyIdOf(info), info, encryptedPackage: streams.encryptedPackage };
}

function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Decrypts with the password: checks the password verifier, then the package's HMAC, then decrypts. */
export function decryptContainer(opened: OpenedContainer, password: string): Buffer {
  const { info, encryptedPackage } = opened;
  const pw = info.password;
  const hn = iteratedPasswordHash(password, pw.salt, pw.hash, pw.spinCount);
  const iv = ivFor(pw.salt, null, pw);
  const input = decryptBlocks(
    keyFromPasswordHash(hn, BLOCK_KEY.verifierInput, pw),
    iv,
    pw.encryptedVerifierHashInput,
  );
  const expected = decryptBlocks(
    keyFromPasswordHash(hn, BLOCK_KEY.verifierValue, pw),
    iv,
    pw.encryptedVerifierHashValue,
  );
  const actual = hashOf(pw.hash, input.subarray(0, pw.saltSize));
  if (!sameBytes(actual, expected.subarray(0, actual.length)))
    throw new ProtectionError(
      "wrong-key",
      "the key does not open this file (its password verifier does not match)",
    );
  const packageKey = decryptBlocks(
    keyFromPasswordHash(hn, BLOCK_KEY.encryptedKey, pw),
    iv,
    pw.encryptedKeyValue,
  ).subarray(0, info.keyData.keyBytes);

  const kd = info.keyData;
  const hmacKey = decryptBlocks(
    packageKey,
    ivFor(kd.salt, BLOCK_KEY.hmacKey, kd),
    info.dataIntegrity.encryptedHmacKey,
  );
  const hmacValue = decryptBlocks(
    packageKey,
    ivFor(kd.salt, BLOCK_KEY.hmacValue, kd),
    info.dataIntegrity.encryptedHmacValue,
  ).subarray(0, kd.hashSize);
  if (!sameBytes(hmacOf(kd.hash, hmacKey.subarray(0, kd.hashSize), encryptedPackage), hmacValue))
    throw new ProtectionError(
      "integrity-failed",
      "the encrypted package does not match its integrity check (HMAC): the file is damaged or was altered",
    );
  const plain = decryptPackageStream(encryptedPackage, packageKey, kd.salt, kd);
  if (!plain)
    throw new ProtectionError(
      "corrupt-container",
      "the EncryptedPackage stream's size field does not fit its content",
    );
  return plain;
}
