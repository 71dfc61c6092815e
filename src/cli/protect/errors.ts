/**
 * Why a protected file could not be protected, opened or unprotected: a machine-readable code for
 * the report row and a sentence saying what and where. Nothing is written when one is thrown.
 */
export type ProtectionErrorCode =
  /** The file is a plain Office package (nothing to decrypt). */
  | "not-protected"
  /** A compound file without ECMA-376 encryption streams (e.g. a legacy .doc). */
  | "not-encrypted-package"
  /** The container or its EncryptionInfo cannot be read. */
  | "corrupt-container"
  /** ECMA-376 encryption with parameters this reader does not handle (standard, extensible, RC4…). */
  | "unsupported-encryption"
  /** The password does not open the file. */
  | "wrong-key"
  /** The encrypted package does not match its HMAC: damaged or tampered with. */
  | "integrity-failed"
  /** The server has no key for the file in the caller's tenant (encrypted elsewhere). */
  | "key-unknown"
  | "key-revoked"
  | "key-refused"
  /** The key server could not be asked (no --server, network, configuration). */
  | "key-unavailable"
  | "escrow-failed";

export class ProtectionError extends Error {
  constructor(
    readonly code: ProtectionErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "ProtectionError";
  }
}
