/** The file types the scanner reads, by extension (content is checked when the file is opened). */
import { extname } from "node:path";

export const OFFICE_EXTENSIONS = ["docx", "docm", "xlsx", "xlsm", "pptx", "pptm"] as const;
export const TEXT_EXTENSIONS = ["txt", "csv", "md", "json", "xml"] as const;
export const MAIL_EXTENSIONS = ["eml"] as const;
export const PDF_EXTENSIONS = ["pdf"] as const;

export type OfficeExtension = (typeof OFFICE_EXTENSIONS)[number];
export type FileType =
  | OfficeExtension
  | (typeof TEXT_EXTENSIONS)[number]
  | (typeof MAIL_EXTENSIONS)[number]
  | (typeof PDF_EXTENSIONS)[number];
export type FileFamily = "office" | "text" | "mail" | "pdf";

const FAMILY = new Map<string, FileFamily>([
  ...OFFICE_EXTENSIONS.map((e) => [e, "office"] as const),
  ...TEXT_EXTENSIONS.map((e) => [e, "text"] as const),
  ...MAIL_EXTENSIONS.map((e) => [e, "mail"] as const),
  ...PDF_EXTENSIONS.map((e) => [e, "pdf"] as const),
]);

export function fileTypeOf(path: string): FileType | null {
  const ext = extname(path).slice(1).toLowerCase();
  return FAMILY.has(ext) ? (ext as FileType) : null;
}

export function familyOf(type: FileType): FileFamily {
  return FAMILY.get(type) as FileFamily;
}

/** Office files (custom.xml or LabelInfo.xml) and PDFs (Info dictionary and XMP) carry a label we can write. */
export function canCarryLabel(type: FileType): boolean {
  return familyOf(type) === "office" || familyOf(type) === "pdf";
}
