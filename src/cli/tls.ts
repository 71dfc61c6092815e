/**
 * Reaching a server whose certificate Node does not trust — the development server `npm start`
 * runs, whose CA Office trusts but Node does not. `--ca FILE` adds a CA for this run (besides
 * Node's own list and NODE_EXTRA_CA_CERTS, which Node reads by itself), and a refused certificate
 * says what to do instead of only Node's error code.
 */
import { readFileSync } from "node:fs";
import { rootCertificates } from "node:tls";

/** The CA `npm start` creates for localhost (office-addin-dev-certs). */
export const DEV_CA_FILE = "~/.office-addin-dev-certs/ca.crt";

const UNTRUSTED = new Set([
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
]);

function pemCertificates(file: string, where: string): string {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new Error(`${where} ${file}: ${(err as Error).message}`);
  }
  if (!text.includes("-----BEGIN CERTIFICATE-----"))
    throw new Error(`${where} ${file}: not a PEM certificate (-----BEGIN CERTIFICATE-----)`);
  return text;
}

/** Every HTTPS request this process makes with fetch also trusts the CA certificates in `file`. */
export function trustCa(file: string, env: NodeJS.ProcessEnv = process.env): void {
  const ca = [...rootCertificates, pemCertificates(file, "--ca")];
  // A CA list replaces Node's default one, NODE_EXTRA_CA_CERTS included: keep it.
  if (env.NODE_EXTRA_CA_CERTS) ca.push(pemCertificates(env.NODE_EXTRA_CA_CERTS, "NODE_EXTRA_CA_CERTS"));
  // Loaded here, not at the top: undici is the largest module the command would load at its start,
  // which every command and every scanner node pays, and only --ca needs it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Agent, setGlobalDispatcher } = require("undici") as typeof import("undici");
  setGlobalDispatcher(new Agent({ connect: { ca } }));
}

const isLocal = (url: string): boolean => {
  try {
    const host = new URL(url).hostname;
    return host === "localhost" || host === "[::1]" || host.startsWith("127.");
  } catch {
    return false;
  }
};

/** What to do about a TLS error code met at `url`, or null when the code is not about trust. */
export function explainTlsFailure(code: string | undefined, url: string): string | null {
  if (code === undefined || !UNTRUSTED.has(code)) return null;
  const local = isLocal(url)
    ? ` For the development server on this machine that is the CA npm start created: --ca ${DEV_CA_FILE}.`
    : "";
  return (
    `the server's certificate is not trusted by Node (${code}). ` +
    `Give the CA that issued it with --ca FILE or NODE_EXTRA_CA_CERTS=FILE.${local}`
  );
}
