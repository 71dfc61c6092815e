/**
 * From a label's content-marking settings to the marks one app must write now.
 *
 * The result is also what the label's `ContentBits` is computed from, and ContentBits must tell the
 * truth: Office adds the marks a label claims are missing and trusts the ones it claims are present.
 * So a mark that is disabled, or whose text comes out empty for this app, is left out and sets no bit.
 */
import { resolveMarkingText } from "./template";
import {
  CONTENT_BITS,
  type ContentMarking,
  type MarkingAlignment,
  type MarkingContext,
  type TextMarking,
  type WatermarkLayout,
  type WatermarkMarking,
} from "./types";

/** Purview's default marking font, also what Office falls back to. */
export const DEFAULT_MARKING_FONT = "Calibri";

export interface ResolvedTextMarking {
  text: string;
  fontName: string;
  fontSize: number;
  /** `#RRGGBB`, upper case. */
  fontColor: string;
  alignment: MarkingAlignment;
  /** Points; absent when the label leaves it to the app. */
  margin?: number;
}

export interface ResolvedWatermark {
  text: string;
  fontName: string;
  fontSize: number;
  /** `#RRGGBB`, upper case. */
  fontColor: string;
  layout: WatermarkLayout;
}

export interface ResolvedMarking {
  header?: ResolvedTextMarking;
  footer?: ResolvedTextMarking;
  watermark?: ResolvedWatermark;
  /** CONTENT_BITS of exactly the marks above (the caller adds `encryption` for protected labels). */
  contentBits: number;
}

const COLOUR = /^#[0-9a-fA-F]{6}$/;

// Validation reports bad values; here they fall back so a flawed policy never breaks a host call.
function fontName(name: string | undefined): string {
  return name !== undefined && name.trim() !== "" ? name : DEFAULT_MARKING_FONT;
}

function fontColor(colour: string): string {
  return COLOUR.test(colour) ? colour.toUpperCase() : "#000000";
}

function resolvedText(mark: TextMarking | WatermarkMarking | undefined, ctx: MarkingContext): string | null {
  if (!mark || mark.enabled !== true || typeof mark.text !== "string") return null;
  const text = resolveMarkingText(mark.text, ctx);
  return text.trim() === "" ? null : text;
}

function textMarking(mark: TextMarking | undefined, ctx: MarkingContext): ResolvedTextMarking | undefined {
  const text = resolvedText(mark, ctx);
  if (text === null || !mark) return undefined;
  const out: ResolvedTextMarking = {
    text,
    fontName: fontName(mark.fontName),
    fontSize: mark.fontSize,
    fontColor: fontColor(mark.fontColor),
    alignment: mark.alignment,
  };
  if (mark.margin !== undefined) out.margin = mark.margin;
  return out;
}

/** The marks to write for `ctx.app`; `{ contentBits: 0 }` when the label marks nothing there. */
export function resolveContentMarking(m: ContentMarking | undefined, ctx: MarkingContext): ResolvedMarking {
  const out: ResolvedMarking = { contentBits: 0 };
  if (!m) return out;
  const header = textMarking(m.header, ctx);
  if (header) {
    out.header = header;
    out.contentBits |= CONTENT_BITS.header;
  }
  const footer = textMarking(m.footer, ctx);
  if (footer) {
    out.footer = footer;
    out.contentBits |= CONTENT_BITS.footer;
  }
  // Email has no watermark in any Office client.
  const watermarkText = ctx.app === "Outlook" ? null : resolvedText(m.watermark, ctx);
  if (watermarkText !== null && m.watermark) {
    out.watermark = {
      text: watermarkText,
      fontName: fontName(m.watermark.fontName),
      fontSize: m.watermark.fontSize,
      fontColor: fontColor(m.watermark.fontColor),
      layout: m.watermark.layout,
    };
    out.contentBits |= CONTENT_BITS.watermark;
  }
  return out;
}
