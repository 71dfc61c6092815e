/**
 * The scanner cluster's corpus: many small text files in folders of 1,000 (the shape of a file share
 * full of notes and exports), every tenth holding a card number. Used by the cluster test
 * (test/cli/scannerCluster) and bench/scanner/cluster.ts. Same count, same corpus.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const CARDS = ["4111 1111 1111 1111", "5555 5555 5555 4444", "4012 8888 8888 1881"];
export const FILES_PER_FOLDER = 1000;

export interface ClusterCorpus {
  root: string;
  /** Every file written, as the scanner names it. */
  paths: string[];
  /** The files holding a card number. */
  withCard: Set<string>;
  bytes: number;
}

function text(i: number): string {
  const lines = [
    `Order ${i} for customer ${(i * 7919) % 100_000}`,
    `Shipped ${1 + (i % 28)}/${1 + (i % 12)}/2026 to warehouse ${i % 17}; ${i % 5} parcels, ${(i * 31) % 997} kg.`,
    "Notes: delivery confirmed by phone, invoice to follow with the usual terms.",
  ];
  if (i % 10 === 0) lines.push(`Paid by card ${CARDS[(i / 10) % CARDS.length]} exp 12/29`);
  return lines.join("\n") + "\n";
}

export function writeClusterCorpus(root: string, files: number): ClusterCorpus {
  const corpus: ClusterCorpus = { root, paths: [], withCard: new Set(), bytes: 0 };
  for (let i = 0; i < files; i++) {
    const folder = join(root, `folder-${String(Math.floor(i / FILES_PER_FOLDER)).padStart(3, "0")}`);
    if (i % FILES_PER_FOLDER === 0) mkdirSync(folder, { recursive: true });
    const path = join(folder, `order-${String(i).padStart(6, "0")}.txt`);
    const body = text(i);
    writeFileSync(path, body);
    corpus.paths.push(path);
    corpus.bytes += body.length;
    if (i % 10 === 0) corpus.withCard.add(path);
  }
  return corpus;
}
