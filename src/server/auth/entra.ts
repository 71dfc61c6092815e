/**
 * Microsoft Entra ID access tokens (docs/reference/office-js.md §7): RS256 signature against the tenant's JWKS,
 * `iss` = https://login.microsoftonline.com/{tid}/v2.0, `aud` = our client id, `scp` has
 * access_as_user, `tid` on the allow-list. The tenant is read from the unverified token only to
 * pick the allow-list entry and key set; the issuer check then ties the signature to that tenant.
 */
import { createRemoteJWKSet, decodeJwt, errors, jwtVerify, type JWTVerifyGetKey } from "jose";
import { isGuid } from "../../core/policy";
import type { AuthConfig } from "../config";
import { principalFromClaims, TokenError, type Principal, type TokenVerifier } from "./principal";

export const entraIssuer = (tenantId: string) => `https://login.microsoftonline.com/${tenantId}/v2.0`;

export interface EntraVerifierOptions {
  /** Key source per tenant; defaults to a cached remote JWKS at `auth.jwksUrlTemplate`. */
  jwksFor?: (tenantId: string) => JWTVerifyGetKey;
}

/** jose's errors → our short reasons; anything else is a bad token, never a 500. */
export function classify(err: unknown): TokenError {
  if (err instanceof TokenError) return err;
  if (err instanceof errors.JWTExpired) return new TokenError("expired", "the token has expired");
  if (err instanceof errors.JWTClaimValidationFailed) {
    const claim = err.claim;
    if (claim === "nbf") return new TokenError("not-yet-valid", "the token is not valid yet");
    if (claim === "aud") return new TokenError("audience", "the token is for another application");
    if (claim === "iss") return new TokenError("issuer", "the token's issuer is not its tenant's Entra ID");
    return new TokenError("claims", `the token's ${claim} claim is not acceptable`);
  }
  if (err instanceof errors.JWKSNoMatchingKey)
    return new TokenError("unknown-key", "the token's signing key is not the tenant's");
  if (err instanceof errors.JOSEAlgNotAllowed)
    return new TokenError("algorithm", "the token's signing algorithm is not accepted");
  if (err instanceof errors.JWSSignatureVerificationFailed)
    return new TokenError("signature", "the token's signature is not valid");
  if (err instanceof errors.JWKSTimeout || err instanceof errors.JOSENotSupported)
    return new TokenError("keys", "the tenant's signing keys could not be used");
  return new TokenError("malformed", "the token is not a valid JWT");
}

export function createEntraVerifier(auth: AuthConfig, options: EntraVerifierOptions = {}): TokenVerifier {
  const allowed = new Set(auth.tenants);
  const keySets = new Map<string, JWTVerifyGetKey>();
  const jwksFor =
    options.jwksFor ??
    ((tenantId: string) =>
      createRemoteJWKSet(new URL(auth.jwksUrlTemplate.replace("{tid}", tenantId)), {
        timeoutDuration: 5000,
        cooldownDuration: 30_000,
        cacheMaxAge: 10 * 60_000,
      }));

  return {
    async verify(token: string): Promise<Principal> {
      let tid: unknown;
      try {
        tid = decodeJwt(token).tid;
      } catch (err) {
        throw classify(err);
      }
      if (typeof tid !== "string" || !isGuid(tid) || !allowed.has(tid))
        throw new TokenError("tenant", "the token's tenant is not allowed on this server");
      let keys = keySets.get(tid);
      if (!keys) {
        keys = jwksFor(tid);
        keySets.set(tid, keys);
      }
      try {
        const { payload } = await jwtVerify(token, keys, {
          issuer: entraIssuer(tid),
          audience: auth.clientId,
          algorithms: ["RS256"],
          clockTolerance: auth.clockToleranceSeconds,
          requiredClaims: ["exp", "iat", "tid", "oid"],
        });
        return principalFromClaims(payload, tid, auth.adminRole);
      } catch (err) {
        throw classify(err);
      }
    },
  };
}
