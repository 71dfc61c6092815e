/**
 * The shapes every label metadata codec reads into and writes from. A label is identified by its
 * GUID and its tenant (SiteId), never by display name (docs/reference/label-metadata.md §6).
 */

/** How the label was chosen: `Privileged` = by a person, `Standard` = by default or automatically. */
export type AssignmentMethod = "Standard" | "Privileged";

/** Where a decoded label came from. */
export type LabelSource =
  "msip_labels" | "custom.xml" | "LabelInfo.xml" | "properties" | "PDF Info" | "PDF XMP";

/** One label as found in one place, normalised for decisions but with every literal value kept. */
export interface LabelRecord {
  /** Label GUID, lower-case, no braces. For a LabelInfo removal record this is the tenant GUID. */
  labelId: string;
  /** Tenant GUID, lower-case, no braces. */
  siteId: string;
  enabled: boolean;
  /** Legacy `Extended_MSFT_Method=Automatic` reads as `Standard`; absent or unknown → null. */
  method: AssignmentMethod | null;
  /** The SetDate value literally as found (several date dialects exist; see {@link parseSetDate}). */
  setDate: string | null;
  /** The label's Name (an id-like name, not its display name). */
  name: string | null;
  contentBits: number | null;
  actionId: string | null;
  /** Only LabelInfo records a deliberate removal (`removed="1"`); false everywhere else. */
  removed: boolean;
  /**
   * Every attribute literally as found, keyed by its canonical suffix (`Enabled`, `SiteId`, `Method`,
   * `SetDate`, `Name`, `ContentBits`, `ActionId`, `Owner`, `Application`, `Extended_MSFT_Method`, `Tag`;
   * LabelInfo adds `Id` and `Removed`); unknown attributes keep their original spelling.
   */
  attributes: Record<string, string>;
  source: LabelSource;
}

/** What an encoder needs to write one label with the full key set (docs/reference/label-metadata.md §6 rule 3). */
export interface LabelWrite {
  labelId: string;
  siteId: string;
  method: AssignmentMethod;
  /** The label's Name, not its display name. */
  name: string;
  /** The markings really inserted: 0x1 header, 0x2 footer, 0x4 watermark, 0x8 encryption. */
  contentBits: number;
  /** A Date is written as `YYYY-MM-DDTHH:MM:SSZ`; a string must be a date {@link parseSetDate} reads. */
  setDate: Date | string;
  /** A new GUID for every change. */
  actionId: string;
}

/** Label metadata that cannot be read or written safely. `where` names the place, the message says what. */
export class MetadataFormatError extends Error {
  constructor(
    readonly where: string,
    message: string,
  ) {
    super(`${where}: ${message}`);
    this.name = "MetadataFormatError";
  }
}

/** Quote untrusted text in an error message without letting a huge or multi-line value through. */
export function quoteForError(value: string, max = 60): string {
  const shown = value.length > max ? `${value.slice(0, max)}…` : value;
  return JSON.stringify(shown) + (value.length > max ? ` (${value.length} chars)` : "");
}

/** `digits.padStart(width, "0")`; padStart is ES2017, newer than classic Outlook's runtime. */
export function zeroPad(digits: string, width: number): string {
  return digits.length >= width ? digits : "0".repeat(width - digits.length) + digits;
}

function pad(n: number, width: number): string {
  return zeroPad(String(n), width);
}

/** The SetDate spelling Office writes today: UTC, whole seconds, `Z`. */
export function formatSetDate(d: Date): string {
  const time = d.getTime();
  if (Number.isNaN(time)) throw new MetadataFormatError("SetDate", "the date is invalid");
  const year = d.getUTCFullYear();
  if (year < 0 || year > 9999) {
    throw new MetadataFormatError("SetDate", `year ${year} cannot be written as four digits`);
  }
  return (
    `${pad(year, 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}` +
    `T${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}Z`
  );
}

// Fixed-width fields and bounded quantifiers only: matching time is linear in the input.
const SET_DATE =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Reads the SetDate dialects seen in the wild: `2018-11-08T21:13:16-0800` (MIP SDK docs),
 * `2022-10-03T18:32:59Z` (Office, Outlook), `2020-04-12T03:33:41.1453932Z` (old AIP client), plus
 * `±HH:MM` offsets. Fractions finer than a millisecond are truncated. Anything else → null.
 */
export function parseSetDate(s: string): Date | null {
  if (s.length > 40) return null;
  const m = SET_DATE.exec(s.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const millis = m[7] ? Number(`${m[7]}00`.slice(0, 3)) : 0;
  let offsetMinutes = 0;
  if (!m[8]) {
    const offsetHours = Number(m[10]);
    const offsetMins = Number(m[11]);
    if (offsetHours > 23 || offsetMins > 59) return null;
    offsetMinutes = (m[9] === "-" ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  utc.setUTCHours(hour, minute, second, millis);
  return new Date(utc.getTime() - offsetMinutes * 60_000);
}
