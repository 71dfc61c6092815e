/**
 * The PowerPoint adapter. The label lives in `MSIP_Label_*` custom properties (PowerPointApi 1.7,
 * `presentation.properties.customProperties`), written with the same codec as Word's and Excel's
 * (documentLabel.ts); markings are text boxes on every slide layout (powerpointMarking.ts).
 *
 * Round trips (counted by the tests through the fake host):
 * - readLabel: 3 syncs (properties, masters and slide size; each master's layouts and shapes; each
 *   layout's shapes). PowerPoint.js loads no collection inside a collection in one call.
 * - applyPlan after readLabel: 1 sync (delete the label marks found, add the new ones, remove our
 *   stale keys, set the full key set, and load the result for verification and the next change).
 *   A layout or master added between the two: the write says so and one fresh read + write repairs it.
 * - readText: 3 syncs (slides, their shapes, the text of those that hold text).
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
  DEFAULT_SLIDE,
  isLabelMark,
  pptMarkingPlan,
  queueAddMark,
  type PptSurfaceRef,
  type SlideSize,
} from "./powerpointMarking";
import type { HostCapabilities } from "./types";

export interface PowerPointHostOptions extends DocumentHostOptions {
  /** Defaults to the global `PowerPoint`. */
  powerpoint?: typeof PowerPoint;
}

export interface PowerPointSnapshot extends DocumentSnapshot {
  slide: SlideSize;
  /** Every master and layout, with the label marks on it. */
  surfaces: PptSurfaceRef[];
  /** False when the write found masters or layouts it did not know: read again before writing. */
  complete: boolean;
}

/** Shape types whose text the detectors read. */
const TEXT_SHAPES = new Set(["TextBox", "GeometricShape", "Placeholder", "Callout"]);
const MAX_SLIDES = 500;

type Ctx = PowerPoint.RequestContext;

type SurfaceId = Omit<PptSurfaceRef, "marks">;

/** Each master followed by its layouts, in PowerPoint's order (a loop: no flatMap in ES2016 bundles). */
function surfacesOf(
  lists: ReadonlyArray<{ id: string; layouts: PowerPoint.SlideLayoutCollection }>,
): SurfaceId[] {
  const out: SurfaceId[] = [];
  for (const { id, layouts } of lists) {
    out.push({ masterId: id });
    for (const layout of layouts.items) out.push({ masterId: id, layoutId: layout.id });
  }
  return out;
}

function structure(surfaces: ReadonlyArray<SurfaceId>): string {
  return surfaces.map((s) => `${s.masterId}/${s.layoutId ?? ""}`).join("\n");
}

export class PowerPointHost extends DocumentHost<PowerPointSnapshot> implements DocumentLabelingHost {
  readonly kind = "PowerPoint" as const;
  // Marks are deleted by id and the write verifies the structure it wrote to, so a snapshot of any
  // age may be written from; a deleted shape fails the batch and the write is retried from a read.
  protected readonly maxSnapshotAgeMs = Number.POSITIVE_INFINITY;
  protected readonly labelApi = { set: "PowerPointApi", version: "1.7" };

  constructor(private readonly pptOptions: PowerPointHostOptions = {}) {
    super(pptOptions);
  }

  private get powerpoint(): typeof PowerPoint {
    return this.pptOptions.powerpoint ?? PowerPoint;
  }

  private supports(version: string): boolean {
    return this.office.context.requirements.isSetSupported("PowerPointApi", version);
  }

  async capabilities(): Promise<HostCapabilities> {
    // 1.7 brings the properties; the shapes and layouts the marks need came in 1.3 and 1.4.
    const labels = this.supports("1.7");
    return {
      nativeLabels: false,
      canWriteLabel: labels && !this.readOnly(),
      headerFooterMarking: labels,
      watermark: labels,
      subjectMarking: false,
      bodyMarkingOnSend: false,
      internetHeaders: false,
    };
  }

  /** Properties, masters and the slide size (PowerPointApi 1.10), queued in one batch. */
  private queueTop(context: Ctx) {
    const properties = context.presentation.properties.customProperties.load("items/key,items/value");
    const masters = context.presentation.slideMasters.load("items/id");
    const page = this.supports("1.10") ? context.presentation.pageSetup.load("slideWidth,slideHeight") : null;
    return () => ({
      properties: propertyEntries(properties.items),
      masterIds: masters.items.map((m) => m.id),
      slide: page ? { width: page.slideWidth, height: page.slideHeight } : { ...DEFAULT_SLIDE },
    });
  }

