/**
 * The text layer of a PDF, with pdfjs-dist 5 (legacy build: runs on Node 20). pdfjs is ESM-only, so
 * it is loaded with a real dynamic import that TypeScript's CommonJS output cannot rewrite into a
 * require(). No fonts, no eval, no network: we only read text. A PDF that needs a password is
 * reported as such.
 */
import { pathToFileURL } from "node:url";
import { FileFormatError } from "../ooxml/errors";

interface TextItem {
  str?: string;
  hasEOL?: boolean;
}
interface PdfPage {
  getTextContent(): Promise<{ items: TextItem[] }>;
  cleanup(): void;
}
interface PdfDocument {
  numPages: number;
  getPage(n: number): Promise<PdfPage>;
  destroy(): Promise<void>;
}
interface PdfJs {
  getDocument(params: Record<string, unknown>): { promise: Promise<PdfDocument>; destroy(): Promise<void> };
}

const importEsm = new Function("specifier", "return import(specifier)") as (
  specifier: string,
) => Promise<unknown>;
let loaded: Promise<PdfJs> | null = null;

function pdfjs(): Promise<PdfJs> {
  loaded ??= importEsm(
    pathToFileURL(require.resolve("pdfjs-dist/legacy/build/pdf.mjs")).href,
  ) as Promise<PdfJs>;
  return loaded;
}

export const MAX_PDF_PAGES = 5000;

/* eslint-disable office-addins/call-sync-before-read -- pdfjs objects, not Office.js proxies: nothing to sync */
/**
 * Calls `onText` with each page's text (items joined, line ends kept); returns the page count read.
 * `checkTime` runs before each page and stops the reading by throwing.
 */
export async function extractPdfText(
  bytes: Uint8Array,
  onText: (text: string) => void,
  checkTime: () => void = () => {},
): Promise<{ pages: number; truncated: boolean }> {
  const lib = await pdfjs();
  const task = lib.getDocument({
    // pdfjs takes ownership of (and may detach) the buffer it is given.
    data: new Uint8Array(bytes),
    verbosity: 0,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    isOffscreenCanvasSupported: false,
  });
  let doc: PdfDocument;
  try {
    doc = await task.promise;
  } catch (err) {
    const e = err as { name?: string; message?: string };
    await task.destroy().catch(() => undefined);
    if (e.name === "PasswordException") throw new FileFormatError("encrypted", "password-protected PDF");
    if (e.name === "InvalidPDFException")
      throw new FileFormatError("corrupt", `not a readable PDF: ${e.message}`);
    throw new FileFormatError("corrupt", `the PDF cannot be read: ${e.message ?? String(err)}`);
  }
  try {
    const pages = Math.min(doc.numPages, MAX_PDF_PAGES);
    for (let n = 1; n <= pages; n++) {
      checkTime();
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      let text = "";
      for (const item of content.items) {
        if (typeof item.str === "string") text += item.str;
        if (item.hasEOL) text += "\n";
      }
      onText(text + "\n");
      page.cleanup();
    }
    return { pages, truncated: doc.numPages > pages };
  } finally {
    await doc.destroy();
  }
}
/* eslint-enable office-addins/call-sync-before-read */
