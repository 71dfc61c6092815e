/**
 * Custom document properties as Word (WordApi 1.3) and Excel (ExcelApi 1.7) expose them: a
 * collection with `add` (create or update), `getItem` / `getItemOrNullObject` (keys ignore case),
 * `deleteAll`, `getCount`, and items with `key`, `value`, `type`. Word and Excel desktop keep at most
 * 255 characters of a string value.
 */
import {
  type AnyClientObject,
  FakeClientObject,
  FakeClientResult,
  FakeCollection,
  FakeOfficeError,
  type FakeRequestContext,
  type Schema,
} from "./runtime";

export type CustomPropertyType = "String" | "Number" | "Boolean" | "Date";

export interface CustomPropertyModel {
  key: string;
  value: string | number | boolean | Date;
  type: CustomPropertyType;
  deleted: boolean;
}

/** Whatever owns the properties: a Word document or an Excel workbook. */
export interface PropertyStore {
  properties: CustomPropertyModel[];
  /** Desktop truncates string values to this many UTF-16 code units; null = keep all. */
  truncateStringsAt: number | null;
}

function propertyType(value: unknown): CustomPropertyType {
  if (typeof value === "number") return "Number";
  if (typeof value === "boolean") return "Boolean";
  if (value instanceof Date) return "Date";
  return "String";
}

export function customProperty(key: string, value: unknown): CustomPropertyModel {
  const type = propertyType(value);
  const v = type === "String" ? String(value) : (value as number | boolean | Date);
  return { key, value: v, type, deleted: false };
}

export function propertiesFrom(
  spec: Record<string, string | number | boolean | Date> = {},
): CustomPropertyModel[] {
  return Object.entries(spec).map(([k, v]) => customProperty(k, v));
}

/** Key → value as text, in document order (for assertions). */
export function propertyMapOf(store: PropertyStore): Record<string, string> {
  return Object.fromEntries(
    store.properties.map((p) => [p.key, p.value instanceof Date ? p.value.toISOString() : String(p.value)]),
  );
}

const SCHEMA: Schema<CustomPropertyModel> = {
  key: { get: (m) => m.key },
  value: {
    get: (m) => m.value,
    set: (m, v) => {
      const next = customProperty(m.key, v);
      m.value = next.value;
      m.type = next.type;
    },
  },
  type: { get: (m) => m.type },
};

export class FakeCustomProperty extends FakeClientObject<CustomPropertyModel> {
  constructor(
    context: FakeRequestContext,
    resolver: () => CustomPropertyModel | null,
    orNull: boolean,
    parent: AnyClientObject | null,
    private readonly store: () => PropertyStore,
    private readonly prefix: string,
  ) {
    super(context, resolver, orNull, parent);
  }
  protected override get typeName(): string {
    return `${this.prefix}.CustomProperty`;
  }
  protected get schema(): Schema<CustomPropertyModel> {
    return SCHEMA;
  }
  get key(): string {
    return this.readScalar("key");
  }
  get value(): unknown {
    return this.readScalar("value");
  }
  set value(v: unknown) {
    this.writeScalar("value", v);
  }
  get type(): string {
    return this.readScalar("type");
  }
  delete(): void {
    this.call("delete", (p) => {
      const list = this.store().properties;
      list.splice(list.indexOf(p), 1);
      p.deleted = true;
    });
  }
}

function findProperty(store: PropertyStore, key: string): CustomPropertyModel | null {
  const lower = key.toLowerCase();
  return store.properties.find((p) => p.key.toLowerCase() === lower) ?? null;
}

export class FakeCustomPropertyCollection extends FakeCollection<CustomPropertyModel, FakeCustomProperty> {
  constructor(
    context: FakeRequestContext,
    private readonly store: () => PropertyStore,
    parent: AnyClientObject | null,
    /** "Word" or "Excel", for command names. */
    private readonly prefix: string,
  ) {
    super(context, () => store().properties, false, parent);
  }
  protected override get typeName(): string {
    return `${this.prefix}.CustomPropertyCollection`;
  }
  private item(resolver: () => CustomPropertyModel | null, orNull = false): FakeCustomProperty {
    return new FakeCustomProperty(this.context, resolver, orNull, this, this.store, this.prefix);
  }
  protected makeItem(m: CustomPropertyModel): FakeCustomProperty {
    return this.item(() => (m.deleted ? null : m));
  }
  add(key: string, value: unknown): FakeCustomProperty {
    const command = `${this.typeName}.add`;
    let result: CustomPropertyModel | null = null;
    this.call("add", () => {
      const store = this.store();
      if (typeof key !== "string" || key === "")
        throw new FakeOfficeError("InvalidArgument", `${command}: the key is empty`, command);
      if (key.length > 255)
        throw new FakeOfficeError(
          "InvalidArgument",
          `${command}: the key is longer than 255 characters`,
          command,
        );
      const fresh = customProperty(key, value);
      if (fresh.type === "String" && store.truncateStringsAt !== null) {
        fresh.value = String(fresh.value).slice(0, store.truncateStringsAt);
      }
      const existing = findProperty(store, key);
      if (existing) {
        // Updated in place: the stored spelling of the key stays.
        existing.value = fresh.value;
        existing.type = fresh.type;
        result = existing;
      } else {
        store.properties.push(fresh);
        result = fresh;
      }
    });
    return this.item(() => result);
  }
  getItem(key: string): FakeCustomProperty {
    return this.item(() => findProperty(this.store(), key));
  }
  getItemOrNullObject(key: string): FakeCustomProperty {
    return this.item(() => findProperty(this.store(), key), true);
  }
  deleteAll(): void {
    this.call("deleteAll", () => {
      const store = this.store();
      for (const p of store.properties) p.deleted = true;
      store.properties.length = 0;
    });
  }
  getCount(): FakeClientResult<number> {
    const result = new FakeClientResult<number>();
    this.call("getCount", () => result.resolveAtCommit(this.context, this.store().properties.length));
    return result;
  }
}