  /** Queues loads of every layout's (and master's) shapes, once the ids are known. */
  private queueShapes(context: Ctx, surfaces: ReadonlyArray<SurfaceId>) {
    const masters = context.presentation.slideMasters;
    const loads = surfaces.map((s) => {
      const master = masters.getItem(s.masterId);
      const owner = s.layoutId === undefined ? master : master.layouts.getItem(s.layoutId);
      return { surface: s, shapes: owner.shapes.load("items/id,items/name") };
    });
    return (): PptSurfaceRef[] =>
      loads.map(({ surface, shapes }) => ({
        ...surface,
        marks: shapes.items.filter((shape) => isLabelMark(shape.name)).map((shape) => shape.id),
      }));
  }

  protected async readSnapshot(): Promise<PowerPointSnapshot> {
    return this.powerpoint.run(async (context) => {
      const top = this.queueTop(context);
      await context.sync();
      const { properties, masterIds, slide } = top();
      const masters = context.presentation.slideMasters;
      const layouts = masterIds.map((id) => ({ id, layouts: masters.getItem(id).layouts.load("items/id") }));
      await context.sync();
      const shapes = this.queueShapes(context, surfacesOf(layouts));
      await context.sync();
      return { properties, slide, surfaces: shapes(), complete: true, takenAt: this.now() };
    });
  }

  protected async writePlan(
    given: PowerPointSnapshot,
    plan: LabelPlan,
  ): Promise<WriteOutcome<PowerPointSnapshot>> {
    const snapshot = given.complete ? given : await this.readSnapshot();
    const marking = pptMarkingPlan(plan.marking, snapshot.slide, this.supports("1.10"));
    const update = propertyUpdate(snapshot.properties, plan.siteId, plan, marking.contentBits);
    return this.powerpoint.run(async (context) => {
      const masters = context.presentation.slideMasters;
      // Marks first: if the batch fails half way, the label keys still describe the old marks.
      for (const surface of snapshot.surfaces) {
        const master = masters.getItem(surface.masterId);
        const owner = surface.layoutId === undefined ? master : master.layouts.getItem(surface.layoutId);
        for (const id of surface.marks) owner.shapes.getItem(id).delete();
        if (surface.layoutId !== undefined)
          for (const mark of marking.shapes) queueAddMark(owner.shapes, mark);
      }
      queuePropertyUpdate(context.presentation.properties.customProperties, update);
      const top = this.queueTop(context);
      const layoutLists = [...new Set(snapshot.surfaces.map((s) => s.masterId))].map((id) => ({
        id,
        layouts: masters.getItem(id).layouts.load("items/id"),
      }));
      const shapes = this.queueShapes(context, snapshot.surfaces);
      await context.sync();
      const after = top();
      const surfaces = shapes();
      const complete =
        structure(surfacesOf(layoutLists)) === structure(snapshot.surfaces) &&
        after.masterIds.join("\n") === layoutLists.map((l) => l.id).join("\n");
      const expected = marking.shapes.length;
      const marksOk = surfaces.every((s) => s.marks.length === (s.layoutId === undefined ? 0 : expected));
      const state: PowerPointSnapshot = {
        properties: after.properties,
        slide: after.slide,
        surfaces,
        complete,
        takenAt: this.now(),
      };
      return {
        result: { nativeLabelSet: false, contentBits: marking.contentBits, warnings: [] },
        after: state,
        needsRepair: !complete || !marksOk || !propertiesMatch(state.properties, plan.siteId, update),
      };
    });
  }

  async readText(maxChars: number): Promise<string> {
    const limit = Math.max(0, Math.floor(maxChars));
    if (limit === 0) return "";
    return this.powerpoint.run(async (context) => {
      const slides = context.presentation.slides.load({ $top: MAX_SLIDES, id: true });
      await context.sync();
      const shapeLists = slides.items.map((s) => s.shapes.load("items/id,items/type"));
      await context.sync();
      const ranges: PowerPoint.TextRange[] = [];
      for (const list of shapeLists)
        for (const shape of list.items)
          if (TEXT_SHAPES.has(String(shape.type))) ranges.push(shape.textFrame.textRange.load("text"));
      await context.sync();
      return textUpTo(
        ranges.map((range) => range.text),
        limit,
      );
    });
  }
}
