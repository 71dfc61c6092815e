/**
 * The HTTPS certificate: configured PEM files, or the office-addin-dev-certs localhost certificate
 * (the one Office add-in tooling uses). Its `install` also adds the CA to the system trust store
 * through sudo, which fails on machines without sudo (docs/reference/tooling.md) after the files are written; the
 * files are all we need to serve, so we generate them ourselves and only try to trust the CA.
 */
import { X509Certificate } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

export interface TlsMaterial {
  key: Buffer;
  cert: Buffer;
  /** Where the files came from, for the start-up message. */
  source: string;
  /** The CA a browser or Office must trust (dev certificates only). */
  caFile?: string;
  validTo: Date;
  /** Set when the CA could not be added to this machine's trust store. */
  trustWarning?: string;
}

export const DEV_CERT_DIR = join(homedir(), ".office-addin-dev-certs");
const MIN_REMAINING_MS = 24 * 3600 * 1000;

function read(certFile: string, keyFile: string, source: string): TlsMaterial {
  const cert = readFileSync(certFile);
  const key = readFileSync(keyFile);
  return { cert, key, source, validTo: new Date(new X509Certificate(cert).validTo) };
}

export function loadTlsFiles(certFile: string, keyFile: string): TlsMaterial {
  try {
    return read(certFile, keyFile, certFile);
  } catch (err) {
    throw new Error(
      `cannot read the TLS certificate (${certFile}) or key (${keyFile}): ${(err as Error).message}`,
    );
  }
}

/** A localhost certificate valid for at least another day, made when missing or about to expire. */
export async function ensureDevCertificate(dir: string = DEV_CERT_DIR): Promise<TlsMaterial> {
  const ca = join(dir, "ca.crt");
  const crt = join(dir, "localhost.crt");
  const key = join(dir, "localhost.key");
  const fresh = () => {
    if (![ca, crt, key].every((f) => existsSync(f))) return null;
    const material = read(crt, key, dir);
    return material.validTo.getTime() - Date.now() > MIN_REMAINING_MS ? material : null;
  };
  const existing = fresh();
  if (existing) return { ...existing, caFile: ca };

  // Lazy: the package pulls in its usage-data client, which production (real certificates) never needs.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const devCerts = require("office-addin-dev-certs") as typeof import("office-addin-dev-certs");
  await devCerts.generateCertificates(ca, crt, key, 30);
  let trustWarning: string | undefined;
  try {
    await devCerts.installCaCertificate(ca);
  } catch (err) {
    trustWarning = `the development CA was not added to this machine's trust store (${String((err as Error).message ?? err).split("\n")[0]}); import ${ca} where Office runs`;
  }
  const made = fresh();
  if (!made) throw new Error(`office-addin-dev-certs did not leave a usable certificate in ${dir}`);
  return { ...made, caFile: ca, trustWarning };
}
