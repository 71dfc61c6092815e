/**
 * Label markings in Word that Labelbridge did not write, removed when a label is written:
 *
 * - Office's own: Office's built-in labeling puts its header, footer and watermark marks in shapes
 *   named after the MIP SDK's UI element names, which start with `MSIPCM` (content marking:
 *   header, footer — e.g. "MSIPCM_v1_header" in Graph's evaluateApplication example, and
 *   `MSIPCMContentMarking` in PowerPoint) or `MSIPWM` (watermark, "MSIPWM_v1_main"). What we rely
 *   on is that prefix, case-insensitively, on a shape in a header or footer (docs/coexistence.md).
 * - Other tools': shapes whose name starts with a name the admin lists, and header/footer
 *   paragraphs whose text matches the admin's patterns (policy settings.externalMarkingRemoval, the
 *   role of AIP's WordShapeNameToRemove and ExternalContentMarkingToRemove).
 *
 * Shapes need WordApiDesktop 1.2 (`Body.shapes`, `Shape.name`, `Shape.delete`); where Word lacks it
 * (Word on the web) no shape can be reached and the adapter says so.
 */
import { textMatchers } from "./foreignText";
import { WORD_STORIES } from "./wordMarking";

export const OFFICE_MARK_SHAPE_PREFIXES = ["MSIPCM", "MSIPWM"] as const;

export type WordStoryType = (typeof WORD_STORIES)[number];

export interface ForeignMarkRemoval {
  /** Shape name prefixes beyond Office's own. */
  shapeNames: readonly string[];
  textPatterns: readonly string[];
}

/** Whether a header/footer shape is a label mark to remove: Office's, or one the admin named. */
export function isForeignMarkShape(name: string, extra: readonly string[]): boolean {
  const n = name.trim().toLowerCase();
  return [...OFFICE_MARK_SHAPE_PREFIXES, ...extra].some((p) => p !== "" && n.startsWith(p.toLowerCase()));
}

/** Every header and footer body of the first `sections` sections, reached without a loaded collection. */
export function headerFooterBodies(context: Word.RequestContext, sections: number): Word.Body[] {
  const bodies: Word.Body[] = [];
  let section = context.document.sections.getFirst();
  for (let i = 0; i < sections; i++) {
    if (i > 0) section = section.getNext();
    for (const story of WORD_STORIES) bodies.push(section.getHeader(story), section.getFooter(story));
  }
  return bodies;
}

/**
 * Loads what a write must remove in this run's first sync and queues the deletions: shapes (where
 * `shapes` is true) and paragraphs whose text matches. Returns how many it queued.
 */
export async function queueRemoveForeignMarks(
  context: Word.RequestContext,
  sections: number,
  removal: ForeignMarkRemoval,
  shapes: boolean,
): Promise<number> {
  const matchers = textMatchers(removal.textPatterns);
  if (!shapes && matchers.length === 0) return 0;
  const bodies = headerFooterBodies(context, sections);
  const shapeLists = shapes ? bodies.map((b) => b.shapes.load("items/id,items/name")) : [];
  const paragraphLists = matchers.length > 0 ? bodies.map((b) => b.paragraphs.load("items/text")) : [];
  await context.sync();
  let queued = 0;
  for (const list of shapeLists)
    for (const shape of list.items)
      if (isForeignMarkShape(shape.name, removal.shapeNames)) {
        shape.delete();
        queued++;
      }
  for (const list of paragraphLists)
    for (const paragraph of list.items)
      if (matchers.some((m) => m.test(paragraph.text.trim()))) {
        paragraph.delete();
        queued++;
      }
  return queued;
}
