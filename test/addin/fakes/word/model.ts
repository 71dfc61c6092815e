/**
 * The document a fake Word host works on: sections with their own body, three headers and three
 * footers (Office.js `getHeader`/`getFooter` give every section its own story — calling them on a
 * "linked to previous" section materialises a separate header, see office-js issues #272 and
 * #1904), paragraphs, content controls and custom document properties.
 */
import { type PropertyStore, propertiesFrom, propertyMapOf } from "../document/customProperties";

export type { CustomPropertyModel, CustomPropertyType } from "../document/customProperties";

export type HeaderFooterType = "Primary" | "FirstPage" | "EvenPages";
export const HEADER_FOOTER_TYPES: readonly HeaderFooterType[] = ["Primary", "FirstPage", "EvenPages"];
export type Alignment = "Left" | "Centered" | "Right" | "Justified";
export type BodyType = "MainDoc" | "Header" | "Footer";

export interface FontModel {
  name: string;
  size: number;
  color: string;
}

export interface ParagraphModel {
  kind: "paragraph";
  text: string;
  alignment: Alignment;
  font: FontModel;
  /** OOXML inserted into this paragraph (shapes such as a watermark), verbatim. */
  ooxml: string[];
  parent: BodyModel | ContentControlModel | null;
  deleted: boolean;
}

export interface ContentControlModel {
  kind: "contentControl";
  id: number;
  tag: string;
  title: string;
  appearance: "BoundingBox" | "Tags" | "Hidden";
  cannotDelete: boolean;
  cannotEdit: boolean;
  font: FontModel;
  children: ParagraphModel[];
  parent: BodyModel | null;
  deleted: boolean;
}

export type Block = ParagraphModel | ContentControlModel;

/**
 * A shape anchored in a story (WordApiDesktop 1.2 `Word.Shape`): what Office's own label marking
 * is in Word — a text box named `MSIPCM…` in a header or footer — or another tool's shape.
 */
export interface ShapeModel {
  id: number;
  name: string;
  type: "TextBox" | "GeometricShape" | "Picture";
  text: string;
  deleted: boolean;
}

export interface ShapeSpec {
  name: string;
  text?: string;
  type?: ShapeModel["type"];
}

export interface BodyModel {
  kind: "body";
  type: BodyType;
  blocks: Block[];
  shapes: ShapeModel[];
}

export interface SectionModel {
  body: BodyModel;
  headers: Record<HeaderFooterType, BodyModel>;
  footers: Record<HeaderFooterType, BodyModel>;
  deleted: boolean;
}

export interface WordDocumentModel extends PropertyStore {
  sections: SectionModel[];
  nextContentControlId: number;
}

export function defaultFont(): FontModel {
  return { name: "Calibri", size: 11, color: "#000000" };
}

export function paragraph(
  text: string,
  parent: BodyModel | ContentControlModel | null = null,
): ParagraphModel {
  return {
    kind: "paragraph",
    text,
    alignment: "Left",
    font: defaultFont(),
    ooxml: [],
    parent,
    deleted: false,
  };
}

let nextShapeId = 1;

export function shape(spec: ShapeSpec): ShapeModel {
  return {
    id: nextShapeId++,
    name: spec.name,
    type: spec.type ?? "TextBox",
    text: spec.text ?? "",
    deleted: false,
  };
}

export function body(type: BodyType, texts: string[] = [""], shapes: ShapeSpec[] = []): BodyModel {
  const b: BodyModel = { kind: "body", type, blocks: [], shapes: shapes.map(shape) };
  // Word keeps at least one paragraph in every story.
  for (const t of texts.length > 0 ? texts : [""]) b.blocks.push(paragraph(t, b));
  return b;
}

export interface SectionSpec {
  body?: string[];
  headers?: Partial<Record<HeaderFooterType, string[]>>;
  footers?: Partial<Record<HeaderFooterType, string[]>>;
  /** Shapes anchored in the headers / footers (Office's own label marks are such shapes). */
  headerShapes?: Partial<Record<HeaderFooterType, ShapeSpec[]>>;
  footerShapes?: Partial<Record<HeaderFooterType, ShapeSpec[]>>;
}

export function section(spec: SectionSpec = {}): SectionModel {
  const stories = (
    type: BodyType,
    texts: Partial<Record<HeaderFooterType, string[]>> | undefined,
    shapes: Partial<Record<HeaderFooterType, ShapeSpec[]>> | undefined,
  ) =>
    ({
      Primary: body(type, texts?.Primary, shapes?.Primary),
      FirstPage: body(type, texts?.FirstPage, shapes?.FirstPage),
      EvenPages: body(type, texts?.EvenPages, shapes?.EvenPages),
    }) as Record<HeaderFooterType, BodyModel>;
  return {
    body: body("MainDoc", spec.body),
    headers: stories("Header", spec.headers, spec.headerShapes),
    footers: stories("Footer", spec.footers, spec.footerShapes),
    deleted: false,
  };
}

export interface WordDocumentSpec {
  sections?: SectionSpec[];
  properties?: Record<string, string | number | boolean | Date>;
  truncateStringsAt?: number | null;
}

export function wordDocument(spec: WordDocumentSpec = {}): WordDocumentModel {
  return {
    sections: (spec.sections ?? [{}]).map(section),
    properties: propertiesFrom(spec.properties),
    nextContentControlId: 1000,
    truncateStringsAt: spec.truncateStringsAt === undefined ? 255 : spec.truncateStringsAt,
  };
}

// ---------------------------------------------------------------------------------------------
// Reading the model back, for assertions.

export function paragraphsOf(b: BodyModel): ParagraphModel[] {
  return b.blocks.flatMap((block) => (block.kind === "paragraph" ? [block] : block.children));
}

export function contentControlsOf(b: BodyModel): ContentControlModel[] {
  return b.blocks.filter((block): block is ContentControlModel => block.kind === "contentControl");
}

export function storyText(b: BodyModel): string[] {
  return paragraphsOf(b).map((p) => p.text);
}

export function allStories(doc: WordDocumentModel): BodyModel[] {
  return doc.sections.flatMap((s) => [
    s.body,
    ...HEADER_FOOTER_TYPES.map((t) => s.headers[t]),
    ...HEADER_FOOTER_TYPES.map((t) => s.footers[t]),
  ]);
}

export function allContentControls(doc: WordDocumentModel): ContentControlModel[] {
  return allStories(doc).flatMap(contentControlsOf);
}

export function propertyMap(doc: WordDocumentModel): Record<string, string> {
  return propertyMapOf(doc);
}

/** Shape names left in a story (deleted ones gone). */
export function shapeNames(b: BodyModel): string[] {
  return b.shapes.filter((x) => !x.deleted).map((x) => x.name);
}
