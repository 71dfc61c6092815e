/** Who is calling, as every route sees it once the token checks out. */
import type { JWTPayload } from "jose";

export interface Principal {
  /** Entra tenant id (`tid`): every query is scoped by it. */
  tenantId: string;
  /** Entra object id (`oid`). */
  userId: string;
  upn?: string;
  name?: string;
  /** Group object ids from the `groups` claim. */
  groups: string[];
  roles: string[];
  isAdmin: boolean;
  /** Token expiry, seconds since the epoch. */
  expiresAt: number;
}

/** A refused token. `reason` is a short class (expired, audience, …) for the 401 and the log. */
export class TokenError extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = "TokenError";
  }
}

export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
}

export const REQUIRED_SCOPE = "access_as_user";

const stringArray = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];

/** The claim checks shared by Entra and development tokens, after the signature has been verified. */
export function principalFromClaims(payload: JWTPayload, tenantId: string, adminRole: string): Principal {
  if (payload.tid !== tenantId) throw new TokenError("tenant", "the token's tid does not match its issuer");
  const scopes = typeof payload.scp === "string" ? payload.scp.split(" ") : [];
  if (!scopes.includes(REQUIRED_SCOPE))
    throw new TokenError("scope", `the token lacks the '${REQUIRED_SCOPE}' scope`);
  const oid = payload.oid;
  if (typeof oid !== "string" || oid.length === 0 || oid.length > 128)
    throw new TokenError("subject", "the token has no oid");
  const roles = stringArray(payload.roles);
  const upn = typeof payload.preferred_username === "string" ? payload.preferred_username : undefined;
  return {
    tenantId,
    userId: oid.toLowerCase(),
    upn,
    name: typeof payload.name === "string" ? payload.name : undefined,
    groups: stringArray(payload.groups),
    roles,
    isAdmin: roles.includes(adminRole),
    expiresAt: typeof payload.exp === "number" ? payload.exp : 0,
  };
}
