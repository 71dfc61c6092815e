/**
 * Who is signed in, read from the backend token's payload (a development token, or the token Office
 * SSO gives) — for display, `${User.Name}` and the policy cache key only. The backend verifies the
 * token; nothing here trusts these claims for anything else.
 *
 * One parser for the task pane and the event handlers: it avoids atob and TextDecoder, which the
 * JavaScript-only runtime may lack.
 */
import type { TokenProvider } from "./tokens";

export interface TokenUser {
  /** Display name (`name` claim), or the principal name when the token has none. */
  name: string;
  principalName: string;
}

const BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** base64url (or base64) → UTF-8 text; null when it is neither. */
function decodeBase64Url(input: string): string | null {
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of input.replace(/=+$/, "")) {
    const v = BASE64URL.indexOf(ch === "+" ? "-" : ch === "/" ? "_" : ch);
    if (v < 0) return null;
    buffer = ((buffer << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  try {
    // UTF-8 bytes → percent-escapes → text; throws on invalid UTF-8.
    return decodeURIComponent(bytes.map((b) => `%${(b < 16 ? "0" : "") + b.toString(16)}`).join(""));
  } catch {
    return null;
  }
}

/** Name and principal name from a JWT's claims; null for anything that is not a token naming someone. */
export function userFromToken(token: string | null | undefined): TokenUser | null {
  if (!token) return null;
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  const json = decodeBase64Url(parts[1]);
  if (json === null) return null;
  let claims: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(json);
    if (!parsed || typeof parsed !== "object") return null;
    claims = parsed as Record<string, unknown>;
  } catch {
    return null;
  }
  const text = (v: unknown): string => (typeof v === "string" ? v.trim() : "");
  const principalName =
    text(claims.preferred_username) ||
    text(claims.upn) ||
    text(claims.email) ||
    text(claims.unique_name) ||
    text(claims.oid);
  if (!principalName) return null;
  return { name: text(claims.name) || principalName, principalName };
}

/**
 * The person the backend will see: the token the providers give without prompting (Office SSO
 * where configured, else the development token). Null when there is none yet.
 */
export async function signedInUser(tokens: TokenProvider): Promise<TokenUser | null> {
  return userFromToken(await tokens.token({ interactive: false }).catch(() => null));
}
