/**
 * The EncryptionInfo stream of agile encryption ([MS-OFFCRYPTO] 2.3.4.10): version 4.4, reserved
 * 0x40, then the XML describing the package key (keyData), the integrity check (dataIntegrity) and the
 * password key encryptor. Written exactly as Office writes it; read tolerantly, refusing with a named
 * reason what this reader does not handle.
 */
import { XMLParser } from "fast-xml-parser";
import type { CipherParams } from "./agileCrypto";
import { ProtectionError } from "./errors";

export const ENCRYPTION_NS = "http://schemas.microsoft.com/office/2006/encryption";
export const PASSWORD_NS = "http://schemas.microsoft.com/office/2006/keyEncryptor/password";
const CERTIFICATE_NS = "http://schemas.microsoft.com/office/2006/keyEncryptor/certificate";

export interface AgileParams extends CipherParams {
  saltSize: number;
  /** The name in the XML: SHA512, SHA256… */
  hashName: string;
  hashSize: number;
}

export interface AgileInfo {
  keyData: AgileParams & { salt: Buffer };
  dataIntegrity: { encryptedHmacKey: Buffer; encryptedHmacValue: Buffer };
  password: AgileParams & {
    salt: Buffer;
    spinCount: number;
    encryptedVerifierHashInput: Buffer;
    encryptedVerifierHashValue: Buffer;
    encryptedKeyValue: Buffer;
  };
}

const HASHES: Record<string, { node: string; size: number }> = {
  SHA1: { node: "sha1", size: 20 },
  SHA256: { node: "sha256", size: 32 },
  SHA384: { node: "sha384", size: 48 },
  SHA512: { node: "sha512", size: 64 },
};

export const AES256_SHA512: AgileParams = {
  hash: "sha512",
  hashName: "SHA512",
  hashSize: 64,
  keyBytes: 32,
  blockSize: 16,
  saltSize: 16,
};

function paramsXml(p: AgileParams, salt: Buffer): string {
  return `saltSize="${p.saltSize}" blockSize="${p.blockSize}" keyBits="${p.keyBytes * 8}" hashSize="${p.hashSize}" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="${p.hashName}" saltValue="${salt.toString("base64")}"`;
}

