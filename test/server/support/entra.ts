/**
 * A stand-in for Entra ID: RSA keys published as a JWKS over real HTTP on loopback, and tokens
 * shaped like Entra v2 access tokens (docs/reference/office-js.md §7), with every field overridable for attacks.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, UnsecuredJWT, type JWK, type KeyLike } from "jose";

export const CLIENT_ID = "6f1c3c1e-3c0f-4f5e-9b0a-1f2e3d4c5b6a";

export interface SigningKey {
  kid: string;
  privateKey: KeyLike;
  publicKey: KeyLike;
  publicJwk: JWK;
}

export async function signingKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" };
  return { kid, privateKey, publicKey, publicJwk };
}

export interface FakeEntra {
  /** LABELBRIDGE_JWKS_URL for the server: `{tid}` is kept for the server to fill. */
  jwksTemplate: string;
  key: SigningKey;
  /** JWKS requests served, per tenant (to see the cache at work). */
  requests: Map<string, number>;
  close(): Promise<void>;
}

/** Serves the same key set for every tenant path `/{tid}/discovery/v2.0/keys`. */
export async function startFakeEntra(): Promise<FakeEntra> {
  const key = await signingKey("test-key-1");
  const requests = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const m = /^\/([0-9a-f-]{36})\/discovery\/v2\.0\/keys$/.exec(req.url ?? "");
    if (!m) {
      res.writeHead(404).end();
      return;
    }
    requests.set(m[1], (requests.get(m[1]) ?? 0) + 1);
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: [key.publicJwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    jwksTemplate: `http://127.0.0.1:${port}/{tid}/discovery/v2.0/keys`,
    key,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface EntraClaims {
  tid: string;
  oid: string;
  name?: string;
  preferred_username?: string;
  scp?: string;
  roles?: string[];
  /** null leaves the claim out, as Entra does on group overage. */
  groups?: string[] | null;
  /** More claims, e.g. the overage markers `_claim_names` / `_claim_sources` or `hasgroups`. */
  extra?: Record<string, unknown>;
  iss?: string;
  aud?: string;
  /** Seconds from now. */
  expiresIn?: number;
  /** Seconds from now. */
  notBefore?: number;
}

export async function entraToken(key: SigningKey, claims: EntraClaims): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const payload: Record<string, unknown> = {
    tid: claims.tid,
    oid: claims.oid,
    scp: claims.scp ?? "access_as_user",
    name: claims.name ?? "Test User",
    preferred_username: claims.preferred_username ?? `${claims.oid.slice(0, 8)}@example.com`,
    roles: claims.roles ?? [],
    ...(claims.groups === null ? {} : { groups: claims.groups ?? [] }),
    ver: "2.0",
    ...claims.extra,
  };
  const jwt = new SignJWT(payload)
    .setProtectedHeader({ alg: "RS256", kid: key.kid, typ: "JWT" })
    .setIssuer(claims.iss ?? `https://login.microsoftonline.com/${claims.tid}/v2.0`)
    .setAudience(claims.aud ?? CLIENT_ID)
    .setIssuedAt(now - 10)
    .setExpirationTime(now + (claims.expiresIn ?? 3600));
  if (claims.notBefore !== undefined) jwt.setNotBefore(now + claims.notBefore);
  return jwt.sign(key.privateKey);
}

/** `alg: none`: the same claims, no signature. */
export function unsignedToken(claims: EntraClaims): string {
  const now = Math.floor(Date.now() / 1000);
  return new UnsecuredJWT({
    tid: claims.tid,
    oid: claims.oid,
    scp: "access_as_user",
    roles: claims.roles ?? [],
  })
    .setIssuer(`https://login.microsoftonline.com/${claims.tid}/v2.0`)
    .setAudience(CLIENT_ID)
    .setIssuedAt(now)
    .setExpirationTime(now + 3600)
    .encode();
}

/** The classic key-confusion attack: HS256 with the server's public RSA key as the HMAC secret. */
export async function hs256WithPublicKey(key: SigningKey, claims: EntraClaims): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const secret = new TextEncoder().encode(await exportSPKI(key.publicKey));
  return new SignJWT({ tid: claims.tid, oid: claims.oid, scp: "access_as_user", roles: claims.roles ?? [] })
    .setProtectedHeader({ alg: "HS256", kid: key.kid })
    .setIssuer(`https://login.microsoftonline.com/${claims.tid}/v2.0`)
    .setAudience(CLIENT_ID)
    .setIssuedAt(now)
    .setExpirationTime(now + 3600)
    .sign(secret);
}
