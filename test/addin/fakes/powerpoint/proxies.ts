/**
 * PowerPoint's proxy objects over the fake presentation, as @types/office-js declares them:
 * presentation (properties.customProperties, slideMasters, slides, pageSetup), masters, layouts,
 * shapes (addTextBox, getItem, delete, name, tags, textFrame.textRange.font/paragraphFormat), with
 * office.js load/sync semantics from ../document/runtime.
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
  type LayoutModel,
  type MasterModel,
  type PresentationModel,
  type ShapeModel,
  type SlideModel,
  shapeModel,
} from "./model";

export class PowerPointRequestContext extends FakeRequestContext {
  private root: FakePresentation | null = null;
  constructor(
    runtime: FakeRequestContext["runtime"],
    readonly model: PresentationModel,
  ) {
    super(runtime);
  }
  /** The root object is valid in every batch that uses this context. */
  get presentation(): FakePresentation {
    if (!this.root || this.root.generation !== this.generation) {
      this.root = new FakePresentation(this, () => this.model);
    }
    return this.root;
  }
}

function deck(o: AnyClientObject): PresentationModel {
  return (o.context as PowerPointRequestContext).model;
}

/** A generic proxy class for the small objects: typed getters/setters come from the schema. */
function scalarProxy<M>(typeName: string, schema: Schema<M>) {
  const Proxy = class extends FakeClientObject<M> {
    protected override get typeName(): string {
      return typeName;
    }
    protected get schema(): Schema<M> {
      return schema;
    }
  };
  for (const name of Object.keys(schema)) {
    Object.defineProperty(Proxy.prototype, name, {
      get(this: { readScalar(n: string): unknown }) {
        return this.readScalar(name);
      },
      set(this: { writeScalar(n: string, v: unknown): void }, v: unknown) {
        this.writeScalar(name, v);
      },
    });
  }
  return Proxy;
}

