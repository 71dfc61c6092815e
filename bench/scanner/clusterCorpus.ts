/**
 * The scanner cluster's corpus, and how its test and bench start a node: many small text files in folders of 1,000 (the shape of a file share
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

const FILLER = [
  "The customer asked for the usual packaging and a signed delivery note for the records.",
  "Warehouse staff counted the parcels twice before loading; the driver confirmed the count.",
  "Returns are accepted within thirty days when the goods are unused and in their packaging.",
  "Invoices are payable within thirty days of the delivery date unless agreed otherwise.",
];

/** An order note; with `size`, padded with ordinary sentences to about that many bytes. */
function text(i: number, size: number): string {
  const lines = [
    `Order ${i} for customer ${(i * 7919) % 100_000}`,
    `Shipped ${1 + (i % 28)}/${1 + (i % 12)}/2026 to warehouse ${i % 17}; ${i % 5} parcels, ${(i * 31) % 997} kg.`,
    "Notes: delivery confirmed by phone, invoice to follow with the usual terms.",
  ];
  if (i % 10 === 0) lines.push(`Paid by card ${CARDS[(i / 10) % CARDS.length]} exp 12/29`);
  let body = lines.join("\n") + "\n";
  for (let k = i; body.length < size; k++) body += FILLER[k % FILLER.length] + "\n";
  return body;
}

/** The arguments of a `labelbridge scanner` node as the test and the bench run it: one core, until idle. */
export function scannerNodeArgs(server: string, node: string): string[] {
  return [
    "scanner",
    "--server",
    server,
    "--node",
    node,
    "--jobs",
    "1",
    "--exit-when-idle",
    "--poll-seconds",
    "0.2",
  ];
}

/** `bytesPerFile` 0: the bare notes (~160 bytes); more pads each file to about that size. */
export function writeClusterCorpus(root: string, files: number, bytesPerFile = 0): ClusterCorpus {
  const corpus: ClusterCorpus = { root, paths: [], withCard: new Set(), bytes: 0 };
  for (let i = 0; i < files; i++) {
    const folder = join(root, `folder-${String(Math.floor(i / FILES_PER_FOLDER)).padStart(3, "0")}`);
    if (i % FILES_PER_FOLDER === 0) mkdirSync(folder, { recursive: true });
    const path = join(folder, `order-${String(i).padStart(6, "0")}.txt`);
    const body = text(i, bytesPerFile);
    writeFileSync(path, body);
    corpus.paths.push(path);
    corpus.bytes += body.length;
    if (i % 10 === 0) corpus.withCard.add(path);
  }
  return corpus;
}
