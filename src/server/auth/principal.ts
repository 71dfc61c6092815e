/** Who is calling, as every route sees it once the token checks out. */
import type { JWTPayload } from "jose";

export interface Principal {
  /** Entra tenant id (`tid`): every query is scoped by it. */
  tenantId: string;
  /** Entra object id (`oid`). */
  userId: string;
  upn?: string;
  name?: string;
  /** Group object ids from the `groups` claim, or resolved from Graph on group overage (groups.ts). */
  groups: string[];
  /** The token says the groups did not fit (`_claim_names.groups` or `hasgroups`). */
  groupsOverage?: boolean;
  /** Overage that Graph could not resolve: only the policies for everyone (and the user) apply. */
  groupsUnresolved?: boolean;
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

/**
 * Entra's group overage: past 200 groups an access token carries `_claim_names: {"groups": "src1"}`
 * (with `_claim_sources`) instead of `groups`; tokens from the implicit flow say `hasgroups: true`.
 */
export function hasGroupOverage(payload: JWTPayload): boolean {
  const names = payload._claim_names;
  const named = typeof names === "object" && names !== null && "groups" in names;
  return named || payload.hasgroups === true || payload.hasgroups === "true";
}

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
    groupsOverage: hasGroupOverage(payload),
    roles,
    isAdmin: roles.includes(adminRole),
    expiresAt: typeof payload.exp === "number" ? payload.exp : 0,
  };
}
