/**
 * Word's proxy objects over the fake document model: the subset of @types/office-js the adapter and
 * the tests use (document, sections, bodies, paragraphs, content controls, fonts, custom properties),
 * with office.js load/sync semantics from ../document/runtime.
 */
import { FakeCustomPropertyCollection } from "../document/customProperties";
import {
  type AnyClientObject,
  FakeClientObject,
  FakeCollection,
  FakeOfficeError,
  FakeRequestContext,
  type Schema,
} from "../document/runtime";
import {
  type Alignment,
  type BodyModel,
  type ContentControlModel,
  type FontModel,
  type HeaderFooterType,
  type ParagraphModel,
  type SectionModel,
  type ShapeModel,
  type WordDocumentModel,
  contentControlsOf,
  paragraph,
  paragraphsOf,
} from "./model";

const HEADER_FOOTER: readonly string[] = ["Primary", "FirstPage", "EvenPages"];
const ALIGNMENTS: readonly string[] = ["Left", "Centered", "Right", "Justified"];
const APPEARANCES: readonly string[] = ["BoundingBox", "Tags", "Hidden"];

function invalid(command: string, message: string): FakeOfficeError {
  return new FakeOfficeError("InvalidArgument", `${command}: ${message}`, command);
}

function isDeleted(block: ParagraphModel | ContentControlModel): boolean {
  if (block.deleted) return true;
  const parent = block.parent;
  return parent !== null && parent.kind === "contentControl" && parent.deleted;
}

/** Text of `<w:t>` runs in an OOXML fragment (shapes such as a watermark add none). */
function ooxmlText(ooxml: string): string {
  const out: string[] = [];
  const re = /<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g;
  for (let m = re.exec(ooxml); m; m = re.exec(ooxml)) out.push(m[1]);
  return out.join("");
}

export class WordRequestContext extends FakeRequestContext {
  constructor(
    runtime: FakeRequestContext["runtime"],
    readonly model: WordDocumentModel,
  ) {
    super(runtime);
  }
  private documentProxy: FakeDocument | null = null;
  /** The root object is valid in every batch that uses this context. */
  get document(): FakeDocument {
    if (!this.documentProxy || this.documentProxy.generation !== this.generation) {
      this.documentProxy = new FakeDocument(this, () => this.model);
    }
    return this.documentProxy;
  }
}

// ---------------------------------------------------------------------------------------------

const FONT_SCHEMA: Schema<FontModel> = {
  name: { get: (m) => m.name, set: (m, v) => (m.name = String(v)) },
  size: { get: (m) => m.size, set: (m, v) => (m.size = Number(v)) },
  color: { get: (m) => m.color, set: (m, v) => (m.color = String(v)) },
};

export class FakeFont extends FakeClientObject<FontModel> {
  protected override get typeName(): string {
    return "Word.Font";
  }
  protected get schema(): Schema<FontModel> {
    return FONT_SCHEMA;
  }
  get name(): string {
    return this.readScalar("name");
  }
  set name(v: string) {
    this.writeScalar("name", v);
  }
  get size(): number {
    return this.readScalar("size");
  }
  set size(v: number) {
    this.writeScalar("size", v);
  }
  get color(): string {
    return this.readScalar("color");
  }
  set color(v: string) {
    this.writeScalar("color", v);
  }
}

// ---------------------------------------------------------------------------------------------

const PARAGRAPH_SCHEMA: Schema<ParagraphModel> = {
  text: { get: (m) => m.text },
  alignment: {
    get: (m) => m.alignment,
    set: (m, v) => {
      if (!ALIGNMENTS.includes(String(v)))
        throw invalid("Word.Paragraph.alignment=", `unknown alignment ${String(v)}`);
      m.alignment = v as Alignment;
    },
  },
};

export class FakeParagraph extends FakeClientObject<ParagraphModel> {
  protected override get typeName(): string {
    return "Word.Paragraph";
  }
  protected get schema(): Schema<ParagraphModel> {
    return PARAGRAPH_SCHEMA;
  }
  get text(): string {
    return this.readScalar("text");
  }
  get alignment(): string {
    return this.readScalar("alignment");
  }
  set alignment(v: string) {
    this.writeScalar("alignment", v);
  }
  get font(): FakeFont {
    return this.nav(
      "font",
      () => new FakeFont(this.context, () => this.tryResolve()?.font ?? null, false, this),
    );
  }
  protected override navigation(name: string): AnyClientObject | null {
    return name === "font" ? this.font : null;
  }

