/**
 * Who is signed in, read from the token's payload for display and `${User.Name}` only — the
 * backend verifies the token; the pane never trusts these claims for anything else.
 */
export interface TokenUser {
  name: string;
  principalName: string;
}

function base64UrlDecode(part: string): string {
  const b64 = part
    .replace(/-/g, "+")
    .replace(/_/g, "/")
    .padEnd(Math.ceil(part.length / 4) * 4, "=");
  const binary = atob(b64);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

export function userFromToken(token: string | null): TokenUser | null {
  if (!token) return null;
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  try {
    const claims = JSON.parse(base64UrlDecode(parts[1])) as Record<string, unknown>;
    const principalName = [claims.preferred_username, claims.upn, claims.email].find(
      (c) => typeof c === "string",
    ) as string | undefined;
    const name = typeof claims.name === "string" ? claims.name : (principalName ?? "");
    return principalName || name ? { name, principalName: principalName ?? "" } : null;
  } catch {
    return null;
  }
}
