/**
 * Label markings in Word: each mark is a paragraph inside OUR tagged content control, in every
 * section's primary, first-page and even-page header (header mark, watermark) or footer (footer
 * mark). A label change deletes our controls by id and inserts new ones, so marks are replaced,
 * never duplicated, and the author's own header and footer paragraphs are never touched. The
 * controls are locked (cannot edit/delete) so the mark stays what the label says; we unlock our own
 * before deleting them.
 */
import type { ResolvedMarking, ResolvedTextMarking } from "../../core/marking";
import { CONTENT_BITS } from "../../core/marking";
import type { HostWarning } from "./types";
import { wordWatermarkOoxml } from "./wordWatermark";

export const WORD_MARK_TAGS = {
  header: "labelbridge:marking:header",
  footer: "labelbridge:marking:footer",
  watermark: "labelbridge:marking:watermark",
} as const;
export type WordMarkKind = keyof typeof WORD_MARK_TAGS;
const KINDS: readonly WordMarkKind[] = ["header", "footer", "watermark"];

export const WORD_MARK_TITLE = "Sensitivity label marking";
export const WORD_STORIES = ["Primary", "FirstPage", "EvenPages"] as const;

/** One of our content controls as the last read found it. */
export interface WordMarkRef {
  id: number;
  kind: WordMarkKind;
}

const ALIGNMENT = { Left: "Left", Center: "Centered", Right: "Right" } as const;

/** Queues loads of our content controls (body, headers, footers); read the result after sync. */
export function queueMarkRefs(context: Word.RequestContext): () => WordMarkRef[] {
  const collections = KINDS.map((kind) => ({
    kind,
    controls: context.document.contentControls.getByTag(WORD_MARK_TAGS[kind]).load("items/id"),
  }));
  return () => {
    const refs: WordMarkRef[] = [];
    for (const { kind, controls } of collections)
      for (const c of controls.items) refs.push({ id: c.id, kind });
    return refs;
  };
}

/** Queues deletion of our content controls found by the last read. */
export function queueRemoveMarks(context: Word.RequestContext, refs: readonly WordMarkRef[]): void {
  for (const ref of refs) {
    const control = context.document.contentControls.getById(ref.id);
    control.cannotDelete = false;
    control.delete(false);
  }
}

/** Word's line break inside a paragraph: a mark stays one paragraph whatever its text holds. */
function singleParagraph(text: string): string {
  return text.replace(/\r\n|\r|\n/g, "\v");
}

function lock(control: Word.ContentControl, kind: WordMarkKind): void {
  control.tag = WORD_MARK_TAGS[kind];
  control.title = WORD_MARK_TITLE;
  control.appearance = "Hidden";
}

function queueTextMark(body: Word.Body, mark: ResolvedTextMarking, kind: "header" | "footer"): void {
  // The header mark goes above the author's header, the footer mark below the author's footer.
  const paragraph = body.insertParagraph(singleParagraph(mark.text), kind === "header" ? "Start" : "End");
  paragraph.alignment = ALIGNMENT[mark.alignment] ?? "Centered";
  const control = paragraph.insertContentControl();
  lock(control, kind);
  control.font.name = mark.fontName;
  control.font.size = mark.fontSize;
  control.font.color = mark.fontColor;
  control.cannotEdit = true;
  control.cannotDelete = true;
}

function queueWatermark(body: Word.Body, ooxml: string): void {
  const paragraph = body.insertParagraph("", "End");
  const control = paragraph.insertContentControl();
  lock(control, "watermark");
  control.insertOoxml(ooxml, "Replace");
  control.cannotEdit = true;
  control.cannotDelete = true;
}

export interface WordMarkingPlan {
  header?: ResolvedTextMarking;
  footer?: ResolvedTextMarking;
  watermarkOoxml?: string;
  /** ContentBits of exactly the marks this plan writes. */
  contentBits: number;
}

/** Which marks Word will write for a resolved marking; a watermark only where the host can. */
export function wordMarkingPlan(
  marking: ResolvedMarking,
  watermark: boolean,
): { plan: WordMarkingPlan; warnings: HostWarning[] } {
  const plan: WordMarkingPlan = { contentBits: 0 };
  const warnings: HostWarning[] = [];
  if (marking.header) {
    plan.header = marking.header;
    plan.contentBits |= CONTENT_BITS.header;
  }
  if (marking.footer) {
    plan.footer = marking.footer;
    plan.contentBits |= CONTENT_BITS.footer;
  }
  if (marking.watermark) {
    if (watermark) {
      plan.watermarkOoxml = wordWatermarkOoxml(marking.watermark, "PowerPlusWaterMarkObject");
      plan.contentBits |= CONTENT_BITS.watermark;
    } else {
      warnings.push({ code: "watermark-not-supported", app: "Word" });
    }
  }
  return { plan, warnings };
}

/** Number of content controls the plan puts into a document of `sections` sections. */
export function expectedMarkCount(plan: WordMarkingPlan, sections: number): number {
  const perStory = (plan.header ? 1 : 0) + (plan.footer ? 1 : 0) + (plan.watermarkOoxml ? 1 : 0);
  return perStory * WORD_STORIES.length * sections;
}

/**
 * Queues the marks into every section. Sections are reached with getFirst/getNext, which needs no
 * loaded collection, so this rides in the same batch as everything else.
 */
export function queueInsertMarks(
  context: Word.RequestContext,
  sections: number,
  plan: WordMarkingPlan,
): void {
  if (!plan.header && !plan.footer && !plan.watermarkOoxml) return;
  let section = context.document.sections.getFirst();
  for (let i = 0; i < sections; i++) {
    if (i > 0) section = section.getNext();
    for (const story of WORD_STORIES) {
      if (plan.header) queueTextMark(section.getHeader(story), plan.header, "header");
      if (plan.watermarkOoxml) queueWatermark(section.getHeader(story), plan.watermarkOoxml);
      if (plan.footer) queueTextMark(section.getFooter(story), plan.footer, "footer");
    }
  }
}