  /** Wraps this paragraph in a new (rich text) content control. */
  insertContentControl(): FakeContentControl {
    const doc = (this.context as WordRequestContext).model;
    let created: ContentControlModel | null = null;
    this.call("insertContentControl", (p) => {
      const parent = p.parent;
      if (!parent || parent.kind !== "body") {
        throw new FakeOfficeError(
          "GeneralException",
          "Word.Paragraph.insertContentControl: nested content controls are not supported by this fake",
        );
      }
      const at = parent.blocks.indexOf(p);
      const cc: ContentControlModel = {
        kind: "contentControl",
        id: doc.nextContentControlId++,
        tag: "",
        title: "",
        appearance: "BoundingBox",
        cannotDelete: false,
        cannotEdit: false,
        font: { ...p.font },
        children: [p],
        parent,
        deleted: false,
      };
      p.parent = cc;
      parent.blocks.splice(at, 1, cc);
      created = cc;
    });
    return new FakeContentControl(this.context, () => created, false, this);
  }

  delete(): void {
    this.call("delete", (p) => {
      const parent = p.parent;
      if (parent?.kind === "contentControl" && parent.cannotEdit) {
        throw new FakeOfficeError(
          "AccessDenied",
          "Word.Paragraph.delete: the content control cannot be edited",
        );
      }
      const list = parent ? (parent.kind === "body" ? parent.blocks : parent.children) : [];
      list.splice(list.indexOf(p), 1);
      p.deleted = true;
      // Word keeps one paragraph in every story.
      if (parent?.kind === "body" && list.length === 0) list.push(paragraph("", parent));
    });
  }
}

export class FakeParagraphCollection extends FakeCollection<ParagraphModel, FakeParagraph> {
  protected override get typeName(): string {
    return "Word.ParagraphCollection";
  }
  protected makeItem(m: ParagraphModel): FakeParagraph {
    return new FakeParagraph(this.context, () => (isDeleted(m) ? null : m), false, this);
  }
}

// ---------------------------------------------------------------------------------------------

const CONTENT_CONTROL_SCHEMA: Schema<ContentControlModel> = {
  id: { get: (m) => m.id },
  tag: { get: (m) => m.tag, set: (m, v) => (m.tag = String(v)) },
  title: { get: (m) => m.title, set: (m, v) => (m.title = String(v)) },
  appearance: {
    get: (m) => m.appearance,
    set: (m, v) => {
      if (!APPEARANCES.includes(String(v)))
        throw invalid("Word.ContentControl.appearance=", `unknown appearance ${String(v)}`);
      m.appearance = v as ContentControlModel["appearance"];
    },
  },
  cannotDelete: { get: (m) => m.cannotDelete, set: (m, v) => (m.cannotDelete = Boolean(v)) },
  cannotEdit: { get: (m) => m.cannotEdit, set: (m, v) => (m.cannotEdit = Boolean(v)) },
  text: { get: (m) => m.children.map((p) => p.text).join("\r") },
};

