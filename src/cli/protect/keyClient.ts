/**
 * The key escrow as the CLI uses it (src/server/keys/routes.ts): keep a new file's key before the
 * file is written, ask for a protected file's key, withdraw a key whose file was not written. Server
 * refusals become ProtectionErrors with the server's own message.
 */
import { type FetchLike, ServerError, apiUrl, describeFailure, request } from "../scan/server";
import { ProtectionError, type ProtectionErrorCode } from "./errors";

export interface KeyServer {
  server: string;
  token: string;
  fetch?: FetchLike;
}

export interface ReleasedKey {
  keyId: string;
  labelId: string;
  labelName: string | null;
  password: string;
  grant: "rights-holder" | "super-user";
}

const CODES: Record<string, ProtectionErrorCode> = {
  "key-unknown": "key-unknown",
  "key-revoked": "key-revoked",
  "key-refused": "key-refused",
};

async function post(
  keys: KeyServer,
  path: string,
  body: unknown,
  failure: ProtectionErrorCode,
): Promise<Response> {
  const url = apiUrl(keys.server, path);
  let res: Response;
  try {
    res = await request(keys.fetch ?? fetch, "POST", url, keys.token, body);
  } catch (err) {
    throw new ProtectionError("key-unavailable", (err as Error).message);
  }
  if (res.ok) return res;
  const answer = (await res
    .clone()
    .json()
    .catch(() => null)) as { code?: string; message?: string } | null;
  const error: ServerError = await describeFailure("POST", url, res);
  const code = CODES[answer?.code ?? ""] ?? statusCode(res.status, failure);
  // The server's sentence is what a person needs; the request line is for the log.
  throw new ProtectionError(code, answer?.message ?? error.message);
}

function statusCode(status: number, failure: ProtectionErrorCode): ProtectionErrorCode {
  if (status === 404) return "key-unknown";
  if (status === 410) return "key-revoked";
  if (status === 403) return "key-refused";
  return failure;
}

export async function escrowKey(
  keys: KeyServer,
  key: { keyId: string; labelId: string; password: string; itemName: string },
): Promise<void> {
  await post(keys, "protection/keys", key, "escrow-failed");
}

export async function releaseKey(keys: KeyServer, keyId: string, itemName: string): Promise<ReleasedKey> {
  const res = await post(keys, `protection/keys/${keyId}/release`, { itemName }, "key-unavailable");
  return (await res.json()) as ReleasedKey;
}

/** Best effort: a key whose file was not written is withdrawn; failing to withdraw it loses nothing. */
export async function discardKey(keys: KeyServer, keyId: string): Promise<boolean> {
  try {
    await post(keys, `protection/keys/${keyId}/discard`, undefined, "key-unavailable");
    return true;
  } catch {
    return false;
  }
}
