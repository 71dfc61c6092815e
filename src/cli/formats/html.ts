/**
 * Text of an HTML mail body: scripts and styles dropped, block ends and cells kept as line breaks
 * and tabs so that a number in one cell does not run into the next, entities decoded.
 */
const NAMED: Record<string, string> = {
  nbsp: " ",
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  ndash: "–",
  mdash: "—",
  hellip: "…",
  euro: "€",
  pound: "£",
  copy: "©",
  reg: "®",
  shy: "",
  zwnj: "",
  zwj: "",
};

function codePoint(n: number): string {
  return n > 0 && n <= 0x10ffff && !(n >= 0xd800 && n <= 0xdfff) ? String.fromCodePoint(n) : "\ufffd";
}

export function decodeHtmlEntities(s: string): string {
  return s.replace(
    /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z]{2,8}));?/g,
    (whole, dec, hex, name: string | undefined) => {
      if (dec !== undefined) return codePoint(Number(dec));
      if (hex !== undefined) return codePoint(parseInt(hex as string, 16));
      const v = NAMED[(name as string).toLowerCase()];
      return v === undefined ? whole : v;
    },
  );
}

export function htmlToText(html: string): string {
  return decodeHtmlEntities(
    html
      .replace(/<!--[\s\S]*?-->/g, "")
      .replace(/<(script|style|head)\b[\s\S]*?<\/\1\s*>/gi, "")
      .replace(/<\/?(?:p|div|br|tr|li|h[1-6]|table|blockquote|pre|hr)\b[^>]*>/gi, "\n")
      .replace(/<\/?t[dh]\b[^>]*>/gi, "\t")
      .replace(/<[^>]*>/g, ""),
  );
}