export class FakeContentControl extends FakeClientObject<ContentControlModel> {
  protected override get typeName(): string {
    return "Word.ContentControl";
  }
  protected get schema(): Schema<ContentControlModel> {
    return CONTENT_CONTROL_SCHEMA;
  }
  get id(): number {
    return this.readScalar("id");
  }
  get text(): string {
    return this.readScalar("text");
  }
  get tag(): string {
    return this.readScalar("tag");
  }
  set tag(v: string) {
    this.writeScalar("tag", v);
  }
  get title(): string {
    return this.readScalar("title");
  }
  set title(v: string) {
    this.writeScalar("title", v);
  }
  get appearance(): string {
    return this.readScalar("appearance");
  }
  set appearance(v: string) {
    this.writeScalar("appearance", v);
  }
  get cannotDelete(): boolean {
    return this.readScalar("cannotDelete");
  }
  set cannotDelete(v: boolean) {
    this.writeScalar("cannotDelete", v);
  }
  get cannotEdit(): boolean {
    return this.readScalar("cannotEdit");
  }
  set cannotEdit(v: boolean) {
    this.writeScalar("cannotEdit", v);
  }
  get font(): FakeFont {
    // Formatting a content control formats everything in it.
    return this.nav(
      "font",
      () => new FakeFontOfControl(this.context, () => this.tryResolve(), false, this) as unknown as FakeFont,
    );
  }
  get paragraphs(): FakeParagraphCollection {
    return this.nav(
      "paragraphs",
      () => new FakeParagraphCollection(this.context, () => this.tryResolve()?.children ?? null, false, this),
    );
  }
  protected override navigation(name: string): AnyClientObject | null {
    if (name === "font") return this.font;
    if (name === "paragraphs") return this.paragraphs;
    return null;
  }

  private editable(command: string, cc: ContentControlModel): void {
    if (cc.cannotEdit)
      throw new FakeOfficeError("AccessDenied", `${command}: the content control cannot be edited`, command);
  }

  insertText(text: string, location: string): void {
    this.call("insertText", (cc) => {
      this.editable("Word.ContentControl.insertText", cc);
      if (location === "Replace") {
        const p = cc.children[0] ?? paragraph("", cc);
        p.text = text;
        p.ooxml = [];
        cc.children = [p];
      } else if (location === "Start") cc.children[0].text = text + cc.children[0].text;
      else if (location === "End") cc.children[cc.children.length - 1].text += text;
      else throw invalid("Word.ContentControl.insertText", `location ${location} is not valid here`);
    });
  }

  insertOoxml(ooxml: string, location: string): void {
    this.call("insertOoxml", (cc) => {
      this.editable("Word.ContentControl.insertOoxml", cc);
      if (!ooxml.includes("pkg:package") && !ooxml.includes("<w:document")) {
        throw invalid("Word.ContentControl.insertOoxml", "the OOXML is not a flat OPC package or document");
      }
      if (location !== "Replace" && location !== "Start" && location !== "End") {
        throw invalid("Word.ContentControl.insertOoxml", `location ${location} is not valid here`);
      }
      const p = location === "Replace" ? (cc.children[0] ?? paragraph("", cc)) : paragraph("", cc);
      if (location === "Replace") {
        p.text = ooxmlText(ooxml);
        p.ooxml = [ooxml];
        cc.children = [p];
      } else {
        p.text = ooxmlText(ooxml);
        p.ooxml = [ooxml];
        if (location === "Start") cc.children.unshift(p);
        else cc.children.push(p);
      }
    });
  }

  delete(keepContent: boolean): void {
    this.call("delete", (cc) => {
      if (cc.cannotDelete) {
        throw new FakeOfficeError(
          "AccessDenied",
          "Word.ContentControl.delete: the content control cannot be deleted",
        );
      }
      const parent = cc.parent;
      if (!parent) return;
      const at = parent.blocks.indexOf(cc);
      if (keepContent) {
        for (const p of cc.children) p.parent = parent;
        parent.blocks.splice(at, 1, ...cc.children);
      } else {
        parent.blocks.splice(at, 1);
        // Word keeps one paragraph in every story.
        if (parent.blocks.length === 0) parent.blocks.push(paragraph("", parent));
      }
      cc.deleted = true;
    });
  }
}

/** A content control's font: setting it formats the control and every paragraph in it. */
class FakeFontOfControl extends FakeClientObject<ContentControlModel> {
  protected override get typeName(): string {
    return "Word.Font";
  }
  protected get schema(): Schema<ContentControlModel> {
    const apply = (key: keyof FontModel, value: unknown) => (cc: ContentControlModel) => {
      const v = key === "size" ? Number(value) : String(value);
      (cc.font as unknown as Record<string, unknown>)[key] = v;
      for (const p of cc.children) (p.font as unknown as Record<string, unknown>)[key] = v;
    };
    return {
      name: { get: (m) => m.font.name, set: (m, v) => apply("name", v)(m) },
      size: { get: (m) => m.font.size, set: (m, v) => apply("size", v)(m) },
      color: { get: (m) => m.font.color, set: (m, v) => apply("color", v)(m) },
    };
  }
  get name(): string {
    return this.readScalar("name");
  }
  set name(v: string) {
    this.writeScalar("name", v);
  }
  get size(): number {
    return this.readScalar("size");
  }
  set size(v: number) {
    this.writeScalar("size", v);
  }
  get color(): string {
    return this.readScalar("color");
  }
  set color(v: string) {
    this.writeScalar("color", v);
  }
}

