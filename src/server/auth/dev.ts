/**
 * Development tokens: a local ES256 key under the data directory signs tokens shaped like Entra's
 * (tid, oid, scp, roles, groups), so every route runs exactly as in production. The server refuses
 * this mode unless it listens on loopback (config.ts): whoever can read ./data can mint tokens.
 */
import { createHash, randomUUID } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type JWK, type KeyLike } from "jose";
import { isGuid, normalizeGuid } from "../../core/policy";
import type { AuthConfig } from "../config";
import { classify } from "./entra";
import {
  principalFromClaims,
  REQUIRED_SCOPE,
  TokenError,
  type Principal,
  type TokenVerifier,
} from "./principal";

export const DEV_KEY_FILE = "dev-signing-key.json";
export const devIssuer = (tenantId: string) => `urn:labelbridge:dev:${tenantId}`;

export interface DevKey {
  kid: string;
  privateKey: KeyLike;
  publicKey: KeyLike;
}

interface StoredKey {
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
}

async function fromStored(stored: StoredKey): Promise<DevKey> {
  return {
    kid: stored.kid,
    privateKey: (await importJWK(stored.privateJwk, "ES256")) as KeyLike,
    publicKey: (await importJWK(stored.publicJwk, "ES256")) as KeyLike,
  };
}

/** Reads the development key, creating it on first use (the server and `labelbridge token` share it). */
export async function loadOrCreateDevKey(dataDir: string): Promise<DevKey> {
  const file = join(dataDir, DEV_KEY_FILE);
  try {
    return await fromStored(JSON.parse(readFileSync(file, "utf8")) as StoredKey);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT")
      throw new Error(`${file}: ${(err as Error).message}`);
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
  const stored: StoredKey = {
    kid: randomUUID(),
    privateJwk: await exportJWK(privateKey),
    publicJwk: await exportJWK(publicKey),
  };
  try {
    // 'wx': when two processes race to create the key, one writes and both then read the same file.
    writeFileSync(file, JSON.stringify(stored, null, 2), { flag: "wx", mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    return fromStored(JSON.parse(readFileSync(file, "utf8")) as StoredKey);
  }
  return fromStored(stored);
}

/** A stable object id for a user named by UPN, so the same person gets the same id every time. */
export function devUserId(tenantId: string, user: string): string {
  const trimmed = user.trim();
  if (isGuid(normalizeGuid(trimmed))) return normalizeGuid(trimmed);
  const h = createHash("sha256").update(`${tenantId}:${trimmed.toLowerCase()}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export interface DevTokenRequest {
  tenantId: string;
  clientId: string;
  /** A UPN (sam@contoso.com) or an object id. */
  user: string;
  name?: string;
  groups?: string[];
  admin?: boolean;
  adminRole?: string;
  ttlSeconds?: number;
}

export async function mintDevToken(key: DevKey, request: DevTokenRequest): Promise<string> {
  const oid = devUserId(request.tenantId, request.user);
  const upn = request.user.includes("@") ? request.user.trim() : undefined;
  const claims: Record<string, unknown> = {
    tid: request.tenantId,
    oid,
    scp: REQUIRED_SCOPE,
    name: request.name ?? upn?.split("@")[0] ?? request.user,
    groups: request.groups ?? [],
    roles: request.admin ? [request.adminRole ?? "Labelbridge.Admin"] : [],
  };
  if (upn) claims.preferred_username = upn;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "ES256", kid: key.kid, typ: "JWT" })
    .setIssuer(devIssuer(request.tenantId))
    .setAudience(request.clientId)
    .setSubject(oid)
    .setIssuedAt()
    .setExpirationTime(`${request.ttlSeconds ?? 8 * 3600}s`)
    .sign(key.privateKey);
}

export function createDevVerifier(auth: AuthConfig, key: DevKey): TokenVerifier {
  const allowed = new Set(auth.tenants);
  return {
    async verify(token: string): Promise<Principal> {
      try {
        const { payload, protectedHeader } = await jwtVerify(token, key.publicKey, {
          audience: auth.clientId,
          algorithms: ["ES256"],
          clockTolerance: auth.clockToleranceSeconds,
          requiredClaims: ["exp", "tid", "oid"],
        });
        if (protectedHeader.kid !== key.kid)
          throw new TokenError("unknown-key", "the token's signing key is not this server's");
        const tid = payload.tid;
        if (typeof tid !== "string" || !allowed.has(tid))
          throw new TokenError("tenant", "the token's tenant is not allowed on this server");
        if (payload.iss !== devIssuer(tid))
          throw new TokenError("issuer", "the token's issuer does not match its tenant");
        return principalFromClaims(payload, tid, auth.adminRole);
      } catch (err) {
        throw classify(err);
      }
    },
  };
}
