/**
 * The Word adapter. The label lives in `MSIP_Label_*` custom document properties (WordApi 1.3);
 * markings are our tagged content controls in every section's headers and footers (wordMarking.ts).
 *
 * Label markings Labelbridge did not write — Office's own, other tools' — go with every write
 * (wordForeignMarks.ts). LabelInfo.xml, where Office keeps labels first, is read from the document's
 * own bytes (documentHost.ts, documentFile.ts); Word.js has no sensitivity-label API outside its
 * preview (WordApi BETA, not in @types/office-js), so this adapter does not use one.
 *
 * Round trips (counted by the tests through the fake host):
 * - readLabel: 1 sync (properties, section count, our content controls), and the package read.
 * - applyPlan after readLabel: 1 sync (delete our old controls, insert the new marks, remove our
 *   stale keys, set the full key set, and load the resulting state for the next change); +1 sync
 *   first where Word has shapes (WordApiDesktop 1.2) or the policy names text to remove, to find
 *   the marks to delete. Without a snapshot: 1 read more. A section added meanwhile: +1 repair.
 * - readText: 1 sync.
 */
import type { LabelPlan } from "../../core/decide/types";
import {
  DocumentHost,
  type DocumentHostOptions,
  type DocumentLabelingHost,
  type DocumentSnapshot,
  type WriteOutcome,
  textUpTo,
} from "./documentHost";
import { propertiesMatch, propertyEntries, propertyUpdate, queuePropertyUpdate } from "./documentLabel";
import {
  type WordMarkRef,
  expectedMarkCount,
  queueInsertMarks,
  queueMarkRefs,
  queueRemoveMarks,
  wordMarkingPlan,
} from "./wordMarking";
import { queueRemoveForeignMarks } from "./wordForeignMarks";
import type { HostCapabilities, HostWarning } from "./types";

export interface WordHostOptions extends DocumentHostOptions {
  /** Defaults to the global `Word`. */
  word?: typeof Word;
  /**
   * Insert watermarks as a VML shape in the headers (default true). Word.js has no watermark API;
   * turn this off where the shape is not wanted and the pane will say the host has no watermark.
   */
  watermark?: boolean;
}

export interface WordSnapshot extends DocumentSnapshot {
  sectionCount: number;
  marks: WordMarkRef[];
}

/** Paragraphs read for detection: enough for `maxChars` of ordinary text, never the whole of a huge document. */
const MIN_CHARS_PER_PARAGRAPH = 20;
const MAX_PARAGRAPHS = 20_000;

export class WordHost extends DocumentHost<WordSnapshot> implements DocumentLabelingHost {
  readonly kind = "Word" as const;
  // A stale snapshot cannot clobber anyone's text in Word (we only delete our own controls by id and
  // add keys), and the write verifies itself, so any snapshot may be written from.
  protected readonly maxSnapshotAgeMs = Number.POSITIVE_INFINITY;
  protected readonly labelApi = { set: "WordApi", version: "1.3" };

  constructor(private readonly wordOptions: WordHostOptions = {}) {
    super(wordOptions);
  }

  private get word(): typeof Word {
    return this.wordOptions.word ?? Word;
  }

  /** Shapes in headers and footers, where Office keeps its own label marks (WordApiDesktop 1.2). */
  private shapesSupported(): boolean {
    return this.office.context.requirements.isSetSupported("WordApiDesktop", "1.2");
  }

  /**
   * Word without shapes cannot remove Office's own marks: said when the label replaced had marks
   * (its ContentBits) and none of them were ours.
   */
  private officeMarksKept(snapshot: WordSnapshot, siteId: string): HostWarning[] {
    if (this.shapesSupported() || snapshot.marks.length > 0) return [];
    const previous = this.previousState(snapshot, siteId);
    const record = previous.records.find(
      (r) => r.labelId === previous.current?.labelId && r.siteId === siteId,
    );
    return record?.contentBits ? [{ code: "office-marks-kept" }] : [];
  }

  private watermarkEnabled(): boolean {
    return (
      this.wordOptions.watermark !== false &&
      this.office.context.requirements.isSetSupported("WordApi", "1.1")
    );
  }

  async capabilities(): Promise<HostCapabilities> {
    const requirements = this.office.context.requirements;
    const properties = requirements.isSetSupported("WordApi", "1.3");
    return {
      nativeLabels: false,
      canWriteLabel: properties && !this.readOnly(),
      headerFooterMarking: requirements.isSetSupported("WordApi", "1.1"),
      watermark: this.watermarkEnabled(),
      subjectMarking: false,
      bodyMarkingOnSend: false,
      internetHeaders: false,
    };
  }

  /** Queues the loads of a snapshot; call the returned function after the sync. */
  private queueSnapshot(context: Word.RequestContext): () => WordSnapshot {
    const properties = context.document.properties.customProperties.load("items/key,items/value");
    const sections = context.document.sections.load("items");
    const marks = queueMarkRefs(context);
    return () => ({
      properties: propertyEntries(properties.items),
      sectionCount: sections.items.length,
      marks: marks(),
      takenAt: this.now(),
    });
  }

  protected async readSnapshot(): Promise<WordSnapshot> {
    return this.word.run(async (context) => {
      const snapshot = this.queueSnapshot(context);
      await context.sync();
      return snapshot();
    });
  }

  protected async writePlan(snapshot: WordSnapshot, plan: LabelPlan): Promise<WriteOutcome<WordSnapshot>> {
    const { plan: marking, warnings } = wordMarkingPlan(plan.marking, this.watermarkEnabled());
    const update = propertyUpdate(snapshot.properties, plan.siteId, plan, marking.contentBits);
    warnings.push(...this.officeMarksKept(snapshot, plan.siteId));
    const removal = {
      shapeNames: plan.markingRemoval?.wordShapeNames ?? [],
      textPatterns: plan.markingRemoval?.textPatterns ?? [],
    };
    return this.word.run(async (context) => {
      // Marks first: if the batch fails half way, the label keys still describe the old marks.
      queueRemoveMarks(context, snapshot.marks);
      // Office's and other tools' marks are found in a sync of their own (with ours already gone).
      await queueRemoveForeignMarks(context, snapshot.sectionCount, removal, this.shapesSupported());
      queueInsertMarks(context, snapshot.sectionCount, marking);
      queuePropertyUpdate(context.document.properties.customProperties, update);
      const after = this.queueSnapshot(context);
      await context.sync();
      const state = after();
      const marksOk = state.marks.length === expectedMarkCount(marking, state.sectionCount);
      const needsRepair =
        state.sectionCount !== snapshot.sectionCount ||
        !propertiesMatch(state.properties, plan.siteId, update);
      if (!marksOk && !needsRepair) {
        warnings.push({
          code: "word-mark-count",
          found: state.marks.length,
          expected: expectedMarkCount(marking, state.sectionCount),
        });
      }
      return {
        result: { nativeLabelSet: false, contentBits: marking.contentBits, warnings },
        after: state,
        needsRepair,
      };
    });
  }

  async readText(maxChars: number): Promise<string> {
    const limit = Math.max(0, Math.floor(maxChars));
    if (limit === 0) return "";
    const top = Math.min(MAX_PARAGRAPHS, Math.ceil(limit / MIN_CHARS_PER_PARAGRAPH));
    return this.word.run(async (context) => {
      const paragraphs = context.document.body.paragraphs.load({ text: true, $top: top });
      await context.sync();
      return textUpTo(
        paragraphs.items.map((p) => p.text),
        limit,
      );
    });
  }
}