export class FakeContentControlCollection extends FakeCollection<ContentControlModel, FakeContentControl> {
  /** The whole document's controls in document order, without building the list (fast getById). */
  private walk: ((visit: (c: ContentControlModel) => boolean) => void) | null = null;
  withWalk(walk: (visit: (c: ContentControlModel) => boolean) => void): this {
    this.walk = walk;
    return this;
  }
  protected override get typeName(): string {
    return "Word.ContentControlCollection";
  }
  protected makeItem(m: ContentControlModel): FakeContentControl {
    return new FakeContentControl(this.context, () => (m.deleted ? null : m), false, this);
  }
  getByTag(tag: string): FakeContentControlCollection {
    return new FakeContentControlCollection(
      this.context,
      () => this.tryResolve()?.filter((c) => c.tag === tag) ?? null,
      false,
      this,
    );
  }
  /** A control, once found, is that control until deleted (ids are never reused). */
  private byId(id: number): () => ContentControlModel | null {
    let found: ContentControlModel | null = null;
    return () => {
      if (found && !found.deleted) return found;
      if (this.walk) {
        found = null;
        this.walk((c) => {
          if (c.id !== id) return false;
          found = c;
          return true;
        });
      } else {
        found = this.tryResolve()?.find((c) => c.id === id) ?? null;
      }
      return found;
    };
  }
  getById(id: number): FakeContentControl {
    return new FakeContentControl(this.context, this.byId(id), false, this);
  }
  getByIdOrNullObject(id: number): FakeContentControl {
    return new FakeContentControl(this.context, this.byId(id), true, this);
  }
  getFirst(): FakeContentControl {
    return new FakeContentControl(this.context, () => this.tryResolve()?.[0] ?? null, false, this);
  }
  getFirstOrNullObject(): FakeContentControl {
    return new FakeContentControl(this.context, () => this.tryResolve()?.[0] ?? null, true, this);
  }
}

// ---------------------------------------------------------------------------------------------

const SHAPE_SCHEMA: Schema<ShapeModel> = {
  id: { get: (m) => m.id },
  name: { get: (m) => m.name, set: (m, v) => (m.name = String(v)) },
  type: { get: (m) => m.type },
};

/** WordApiDesktop 1.2 `Word.Shape`: the fields and the delete the adapter uses. */
export class FakeShape extends FakeClientObject<ShapeModel> {
  protected override get typeName(): string {
    return "Word.Shape";
  }
  protected get schema(): Schema<ShapeModel> {
    return SHAPE_SCHEMA;
  }
  get id(): number {
    return this.readScalar("id");
  }
  get name(): string {
    return this.readScalar("name");
  }
  set name(v: string) {
    this.writeScalar("name", v);
  }
  get type(): string {
    return this.readScalar("type");
  }
  delete(): void {
    this.call("delete", (m) => {
      m.deleted = true;
    });
  }
}

export class FakeShapeCollection extends FakeCollection<ShapeModel, FakeShape> {
  protected override get typeName(): string {
    return "Word.ShapeCollection";
  }
  protected makeItem(m: ShapeModel): FakeShape {
    return new FakeShape(this.context, () => (m.deleted ? null : m), false, this);
  }
  getById(id: number): FakeShape {
    return new FakeShape(
      this.context,
      () => this.tryResolve()?.find((x) => x.id === id) ?? null,
      false,
      this,
    );
  }
}

// ---------------------------------------------------------------------------------------------

const BODY_SCHEMA: Schema<BodyModel> = {
  type: { get: (m) => m.type },
  text: {
    get: (m) =>
      paragraphsOf(m)
        .map((p) => p.text)
        .join("\r"),
  },
};

