/**
 * Modules a scan loads the first time it needs them: the zip/XML stack for Office files, the PDF
 * object parser for PDF labels, the MIME parser for mail, the PDF stream measure (node:stream,
 * node:zlib), the policy engine for a scan with a policy. Every worker thread would otherwise
 * compile all of them at start, about 55 ms of CPU per worker, which a scan of plain text (or any
 * discover scan without a policy) pays for nothing: a tenth of a plain-text scan's CPU on two cores.
 * Once loaded, each stays loaded for the life of the thread.
 */
type OfficeFileModule = typeof import("../ooxml/officeFile");
type MailModule = typeof import("../formats/eml");
type DecisionModule = typeof import("./decision");
type PolicyUseModule = typeof import("./policyUse");
type DecideModule = typeof import("../../core/decide");
type MappedModule = typeof import("./mapped");
type PdfReadModule = typeof import("../pdf/read");
type PdfScanModule = typeof import("../pdf/scanLabels");
type PdfWriteModule = typeof import("../pdf/write");
type ProtectionModule = typeof import("../protect/scanProtection");
type PdfStreamsModule = typeof import("../formats/pdfStreams");

function onDemand<T>(load: () => T): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= load());
}

/* eslint-disable @typescript-eslint/no-require-imports */
export const officeFileModule = onDemand(() => require("../ooxml/officeFile") as OfficeFileModule);
export const mailModule = onDemand(() => require("../formats/eml") as MailModule);
export const decisionModule = onDemand(() => require("./decision") as DecisionModule);
export const policyUseModule = onDemand(() => require("./policyUse") as PolicyUseModule);
export const decideModule = onDemand(() => require("../../core/decide") as DecideModule);
export const mappedModule = onDemand(() => require("./mapped") as MappedModule);
export const pdfReadModule = onDemand(() => require("../pdf/read") as PdfReadModule);
export const pdfScanModule = onDemand(() => require("../pdf/scanLabels") as PdfScanModule);
export const pdfWriteModule = onDemand(() => require("../pdf/write") as PdfWriteModule);
export const protectionModule = onDemand(() => require("../protect/scanProtection") as ProtectionModule);
export const pdfStreamsModule = onDemand(() => require("../formats/pdfStreams") as PdfStreamsModule);
/* eslint-enable @typescript-eslint/no-require-imports */
