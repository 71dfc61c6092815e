/**
 * The presentation a fake PowerPoint host works on: slide masters with their layouts, each with
 * shapes (the author's, and marking text boxes), slides with shapes, the slide size (pageSetup,
 * PowerPointApi 1.10) and custom properties (PowerPointApi 1.7).
 */
import { type PropertyStore, propertiesFrom, propertyMapOf } from "../document/customProperties";

export type ShapeType = "TextBox" | "GeometricShape" | "Placeholder" | "Image" | "Table" | "Group";

export interface ShapeModel {
  id: string;
  name: string;
  type: ShapeType;
  /** Text of a shape with a text frame; images and groups have none. */
  text: string | null;
  left: number;
  top: number;
  width: number;
  height: number;
  rotation: number;
  font: { name: string | null; size: number | null; color: string | null };
  horizontalAlignment: string;
  verticalAlignment: string;
  wordWrap: boolean;
  /** Keys as PowerPoint stores them: upper case. */
  tags: Record<string, string>;
  deleted: boolean;
}

export interface LayoutModel {
  id: string;
  name: string;
  shapes: ShapeModel[];
  deleted: boolean;
}

export interface MasterModel {
  id: string;
  name: string;
  shapes: ShapeModel[];
  layouts: LayoutModel[];
  deleted: boolean;
}

export interface SlideModel {
  id: string;
  shapes: ShapeModel[];
  deleted: boolean;
}

export interface PresentationModel extends PropertyStore {
  masters: MasterModel[];
  slides: SlideModel[];
  slideWidth: number;
  slideHeight: number;
  nextId: number;
}

export interface ShapeSpec {
  name?: string;
  type?: ShapeType;
  text?: string | null;
  tags?: Record<string, string>;
}

export interface LayoutSpec {
  name?: string;
  shapes?: ShapeSpec[];
}

export interface MasterSpec {
  name?: string;
  shapes?: ShapeSpec[];
  layouts?: LayoutSpec[];
}

export interface PresentationSpec {
  masters?: MasterSpec[];
  /** Each slide as its shapes' texts (or shape specs). */
  slides?: Array<Array<string | ShapeSpec>>;
  properties?: Record<string, string | number | boolean | Date>;
  slideWidth?: number;
  slideHeight?: number;
  /** PowerPoint keeps string values of at most 255 characters; null = keep all. */
  truncateStringsAt?: number | null;
}

export function shapeModel(model: { nextId: number }, spec: ShapeSpec): ShapeModel {
  const type = spec.type ?? "TextBox";
  const hasText = type !== "Image" && type !== "Group";
  return {
    id: String(model.nextId++),
    name: spec.name ?? `${type} ${model.nextId}`,
    type,
    text: hasText ? (spec.text ?? "") : null,
    left: 0,
    top: 0,
    width: 100,
    height: 20,
    rotation: 0,
    font: { name: "Calibri", size: 18, color: "#000000" },
    horizontalAlignment: "Left",
    verticalAlignment: "Top",
    wordWrap: true,
    tags: Object.fromEntries(Object.entries(spec.tags ?? {}).map(([k, v]) => [k.toUpperCase(), v])),
    deleted: false,
  };
}

const DEFAULT_LAYOUTS: LayoutSpec[] = [
  { name: "Title Slide", shapes: [{ name: "Title 1", type: "Placeholder" }] },
  { name: "Title and Content", shapes: [{ name: "Title 1", type: "Placeholder" }] },
  { name: "Blank" },
];

export function presentation(spec: PresentationSpec = {}): PresentationModel {
  const model: PresentationModel = {
    masters: [],
    slides: [],
    slideWidth: spec.slideWidth ?? 960,
    slideHeight: spec.slideHeight ?? 540,
    properties: propertiesFrom(spec.properties),
    truncateStringsAt: spec.truncateStringsAt === undefined ? 255 : spec.truncateStringsAt,
    nextId: 2,
  };
  const masters = spec.masters ?? [{ name: "Office Theme" }];
  masters.forEach((m, i) => {
    const masterId = `2147483${String(648 + i * 100)}`;
    model.masters.push({
      id: masterId,
      name: m.name ?? `Master ${i + 1}`,
      shapes: (m.shapes ?? []).map((s) => shapeModel(model, s)),
      layouts: (m.layouts ?? DEFAULT_LAYOUTS).map((l, j) => ({
        id: `${2147483649 + i * 100 + j}`,
        name: l.name ?? `Layout ${j + 1}`,
        shapes: (l.shapes ?? []).map((s) => shapeModel(model, s)),
        deleted: false,
      })),
      deleted: false,
    });
  });
  (spec.slides ?? [["Quarterly review"]]).forEach((shapes, i) => {
    model.slides.push({
      id: `${256 + i}#`,
      shapes: shapes.map((s) => shapeModel(model, typeof s === "string" ? { text: s } : s)),
      deleted: false,
    });
  });
  return model;
}

export function propertyMap(model: PresentationModel): Record<string, string> {
  return propertyMapOf(model);
}

/** Every layout of every master, in order. */
export function allLayouts(model: PresentationModel): LayoutModel[] {
  return model.masters.flatMap((m) => m.layouts);
}

/** A layout's marking text boxes as a test reads them: kind tag, text, font, position. */
export function marksOn(layout: { shapes: ShapeModel[] }): ShapeModel[] {
  return layout.shapes.filter((s) => s.name === "MSIPCMContentMarking");
}