const FONT_SCHEMA: Schema<ShapeModel> = {
  name: { get: (m) => m.font.name, set: (m, v) => (m.font.name = String(v)) },
  size: {
    get: (m) => m.font.size,
    set: (m, v) => {
      if (typeof v !== "number" || v <= 0)
        throw new FakeOfficeError("InvalidArgument", `PowerPoint.ShapeFont.size=: ${String(v)}`);
      m.font.size = v;
    },
  },
  color: {
    get: (m) => m.font.color,
    set: (m, v) => {
      if (!/^#[0-9A-Fa-f]{6}$/.test(String(v)))
        throw new FakeOfficeError(
          "InvalidArgument",
          `PowerPoint.ShapeFont.color=: ${String(v)} is not #RRGGBB`,
        );
      m.font.color = String(v);
    },
  },
};
const FakeShapeFont = scalarProxy("PowerPoint.ShapeFont", FONT_SCHEMA);

const ALIGNMENTS = ["Left", "Center", "Right", "Justify", "JustifyLow", "Distributed", "ThaiDistributed"];
const PARAGRAPH_SCHEMA: Schema<ShapeModel> = {
  horizontalAlignment: {
    get: (m) => m.horizontalAlignment,
    set: (m, v) => {
      if (!ALIGNMENTS.includes(String(v)))
        throw new FakeOfficeError(
          "InvalidArgument",
          `PowerPoint.ParagraphFormat.horizontalAlignment=: ${String(v)}`,
        );
      m.horizontalAlignment = String(v);
    },
  },
};
const FakeParagraphFormat = scalarProxy("PowerPoint.ParagraphFormat", PARAGRAPH_SCHEMA);

/** Text frames exist only on shapes that hold text: anything else fails, as PowerPoint does. */
function withText(m: ShapeModel | null): ShapeModel | null {
  if (m && m.text === null)
    throw new FakeOfficeError("InvalidArgument", `PowerPoint.Shape ${m.id} (${m.type}) has no text frame`);
  return m;
}

export class FakeTextRange extends FakeClientObject<ShapeModel> {
  protected override get typeName(): string {
    return "PowerPoint.TextRange";
  }
  protected get schema(): Schema<ShapeModel> {
    return { text: { get: (m) => m.text, set: (m, v) => (m.text = String(v)) } };
  }
  get text(): string {
    return this.readScalar("text");
  }
  set text(v: string) {
    this.writeScalar("text", v);
  }
  get font(): InstanceType<typeof FakeShapeFont> {
    return this.nav("font", () => new FakeShapeFont(this.context, () => this.tryResolve(), false, this));
  }
  get paragraphFormat(): InstanceType<typeof FakeParagraphFormat> {
    return this.nav(
      "paragraphFormat",
      () => new FakeParagraphFormat(this.context, () => this.tryResolve(), false, this),
    );
  }
  protected override navigation(name: string): AnyClientObject | null {
    if (name === "font") return this.font;
    if (name === "paragraphFormat") return this.paragraphFormat;
    return null;
  }
}

const VERTICAL = ["Top", "Middle", "Bottom", "TopCentered", "MiddleCentered", "BottomCentered"];
export class FakeTextFrame extends FakeClientObject<ShapeModel> {
  protected override get typeName(): string {
    return "PowerPoint.TextFrame";
  }
  protected get schema(): Schema<ShapeModel> {
    return {
      wordWrap: { get: (m) => m.wordWrap, set: (m, v) => (m.wordWrap = Boolean(v)) },
      verticalAlignment: {
        get: (m) => m.verticalAlignment,
        set: (m, v) => {
          if (!VERTICAL.includes(String(v)))
            throw new FakeOfficeError(
              "InvalidArgument",
              `PowerPoint.TextFrame.verticalAlignment=: ${String(v)}`,
            );
          m.verticalAlignment = String(v);
        },
      },
      hasText: { get: (m) => (m.text ?? "") !== "" },
    };
  }
  get wordWrap(): boolean {
    return this.readScalar("wordWrap");
  }
  set wordWrap(v: boolean) {
    this.writeScalar("wordWrap", v);
  }
  get verticalAlignment(): string {
    return this.readScalar("verticalAlignment");
  }
  set verticalAlignment(v: string) {
    this.writeScalar("verticalAlignment", v);
  }
  get textRange(): FakeTextRange {
    return this.nav("textRange", () => new FakeTextRange(this.context, () => this.tryResolve(), false, this));
  }
  protected override navigation(name: string): AnyClientObject | null {
    return name === "textRange" ? this.textRange : null;
  }
}

interface TagModel {
  shape: ShapeModel;
  key: string;
}
export class FakeTag extends FakeClientObject<TagModel> {
  protected override get typeName(): string {
    return "PowerPoint.Tag";
  }
  protected get schema(): Schema<TagModel> {
    return {
      key: { get: (m) => m.key },
      value: { get: (m) => m.shape.tags[m.key], set: (m, v) => (m.shape.tags[m.key] = String(v)) },
    };
  }
  get key(): string {
    return this.readScalar("key");
  }
  get value(): string {
    return this.readScalar("value");
  }
}

export class FakeTagCollection extends FakeCollection<TagModel, FakeTag> {
  constructor(
    context: FakeRequestContext,
    private readonly shape: () => ShapeModel | null,
    parent: AnyClientObject,
  ) {
    super(
      context,
      () => {
        const s = shape();
        return s ? Object.keys(s.tags).map((key) => ({ shape: s, key })) : null;
      },
      false,
      parent,
    );
  }
  protected override get typeName(): string {
    return "PowerPoint.TagCollection";
  }
  protected makeItem(m: TagModel): FakeTag {
    return new FakeTag(this.context, () => (m.key in m.shape.tags ? m : null), false, this);
  }
  add(key: string, value: string): void {
    this.call("add", () => {
      const s = this.shape();
      if (!s) throw new FakeOfficeError("ItemNotFound", "PowerPoint.TagCollection.add: no shape");
      s.tags[key.toUpperCase()] = String(value);
    });
  }
  delete(key: string): void {
    this.call("delete", () => {
      const s = this.shape();
      if (s) delete s.tags[key.toUpperCase()];
    });
  }
}

const SHAPE_SCHEMA: Schema<ShapeModel> = {
  id: { get: (m) => m.id },
  name: { get: (m) => m.name, set: (m, v) => (m.name = String(v)) },
  type: { get: (m) => m.type },
  left: { get: (m) => m.left, set: (m, v) => (m.left = Number(v)) },
  top: { get: (m) => m.top, set: (m, v) => (m.top = Number(v)) },
  width: { get: (m) => m.width, set: (m, v) => (m.width = Number(v)) },
  height: { get: (m) => m.height, set: (m, v) => (m.height = Number(v)) },
  rotation: { get: (m) => m.rotation, set: (m, v) => (m.rotation = Number(v)) },
};

export class FakeShape extends FakeClientObject<ShapeModel> {
  constructor(
    context: FakeRequestContext,
    resolver: () => ShapeModel | null,
    orNull: boolean,
    parent: AnyClientObject | null,
    private readonly owner: () => ShapeModel[] | null,
  ) {
    super(context, resolver, orNull, parent);
  }
  protected override get typeName(): string {
    return "PowerPoint.Shape";
  }
  protected get schema(): Schema<ShapeModel> {
    return SHAPE_SCHEMA;
  }
  get id(): string {
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
  get left(): number {
    return this.readScalar("left");
  }
  get top(): number {
    return this.readScalar("top");
  }
  get width(): number {
    return this.readScalar("width");
  }
  get height(): number {
    return this.readScalar("height");
  }
  get rotation(): number {
    return this.readScalar("rotation");
  }
  set rotation(v: number) {
    this.writeScalar("rotation", v);
  }
  get tags(): FakeTagCollection {
    return this.nav("tags", () => new FakeTagCollection(this.context, () => this.tryResolve(), this));
  }
  get textFrame(): FakeTextFrame {
    return this.nav(
      "textFrame",
      () => new FakeTextFrame(this.context, () => withText(this.tryResolve()), false, this),
    );
  }
  protected override navigation(name: string): AnyClientObject | null {
    if (name === "tags") return this.tags;
    if (name === "textFrame") return this.textFrame;
    return null;
  }
  delete(): void {
    this.call("delete", (shape) => {
      const list = this.owner();
      if (list) list.splice(list.indexOf(shape), 1);
      shape.deleted = true;
    });
  }
}

export class FakeShapeCollection extends FakeCollection<ShapeModel, FakeShape> {
  protected override get typeName(): string {
    return "PowerPoint.ShapeCollection";
  }
  private find(id: string): ShapeModel | null {
    return this.tryResolve()?.find((s) => s.id === id && !s.deleted) ?? null;
  }
  protected makeItem(m: ShapeModel): FakeShape {
    return new FakeShape(
      this.context,
      () => (m.deleted ? null : m),
      false,
      this,
      () => this.tryResolve(),
    );
  }
  getItem(id: string): FakeShape {
    return new FakeShape(
      this.context,
      () => this.find(id),
      false,
      this,
      () => this.tryResolve(),
    );
  }
  getItemOrNullObject(id: string): FakeShape {
    return new FakeShape(
      this.context,
      () => this.find(id),
      true,
      this,
      () => this.tryResolve(),
    );
  }
  addTextBox(
    text: string,
    options: { left?: number; top?: number; width?: number; height?: number } = {},
  ): FakeShape {
    let created: ShapeModel | null = null;
    this.call("addTextBox", (list) => {
      for (const v of [options.width, options.height])
        if (v !== undefined && v < 0)
          throw new FakeOfficeError(
            "InvalidArgument",
            "PowerPoint.ShapeCollection.addTextBox: negative size",
          );
      const shape = shapeModel(deck(this), { type: "TextBox", text });
      shape.name = `TextBox ${shape.id}`;
      shape.left = options.left ?? 0;
      shape.top = options.top ?? 0;
      shape.width = options.width ?? 100;
      shape.height = options.height ?? 20;
      list.push(shape);
      created = shape;
    });
    return new FakeShape(
      this.context,
      () => created,
      false,
      this,
      () => this.tryResolve(),
    );
  }
}

abstract class FakeShapeOwner<M extends { id: string; shapes: ShapeModel[] }> extends FakeClientObject<M> {
  protected get schema(): Schema<M> {
    return { id: { get: (m) => m.id }, name: { get: (m) => (m as { name?: string }).name ?? "" } };
  }
  get id(): string {
    return this.readScalar("id");
  }
  get name(): string {
    return this.readScalar("name");
  }
  get shapes(): FakeShapeCollection {
    return this.nav(
      "shapes",
      () => new FakeShapeCollection(this.context, () => this.tryResolve()?.shapes ?? null, false, this),
    );
  }
  protected override navigation(name: string): AnyClientObject | null {
    return name === "shapes" ? this.shapes : null;
  }
}

export class FakeSlideLayout extends FakeShapeOwner<LayoutModel> {
  protected override get typeName(): string {
    return "PowerPoint.SlideLayout";
  }
}

export class FakeSlideLayoutCollection extends FakeCollection<LayoutModel, FakeSlideLayout> {
  protected override get typeName(): string {
    return "PowerPoint.SlideLayoutCollection";
  }
  protected makeItem(m: LayoutModel): FakeSlideLayout {
    return new FakeSlideLayout(this.context, () => (m.deleted ? null : m), false, this);
  }
  getItem(id: string): FakeSlideLayout {
    return new FakeSlideLayout(
      this.context,
      () => this.tryResolve()?.find((l) => l.id === id && !l.deleted) ?? null,
      false,
      this,
    );
  }
}

export class FakeSlideMaster extends FakeShapeOwner<MasterModel> {
  protected override get typeName(): string {
    return "PowerPoint.SlideMaster";
  }
  get layouts(): FakeSlideLayoutCollection {
    return this.nav(
      "layouts",
      () =>
        new FakeSlideLayoutCollection(this.context, () => this.tryResolve()?.layouts ?? null, false, this),
    );
  }
  protected override navigation(name: string): AnyClientObject | null {
    return name === "layouts" ? this.layouts : super.navigation(name);
  }
}

export class FakeSlideMasterCollection extends FakeCollection<MasterModel, FakeSlideMaster> {
  protected override get typeName(): string {
    return "PowerPoint.SlideMasterCollection";
  }
  protected makeItem(m: MasterModel): FakeSlideMaster {
    return new FakeSlideMaster(this.context, () => (m.deleted ? null : m), false, this);
  }
  getItem(id: string): FakeSlideMaster {
    return new FakeSlideMaster(
      this.context,
      () => this.tryResolve()?.find((m) => m.id === id && !m.deleted) ?? null,
      false,
      this,
    );
  }
}

export class FakeSlide extends FakeShapeOwner<SlideModel> {
  protected override get typeName(): string {
    return "PowerPoint.Slide";
  }
}

export class FakeSlideCollection extends FakeCollection<SlideModel, FakeSlide> {
  protected override get typeName(): string {
    return "PowerPoint.SlideCollection";
  }
  protected makeItem(m: SlideModel): FakeSlide {
    return new FakeSlide(this.context, () => (m.deleted ? null : m), false, this);
  }
}

const PAGE_SCHEMA: Schema<PresentationModel> = {
  slideWidth: { get: (m) => m.slideWidth, set: (m, v) => (m.slideWidth = Number(v)) },
  slideHeight: { get: (m) => m.slideHeight, set: (m, v) => (m.slideHeight = Number(v)) },
};
const FakePageSetup = scalarProxy("PowerPoint.PageSetup", PAGE_SCHEMA);

export class FakeDocumentProperties extends FakeClientObject<PresentationModel> {
  protected override get typeName(): string {
    return "PowerPoint.DocumentProperties";
  }
  protected get schema(): Schema<PresentationModel> {
    return {};
  }
  get customProperties(): FakeCustomPropertyCollection {
    return this.nav(
      "customProperties",
      () => new FakeCustomPropertyCollection(this.context, () => deck(this), this, "PowerPoint"),
    );
  }
  protected override navigation(name: string): AnyClientObject | null {
    return name === "customProperties" ? this.customProperties : null;
  }
}

export class FakePresentation extends FakeClientObject<PresentationModel> {
  protected override get typeName(): string {
    return "PowerPoint.Presentation";
  }
  protected get schema(): Schema<PresentationModel> {
    return {};
  }
  get properties(): FakeDocumentProperties {
    return this.nav(
      "properties",
      () => new FakeDocumentProperties(this.context, () => this.tryResolve(), false, this),
    );
  }
  get slideMasters(): FakeSlideMasterCollection {
    return this.nav(
      "slideMasters",
      () =>
        new FakeSlideMasterCollection(this.context, () => this.tryResolve()?.masters ?? null, false, this),
    );
  }
  get slides(): FakeSlideCollection {
    return this.nav(
      "slides",
      () => new FakeSlideCollection(this.context, () => this.tryResolve()?.slides ?? null, false, this),
    );
  }
  get pageSetup(): InstanceType<typeof FakePageSetup> {
    return this.nav("pageSetup", () => new FakePageSetup(this.context, () => this.tryResolve(), false, this));
  }
  protected override navigation(name: string): AnyClientObject | null {
    if (name === "properties") return this.properties;
    if (name === "slideMasters") return this.slideMasters;
    if (name === "slides") return this.slides;
    if (name === "pageSetup") return this.pageSetup;
    return null;
  }
}