export class FakeBody extends FakeClientObject<BodyModel> {
  protected override get typeName(): string {
    return "Word.Body";
  }
  protected get schema(): Schema<BodyModel> {
    return BODY_SCHEMA;
  }
  get type(): string {
    return this.readScalar("type");
  }
  get text(): string {
    return this.readScalar("text");
  }
  get paragraphs(): FakeParagraphCollection {
    return this.nav("paragraphs", () => {
      return new FakeParagraphCollection(
        this.context,
        () => {
          const b = this.tryResolve();
          return b ? paragraphsOf(b) : null;
        },
        false,
        this,
      );
    });
  }
  get contentControls(): FakeContentControlCollection {
    return this.nav("contentControls", () => {
      return new FakeContentControlCollection(
        this.context,
        () => {
          const b = this.tryResolve();
          return b ? contentControlsOf(b) : null;
        },
        false,
        this,
      );
    });
  }
  /** WordApiDesktop 1.2: the shapes anchored in this story. */
  get shapes(): FakeShapeCollection {
    return this.nav(
      "shapes",
      () =>
        new FakeShapeCollection(
          this.context,
          () => this.tryResolve()?.shapes.filter((x) => !x.deleted) ?? null,
          false,
          this,
        ),
    );
  }
  protected override navigation(name: string): AnyClientObject | null {
    if (name === "paragraphs") return this.paragraphs;
    if (name === "contentControls") return this.contentControls;
    if (name === "shapes") return this.shapes;
    return null;
  }

  insertParagraph(text: string, location: string): FakeParagraph {
    let created: ParagraphModel | null = null;
    this.call("insertParagraph", (b) => {
      if (location !== "Start" && location !== "End") {
        throw invalid("Word.Body.insertParagraph", `location ${location} is not valid for a body`);
      }
      const p = paragraph(text, b);
      if (location === "Start") b.blocks.unshift(p);
      else b.blocks.push(p);
      created = p;
    });
    return new FakeParagraph(this.context, () => created, false, this);
  }

  clear(): void {
    this.call("clear", (b) => {
      if (contentControlsOf(b).some((c) => c.cannotDelete)) {
        throw new FakeOfficeError(
          "AccessDenied",
          "Word.Body.clear: the body holds a content control that cannot be deleted",
        );
      }
      for (const block of b.blocks) block.deleted = true;
      b.blocks = [paragraph("", b)];
    });
  }
}

// ---------------------------------------------------------------------------------------------

export class FakeSection extends FakeClientObject<SectionModel> {
  protected override get typeName(): string {
    return "Word.Section";
  }
  protected get schema(): Schema<SectionModel> {
    return {};
  }
  private doc(): WordDocumentModel {
    return (this.context as WordRequestContext).model;
  }
  get body(): FakeBody {
    return this.nav(
      "body",
      () => new FakeBody(this.context, () => this.tryResolve()?.body ?? null, false, this),
    );
  }
  protected override navigation(name: string): AnyClientObject | null {
    return name === "body" ? this.body : null;
  }
  private story(kind: "headers" | "footers", type: string): FakeBody {
    if (!HEADER_FOOTER.includes(type)) {
      // office.js validates enum arguments when the command is built.
      throw invalid(
        `Word.Section.get${kind === "headers" ? "Header" : "Footer"}`,
        `type ${type} is not Primary, FirstPage or EvenPages`,
      );
    }
    return new FakeBody(
      this.context,
      () => this.tryResolve()?.[kind][type as HeaderFooterType] ?? null,
      false,
      this,
    );
  }
  getHeader(type: string): FakeBody {
    return this.story("headers", type);
  }
  getFooter(type: string): FakeBody {
    return this.story("footers", type);
  }
  private nextCache: { batch: number; model: SectionModel | null } | null = null;
  /** Sections are not added or removed by commands, so the next one is fixed for a batch. */
  private next(): SectionModel | null {
    const batch = this.context.runtime.batch;
    if (this.nextCache?.batch === batch) return this.nextCache.model;
    const s = this.tryResolve();
    const list = this.doc().sections;
    const model = s ? (list[list.indexOf(s) + 1] ?? null) : null;
    this.nextCache = { batch, model };
    return model;
  }
  getNext(): FakeSection {
    return new FakeSection(this.context, () => this.next(), false, this);
  }
  getNextOrNullObject(): FakeSection {
    return new FakeSection(this.context, () => this.next(), true, this);
  }
}

