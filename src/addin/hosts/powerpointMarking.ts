/**
 * Label marks in PowerPoint: each mark is a text box on every slide layout, so every slide shows it
 * whichever layout it uses (a layout may hide its master's graphics, never its own shapes). A label
 * change deletes the label marks found by the last read and adds the new ones, so marks are
 * replaced, never duplicated, and the author's shapes are never touched.
 *
 * A label mark is a shape named `MSIPCMContentMarking`: the name Office gives the marking shapes it
 * writes on masters and layouts (docs/sideload-office.md, "PowerPoint markings"), so Office replaces our marks when it relabels
 * the file, and we replace its marks. Ours also carry the tag LABELBRIDGE_MARK (header, footer,
 * watermark), which says what each one is.
 */
import { CONTENT_BITS, type ResolvedMarking, type ResolvedTextMarking } from "../../core/marking";

export const PPT_MARK_NAME = "MSIPCMContentMarking";
/** Tag keys are stored in upper case by PowerPoint. */
export const PPT_MARK_TAG = "LABELBRIDGE_MARK";
export type PptMarkKind = "header" | "footer" | "watermark";

/** PowerPoint's default slide size (16:9) in points, where PowerPointApi 1.10's pageSetup is missing. */
export const DEFAULT_SLIDE = { width: 960, height: 540 } as const;
/** Space left and right of a header or footer text box, in points. */
const SIDE_MARGIN = 18;
/** Distance from the top or bottom edge when the label names no margin (Purview's minimum). */
const DEFAULT_EDGE_MARGIN = 15;

export interface SlideSize {
  width: number;
  height: number;
}

/** One slide layout (or master) as the last read found it: the ids of the label marks on it. */
export interface PptSurfaceRef {
  masterId: string;
  /** Absent for the master itself. */
  layoutId?: string;
  marks: string[];
}

export interface PptMarkShape {
  kind: PptMarkKind;
  text: string;
  fontName: string;
  fontSize: number;
  fontColor: string;
  alignment: "Left" | "Center" | "Right";
  left: number;
  top: number;
  width: number;
  height: number;
  /** Degrees; set only where the host has Shape.rotation (PowerPointApi 1.10). */
  rotation?: number;
}

export interface PptMarkingPlan {
  /** What goes on every layout. */
  shapes: PptMarkShape[];
  /** ContentBits of exactly the marks above. */
  contentBits: number;
}

/** Whether a shape is a label mark (ours or Office's), by its name. */
export function isLabelMark(name: string): boolean {
  return name === PPT_MARK_NAME;
}

function lineHeight(fontSize: number, lines: number): number {
  return Math.ceil(fontSize * 1.2 * lines + 10);
}

function textShape(kind: "header" | "footer", mark: ResolvedTextMarking, slide: SlideSize): PptMarkShape {
  const lines = mark.text.split(/\r\n|\r|\n/).length;
  const height = lineHeight(mark.fontSize, lines);
  const edge = Math.max(mark.margin ?? DEFAULT_EDGE_MARGIN, 0);
  const top = kind === "header" ? edge : Math.max(0, slide.height - edge - height);
  return {
    kind,
    text: mark.text,
    fontName: mark.fontName,
    fontSize: mark.fontSize,
    fontColor: mark.fontColor,
    alignment: mark.alignment,
    left: SIDE_MARGIN,
    top,
    width: Math.max(1, slide.width - 2 * SIDE_MARGIN),
    height,
  };
}

/**
 * The marks a label puts on every layout of a slide of `slide` size. A diagonal watermark is
 * turned 45° where the host can rotate shapes, and stays horizontal (but written) where it cannot.
 */
export function pptMarkingPlan(
  marking: ResolvedMarking,
  slide: SlideSize,
  canRotate: boolean,
): PptMarkingPlan {
  const shapes: PptMarkShape[] = [];
  let contentBits = 0;
  if (marking.header) {
    shapes.push(textShape("header", marking.header, slide));
    contentBits |= CONTENT_BITS.header;
  }
  if (marking.footer) {
    shapes.push(textShape("footer", marking.footer, slide));
    contentBits |= CONTENT_BITS.footer;
  }
  const w = marking.watermark;
  if (w) {
    const width = Math.round(slide.width * 0.9);
    const height = lineHeight(w.fontSize, 1);
    const shape: PptMarkShape = {
      kind: "watermark",
      text: w.text,
      fontName: w.fontName,
      fontSize: w.fontSize,
      fontColor: w.fontColor,
      alignment: "Center",
      left: Math.round((slide.width - width) / 2),
      top: Math.round((slide.height - height) / 2),
      width,
      height,
    };
    if (canRotate && w.layout === "Diagonal") shape.rotation = 315;
    shapes.push(shape);
    contentBits |= CONTENT_BITS.watermark;
  }
  return { shapes, contentBits };
}

/** Queues one mark on a layout's shapes: a named, tagged text box in the label's font. */
export function queueAddMark(shapes: PowerPoint.ShapeCollection, mark: PptMarkShape): void {
  const box = shapes.addTextBox(mark.text, {
    left: mark.left,
    top: mark.top,
    width: mark.width,
    height: mark.height,
  });
  box.name = PPT_MARK_NAME;
  box.tags.add(PPT_MARK_TAG, mark.kind);
  if (mark.rotation !== undefined) box.rotation = mark.rotation;
  const frame = box.textFrame;
  frame.wordWrap = true;
  frame.verticalAlignment = mark.kind === "footer" ? "Bottom" : mark.kind === "header" ? "Top" : "Middle";
  const range = frame.textRange;
  range.font.name = mark.fontName;
  range.font.size = mark.fontSize;
  range.font.color = mark.fontColor;
  range.paragraphFormat.horizontalAlignment = mark.alignment;
}
