/**
 * The cryptographic steps of ECMA-376 agile encryption ([MS-OFFCRYPTO] 2.3.4.11–2.3.4.15), for the
 * hash and cipher an EncryptionInfo names: password key derivation, IVs from a salt and a block key,
 * 4096-byte segments, and the HMAC over the encrypted package.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac } from "node:crypto";

export interface CipherParams {
  /** Node's name: sha1, sha256, sha384 or sha512. */
  hash: string;
  /** Bytes of the cipher key. */
  keyBytes: number;
  /** Cipher block size (16 for AES). */
  blockSize: number;
}

/** Block keys of 2.3.4.11–2.3.4.14. */
export const BLOCK_KEY = {
  encryptedKey: Buffer.from("146e0be7abacd0d6", "hex"),
  verifierInput: Buffer.from("fea7d2763b4b9e79", "hex"),
  verifierValue: Buffer.from("d7aa0f6d3061344e", "hex"),
  hmacKey: Buffer.from("5fb2ad010cb9e1f6", "hex"),
  hmacValue: Buffer.from("a0677f02b22c8433", "hex"),
} as const;

export const SEGMENT_BYTES = 4096;

export function hashOf(algorithm: string, ...parts: Uint8Array[]): Buffer {
  const h = createHash(algorithm);
  for (const p of parts) h.update(p);
  return h.digest();
}

/** Truncated, or padded with 0x36, to `length` bytes (2.3.4.11, 2.3.4.12). */
export function fitTo(bytes: Buffer, length: number): Buffer {
  if (bytes.length >= length) return bytes.subarray(0, length);
  const out = Buffer.alloc(length, 0x36);
  bytes.copy(out);
  return out;
}

/** H_n of 2.3.4.11: the salted password hashed spinCount more times. Computed once per file. */
export function iteratedPasswordHash(
  password: string,
  salt: Buffer,
  hash: string,
  spinCount: number,
): Buffer {
  let h = hashOf(hash, salt, Buffer.from(password, "utf16le"));
  const counter = Buffer.alloc(4);
  for (let i = 0; i < spinCount; i++) {
    counter.writeUInt32LE(i, 0);
    h = createHash(hash).update(counter).update(h).digest();
  }
  return h;
}

export function keyFromPasswordHash(hn: Buffer, blockKey: Buffer, p: CipherParams): Buffer {
  return fitTo(hashOf(p.hash, hn, blockKey), p.keyBytes);
}

export function ivFor(salt: Buffer, blockKey: Buffer | null, p: CipherParams): Buffer {
  return blockKey === null ? fitTo(salt, p.blockSize) : fitTo(hashOf(p.hash, salt, blockKey), p.blockSize);
}

function cbc(encrypt: boolean, key: Buffer, iv: Buffer, data: Uint8Array): Buffer {
  const algorithm = `aes-${key.length * 8}-cbc`;
  const c = encrypt ? createCipheriv(algorithm, key, iv) : createDecipheriv(algorithm, key, iv);
  c.setAutoPadding(false);
  return Buffer.concat([c.update(data), c.final()]);
}

/** AES-CBC without padding; the input is zero-padded to the block size first. */
export function encryptBlocks(key: Buffer, iv: Buffer, data: Uint8Array, blockSize = 16): Buffer {
  const rest = data.length % blockSize;
  const input = rest === 0 ? data : Buffer.concat([data, Buffer.alloc(blockSize - rest)]);
  return cbc(true, key, iv, input);
}

export function decryptBlocks(key: Buffer, iv: Buffer, data: Uint8Array): Buffer {
  return cbc(false, key, iv, data);
}

function segmentIv(keySalt: Buffer, index: number, p: CipherParams): Buffer {
  const block = Buffer.alloc(4);
  block.writeUInt32LE(index, 0);
  return ivFor(keySalt, block, p);
}

/** The EncryptedPackage stream (2.3.4.4, 2.3.4.15): 8-byte size, then each 4096-byte segment encrypted. */
export function encryptPackageStream(
  plain: Uint8Array,
  key: Buffer,
  keySalt: Buffer,
  p: CipherParams,
): Buffer {
  const size = Buffer.alloc(8);
  size.writeBigUInt64LE(BigInt(plain.length), 0);
  const parts: Buffer[] = [size];
  for (let i = 0, at = 0; at < plain.length; i++, at += SEGMENT_BYTES)
    parts.push(
      encryptBlocks(key, segmentIv(keySalt, i, p), plain.subarray(at, at + SEGMENT_BYTES), p.blockSize),
    );
  return Buffer.concat(parts);
}

/** Decrypts an EncryptedPackage stream; null when its size field cannot be right. */
export function decryptPackageStream(
  stream: Uint8Array,
  key: Buffer,
  keySalt: Buffer,
  p: CipherParams,
): Buffer | null {
  if (stream.length < 8) return null;
  const size = Buffer.from(stream.buffer, stream.byteOffset, 8).readBigUInt64LE(0);
  const body = stream.subarray(8);
  if (size > BigInt(body.length) || body.length % p.blockSize !== 0) return null;
  const parts: Buffer[] = [];
  for (let i = 0, at = 0; at < body.length; i++, at += SEGMENT_BYTES)
    parts.push(decryptBlocks(key, segmentIv(keySalt, i, p), body.subarray(at, at + SEGMENT_BYTES)));
  return Buffer.concat(parts).subarray(0, Number(size));
}

export function hmacOf(hash: string, key: Buffer, data: Uint8Array): Buffer {
  return createHmac(hash, key).update(data).digest();
}