export class FakeSectionCollection extends FakeCollection<SectionModel, FakeSection> {
  protected override get typeName(): string {
    return "Word.SectionCollection";
  }
  protected makeItem(m: SectionModel): FakeSection {
    return new FakeSection(this.context, () => (m.deleted ? null : m), false, this);
  }
  getFirst(): FakeSection {
    return new FakeSection(this.context, () => this.tryResolve()?.[0] ?? null, false, this);
  }
  getFirstOrNullObject(): FakeSection {
    return new FakeSection(this.context, () => this.tryResolve()?.[0] ?? null, true, this);
  }
}

// ---------------------------------------------------------------------------------------------

export class FakeDocumentProperties extends FakeClientObject<WordDocumentModel> {
  protected override get typeName(): string {
    return "Word.DocumentProperties";
  }
  protected get schema(): Schema<WordDocumentModel> {
    return {};
  }
  get customProperties(): FakeCustomPropertyCollection {
    const doc = (this.context as WordRequestContext).model;
    return this.nav(
      "customProperties",
      () => new FakeCustomPropertyCollection(this.context, () => doc, this, "Word"),
    );
  }
  protected override navigation(name: string): AnyClientObject | null {
    return name === "customProperties" ? this.customProperties : null;
  }
}

/** Visits every content control (body, then each header and footer); stops when `visit` says so. */
function walkContentControls(
  doc: WordDocumentModel | null,
  visit: (c: ContentControlModel) => boolean | void,
): void {
  if (!doc) return;
  for (const s of doc.sections) {
    const stories = [s.body];
    for (const t of HEADER_FOOTER)
      stories.push(s.headers[t as HeaderFooterType], s.footers[t as HeaderFooterType]);
    for (const story of stories) {
      for (const block of story.blocks) {
        if (block.kind === "contentControl" && visit(block) === true) return;
      }
    }
  }
}

/** The main text across every section, as `document.body` shows it. */
function documentBody(doc: WordDocumentModel): BodyModel {
  const sections = doc.sections;
  return {
    kind: "body",
    type: "MainDoc",
    get blocks() {
      return sections.flatMap((s) => s.body.blocks);
    },
    set blocks(_v) {
      throw new FakeOfficeError("GeneralException", "the fake's document body is a view over the sections");
    },
    get shapes() {
      return sections.flatMap((s) => s.body.shapes);
    },
  };
}

export class FakeDocument extends FakeClientObject<WordDocumentModel> {
  protected override get typeName(): string {
    return "Word.Document";
  }
  protected get schema(): Schema<WordDocumentModel> {
    return {};
  }
  get properties(): FakeDocumentProperties {
    return this.nav(
      "properties",
      () => new FakeDocumentProperties(this.context, () => this.tryResolve(), false, this),
    );
  }
  get sections(): FakeSectionCollection {
    return this.nav(
      "sections",
      () => new FakeSectionCollection(this.context, () => this.tryResolve()?.sections ?? null, false, this),
    );
  }
  get body(): FakeBody {
    return this.nav(
      "body",
      () =>
        new FakeBody(
          this.context,
          () => {
            const d = this.tryResolve();
            return d ? documentBody(d) : null;
          },
          false,
          this,
        ),
    );
  }
  /** Every content control: body, headers, footers. */
  get contentControls(): FakeContentControlCollection {
    return this.nav("contentControls", () =>
      new FakeContentControlCollection(
        this.context,
        () => {
          const d = this.tryResolve();
          if (!d) return null;
          const all: ContentControlModel[] = [];
          walkContentControls(d, (c) => void all.push(c));
          return all;
        },
        false,
        this,
      ).withWalk((visit) => walkContentControls(this.tryResolve(), visit)),
    );
  }
  protected override navigation(name: string): AnyClientObject | null {
    if (name === "properties") return this.properties;
    if (name === "sections") return this.sections;
    if (name === "body") return this.body;
    if (name === "contentControls") return this.contentControls;
    return null;
  }
}
