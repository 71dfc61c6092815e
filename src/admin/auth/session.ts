/**
 * The admin's token for this tab. sessionStorage, not localStorage: it dies with the tab, is not
 * shared with other tabs (two tabs may be two admins), and is never sent anywhere but our own API.
 */
const TOKEN_KEY = "labelbridge.admin.token";

export interface Session {
  token: string;
  /** Seconds since the epoch, from the token's `exp`. */
  expiresAt: number;
  name: string | null;
  tenantId: string | null;
  roles: string[];
}

function base64UrlDecode(part: string): string {
  const b64 = part
    .replace(/-/g, "+")
    .replace(/_/g, "/")
    .padEnd(Math.ceil(part.length / 4) * 4, "=");
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** Reads the claims the console shows (who, which tenant, until when). The server verifies the token. */
export function describeToken(token: string): Session | { error: string } {
  const parts = token.trim().split(".");
  if (parts.length !== 3) return { error: "this is not a token: a token has three parts separated by dots" };
  try {
    const claims = JSON.parse(base64UrlDecode(parts[1])) as Record<string, unknown>;
    const exp = typeof claims.exp === "number" ? claims.exp : 0;
    return {
      token: token.trim(),
      expiresAt: exp,
      name:
        typeof claims.preferred_username === "string"
          ? claims.preferred_username
          : typeof claims.name === "string"
            ? claims.name
            : null,
      tenantId: typeof claims.tid === "string" ? claims.tid : null,
      roles: Array.isArray(claims.roles)
        ? claims.roles.filter((r): r is string => typeof r === "string")
        : [],
    };
  } catch {
    return { error: "this is not a token: its claims cannot be read" };
  }
}

export function loadSession(now = Date.now()): Session | null {
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (!token) return null;
  const session = describeToken(token);
  if ("error" in session || session.expiresAt * 1000 <= now) {
    sessionStorage.removeItem(TOKEN_KEY);
    return null;
  }
  return session;
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(TOKEN_KEY, session.token);
}

export function clearSession(): void {
  sessionStorage.removeItem(TOKEN_KEY);
}
