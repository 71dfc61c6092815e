/**
 * Mail body marking text (a label's header/footer marking in the mail body). Where Outlook offers
 * `prependOnSendAsync`/`appendOnSendAsync` the text is added at send and a later call replaces it;
 * otherwise it is written at apply time between invisible markers (U+2063) so a later change finds
 * and replaces it instead of stacking a second one.
 */
import type { ResolvedTextMarking } from "../../core/marking/resolve";

export const MARK = "\u2063";
const MARK_ENTITY = "&#8291;";

export type BodyKind = "html" | "text";

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * HTML for one marking. No inline CSS (the on-send methods refuse it): `align` and `<font>` carry
 * the alignment, colour and face.
 */
export function markingHtml(m: ResolvedTextMarking, withMarkers: boolean): string {
  const mark = withMarkers ? MARK : "";
  const align = m.alignment.toLowerCase();
  return (
    `<p align="${align}"><font face="${escapeHtml(m.fontName)}" color="${m.fontColor}">` +
    `${mark}${escapeHtml(m.text)}${mark}</font></p>`
  );
}

export function markingText(m: ResolvedTextMarking, withMarkers: boolean): string {
  const mark = withMarkers ? MARK : "";
  return `${mark}${m.text}${mark}`;
}

/** What to write for a header (before the body) or footer (after it), or null for nothing. */
export function markingFor(
  m: ResolvedTextMarking | undefined,
  kind: BodyKind,
  withMarkers: boolean,
): string | null {
  if (!m) return null;
  return kind === "html" ? markingHtml(m, withMarkers) : markingText(m, withMarkers);
}

/** Removes marked blocks written by {@link replaceBodyMarking}; the person's own text stays. */
export function stripBodyMarking(body: string, kind: BodyKind): string {
  if (kind === "text") {
    // A marked line and its line break.
    return body.replace(/\u2063[^\u2063\n]{0,1100}\u2063(\r?\n)?/g, "");
  }
  // Clients may re-serialise the body (entity for the marker, <div> for <p>): search, don't pattern-match.
  let s = body.split(MARK_ENTITY).join(MARK);
  for (;;) {
    const open = s.indexOf(MARK);
    const close = open < 0 ? -1 : s.indexOf(MARK, open + 1);
    if (close < 0) return s;
    const lower = s.toLowerCase();
    const start = Math.max(lower.lastIndexOf("<p", open), lower.lastIndexOf("<div", open));
    const endP = lower.indexOf("</p>", close);
    const endDiv = lower.indexOf("</div>", close);
    const candidates = [endP >= 0 ? endP + 4 : -1, endDiv >= 0 ? endDiv + 6 : -1].filter((x) => x >= 0);
    const end = candidates.length > 0 ? Math.min(...candidates) : -1;
    s = start >= 0 && end > close ? s.slice(0, start) + s.slice(end) : s.slice(0, open) + s.slice(close + 1);
  }
}

/** The body with any earlier marking replaced by these (apply-time path). */
export function replaceBodyMarking(
  body: string,
  kind: BodyKind,
  header: ResolvedTextMarking | undefined,
  footer: ResolvedTextMarking | undefined,
): string {
  let out = stripBodyMarking(body, kind);
  const top = markingFor(header, kind, true);
  const bottom = markingFor(footer, kind, true);
  if (kind === "text") {
    if (top) out = `${top}\n${out}`;
    if (bottom) out = `${out.replace(/\s+$/, "")}\n${bottom}\n`;
    return out;
  }
  if (top) {
    const open = /<body\b[^>]{0,2000}>/i.exec(out);
    out = open
      ? out.slice(0, open.index + open[0].length) + top + out.slice(open.index + open[0].length)
      : top + out;
  }
  if (bottom) {
    const close = out.toLowerCase().lastIndexOf("</body>");
    out = close >= 0 ? out.slice(0, close) + bottom + out.slice(close) : out + bottom;
  }
  return out;
}
