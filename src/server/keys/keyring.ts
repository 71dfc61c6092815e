/**
 * Key-encryption keys (KEKs) from the configuration. Each escrowed file key is wrapped with the
 * current KEK (AES-256-GCM, bound to its tenant and key id, so a wrapped key copied to another row or
 * tenant does not unwrap); retired KEKs only unwrap, until the keys they wrapped are re-wrapped
 * (POST /api/v1/admin/protection/rewrap). Settings: docs/deploy.md, "Protection".
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface Kek {
  id: string;
  key: Buffer;
}

export interface KeyringConfig {
  current: Kek;
  retired: Kek[];
}

export class KeyringError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "KeyringError";
  }
}

const KEK_ID = /^[A-Za-z0-9_-]{1,32}$/;

/** `id:base64` with a 32-byte key; `name` is the variable, for the message. */
export function parseKek(value: string, name: string): Kek {
  const at = value.indexOf(":");
  const id = at > 0 ? value.slice(0, at).trim() : "";
  const material = at > 0 ? value.slice(at + 1).trim() : "";
  if (!KEK_ID.test(id))
    throw new KeyringError(
      `${name}: expected <id>:<base64 of 32 bytes>, where id is 1–32 letters, digits, '_' or '-'`,
    );
  const key = Buffer.from(material, "base64");
  if (key.length !== 32 || key.toString("base64").replace(/=+$/, "") !== material.replace(/=+$/, ""))
    throw new KeyringError(
      `${name}: the key of '${id}' must be 32 bytes in base64 (openssl rand -base64 32)`,
    );
  return { id, key };
}

/** LABELBRIDGE_KEK and LABELBRIDGE_KEK_RETIRED; null when no KEK is configured. */
export function keyringFromEnv(env: Record<string, string | undefined>): KeyringConfig | null {
  const raw = env.LABELBRIDGE_KEK?.trim();
  const retired = (env.LABELBRIDGE_KEK_RETIRED ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "")
    .map((s) => parseKek(s, "LABELBRIDGE_KEK_RETIRED"));
  if (!raw) {
    if (retired.length > 0)
      throw new KeyringError("LABELBRIDGE_KEK_RETIRED needs LABELBRIDGE_KEK: the key that wraps from now on");
    return null;
  }
  const current = parseKek(raw, "LABELBRIDGE_KEK");
  const ids = new Set([current.id]);
  for (const k of retired) {
    if (ids.has(k.id)) throw new KeyringError(`LABELBRIDGE_KEK_RETIRED: KEK id '${k.id}' is listed twice`);
    ids.add(k.id);
  }
  return { current, retired };
}

export const DEV_KEK_FILE = "dev-key-encryption-key";

/** Development: a KEK kept in the data directory, made on first start (like the dev signing key). */
export function loadOrCreateDevKek(dataDir: string): KeyringConfig {
  const file = join(dataDir, DEV_KEK_FILE);
  try {
    return { current: parseKek(readFileSync(file, "utf8").trim(), file), retired: [] };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  mkdirSync(dataDir, { recursive: true });
  try {
    writeFileSync(file, `dev:${randomBytes(32).toString("base64")}\n`, { flag: "wx", mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
  return { current: parseKek(readFileSync(file, "utf8").trim(), file), retired: [] };
}

const VERSION = "v1";

function aad(tenantId: string, keyId: string): Buffer {
  return Buffer.from(`labelbridge/file-key/${VERSION}\u0000${tenantId}\u0000${keyId}`, "utf8");
}

export class Keyring {
  private readonly byId: Map<string, Kek>;

  constructor(private readonly config: KeyringConfig) {
    this.byId = new Map([config.current, ...config.retired].map((k) => [k.id, k]));
  }

  get currentId(): string {
    return this.config.current.id;
  }

  get retiredIds(): string[] {
    return this.config.retired.map((k) => k.id);
  }

  has(kekId: string): boolean {
    return this.byId.has(kekId);
  }

  wrap(tenantId: string, keyId: string, secret: string): { kekId: string; wrapped: string } {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.config.current.key, iv);
    cipher.setAAD(aad(tenantId, keyId));
    const body = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
    return {
      kekId: this.config.current.id,
      wrapped: `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64")}`,
    };
  }

  /** Throws KeyringError when the KEK is not configured or the wrapped key does not authenticate. */
  unwrap(tenantId: string, keyId: string, kekId: string, wrapped: string): string {
    const kek = this.byId.get(kekId);
    if (!kek)
      throw new KeyringError(
        `the key was wrapped with KEK '${kekId}', which this server does not have (add it to LABELBRIDGE_KEK_RETIRED)`,
      );
    const [version, data] = wrapped.split(".", 2);
    const raw = Buffer.from(data ?? "", "base64");
    if (version !== VERSION || raw.length < 29) throw new KeyringError("the stored key is not a wrapped key");
    try {
      const decipher = createDecipheriv("aes-256-gcm", kek.key, raw.subarray(0, 12));
      decipher.setAAD(aad(tenantId, keyId));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
    } catch {
      throw new KeyringError(
        `the stored key does not unwrap with KEK '${kekId}' (wrong KEK, or the row was altered)`,
      );
    }
  }
}