export function encryptionInfoStream(info: AgileInfo): Buffer {
  const b64 = (b: Buffer) => b.toString("base64");
  const pw = info.password;
  const xml =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n` +
    `<encryption xmlns="${ENCRYPTION_NS}" xmlns:p="${PASSWORD_NS}" xmlns:c="${CERTIFICATE_NS}">` +
    `<keyData ${paramsXml(info.keyData, info.keyData.salt)}/>` +
    `<dataIntegrity encryptedHmacKey="${b64(info.dataIntegrity.encryptedHmacKey)}" encryptedHmacValue="${b64(info.dataIntegrity.encryptedHmacValue)}"/>` +
    `<keyEncryptors><keyEncryptor uri="${PASSWORD_NS}">` +
    `<p:encryptedKey spinCount="${pw.spinCount}" ${paramsXml(pw, pw.salt)} encryptedVerifierHashInput="${b64(pw.encryptedVerifierHashInput)}" encryptedVerifierHashValue="${b64(pw.encryptedVerifierHashValue)}" encryptedKeyValue="${b64(pw.encryptedKeyValue)}"/>` +
    `</keyEncryptor></keyEncryptors></encryption>`;
  const head = Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0]);
  return Buffer.concat([head, Buffer.from(xml, "utf8")]);
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "",
  removeNSPrefix: true,
  parseAttributeValue: false,
  processEntities: false,
  isArray: (name) => name === "keyEncryptor",
});

type Attrs = Record<string, string | undefined>;

function corrupt(what: string): ProtectionError {
  return new ProtectionError("corrupt-container", `the EncryptionInfo stream is damaged: ${what}`);
}

function base64(attrs: Attrs, name: string, where: string): Buffer {
  const v = attrs[name];
  if (typeof v !== "string" || !/^[A-Za-z0-9+/=\s]+$/.test(v)) throw corrupt(`${where} has no ${name}`);
  return Buffer.from(v, "base64");
}

function paramsOf(attrs: Attrs, where: string): AgileParams {
  const cipher = attrs.cipherAlgorithm;
  const chaining = attrs.cipherChaining;
  const hash = HASHES[attrs.hashAlgorithm ?? ""];
  const keyBits = Number(attrs.keyBits);
  if (cipher !== "AES" || chaining !== "ChainingModeCBC" || !hash || ![128, 192, 256].includes(keyBits))
    throw new ProtectionError(
      "unsupported-encryption",
      `${where} uses ${cipher ?? "?"}/${chaining ?? "?"}/${attrs.hashAlgorithm ?? "?"}/${attrs.keyBits ?? "?"} bits; only AES in CBC mode with SHA-1/256/384/512 is read`,
    );
  return {
    hash: hash.node,
    hashName: attrs.hashAlgorithm as string,
    hashSize: hash.size,
    keyBytes: keyBits / 8,
    blockSize: 16,
    saltSize: Number(attrs.saltSize) || 16,
  };
}

/** Reads an EncryptionInfo stream; throws a ProtectionError naming what is wrong. */
export function parseEncryptionInfo(stream: Uint8Array): AgileInfo {
  if (stream.length < 8) throw corrupt("it is shorter than its 8-byte header");
  const major = stream[0] | (stream[1] << 8);
  const minor = stream[2] | (stream[3] << 8);
  if (major !== 4 || minor !== 4)
    throw new ProtectionError(
      "unsupported-encryption",
      `EncryptionInfo version ${major}.${minor} is ${minor === 2 ? "standard" : minor === 3 ? "extensible" : "unknown"} encryption; only agile encryption (4.4) is read`,
    );
  let doc: { encryption?: Record<string, unknown> };
  try {
    doc = parser.parse(Buffer.from(stream.subarray(8)).toString("utf8")) as typeof doc;
  } catch (err) {
    throw corrupt(`its XML does not parse (${(err as Error).message})`);
  }
  const enc = doc.encryption;
  const keyData = enc?.keyData as Attrs | undefined;
  const integrity = enc?.dataIntegrity as Attrs | undefined;
  const encryptors = (enc?.keyEncryptors as { keyEncryptor?: Attrs[] } | undefined)?.keyEncryptor ?? [];
  if (!keyData || !integrity) throw corrupt("keyData or dataIntegrity is missing");
  const byPassword = encryptors.find((e) => e.uri === PASSWORD_NS) as { encryptedKey?: Attrs } | undefined;
  if (!byPassword?.encryptedKey)
    throw new ProtectionError(
      "unsupported-encryption",
      "the file is not encrypted with a password (only a certificate key encryptor is present)",
    );
  const pw = byPassword.encryptedKey;
  const spinCount = Number(pw.spinCount);
  if (!Number.isInteger(spinCount) || spinCount < 0 || spinCount > 10_000_000)
    throw corrupt(`spinCount '${pw.spinCount}' is not 0–10,000,000`);
  return {
    keyData: { ...paramsOf(keyData, "keyData"), salt: base64(keyData, "saltValue", "keyData") },
    dataIntegrity: {
      encryptedHmacKey: base64(integrity, "encryptedHmacKey", "dataIntegrity"),
      encryptedHmacValue: base64(integrity, "encryptedHmacValue", "dataIntegrity"),
    },
    password: {
      ...paramsOf(pw, "the password key encryptor"),
      salt: base64(pw, "saltValue", "encryptedKey"),
      spinCount,
      encryptedVerifierHashInput: base64(pw, "encryptedVerifierHashInput", "encryptedKey"),
      encryptedVerifierHashValue: base64(pw, "encryptedVerifierHashValue", "encryptedKey"),
      encryptedKeyValue: base64(pw, "encryptedKeyValue", "encryptedKey"),
    },
  };
}
