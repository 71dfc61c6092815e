/**
 * The independent reader of the protection tests: Debian's python3-msoffcrypto-tool (installed by
 * .ci/run). Missing, the suites fail with how to install it; they never skip.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const MSOFFCRYPTO = "/usr/bin/msoffcrypto-tool";
const PYTHON = "/usr/bin/python3";

export function requireReader(): void {
  if (!existsSync(MSOFFCRYPTO))
    throw new Error(`${MSOFFCRYPTO} is missing: apt-get install python3-msoffcrypto-tool (.ci/run does)`);
}

/** `msoffcrypto-tool -p PASSWORD in out`, the command an admin would run; returns the bytes. */
export function decryptWithMsoffcrypto(path: string, password: string): Buffer {
  const dir = mkdtempSync(join(tmpdir(), "lb-msoffcrypto-"));
  try {
    const out = join(dir, "plain");
    execFileSync(MSOFFCRYPTO, ["-p", password, path, out], { stdio: "pipe" });
    return readFileSync(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The same library with its password verifier and data-integrity (HMAC) checks on. */
export function verifyWithMsoffcrypto(path: string, password: string): string {
  const script = [
    "import io, sys, msoffcrypto",
    "f = msoffcrypto.OfficeFile(open(sys.argv[1], 'rb'))",
    "f.load_key(password=sys.argv[2], verify_password=True)",
    "o = io.BytesIO(); f.decrypt(o, verify_integrity=True)",
    "print(len(o.getvalue()))",
  ].join("\n");
  return execFileSync(PYTHON, ["-c", script, path, password], { stdio: "pipe" }).toString().trim();
}
