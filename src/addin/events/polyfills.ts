/**
 * Built-ins newer than ES2016 that our code or the core uses, for classic Outlook's
 * JavaScript-only runtime (ES2016 before build 2403). TypeScript down-levels syntax, not library
 * calls; test/addin/eventBundle.test.ts checks the bundle for calls not covered here.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
// globalThis is ES2020. Sloppy-mode Function code returns the global object in every engine.
if (typeof globalThis === "undefined") {
  const g = Function("return this")();
  g.globalThis = g;
}

const O = Object as any;
const define = (target: any, name: string, value: unknown): void => {
  if (typeof target[name] !== "function")
    Object.defineProperty(target, name, { value, configurable: true, writable: true, enumerable: false });
};

define(O, "hasOwn", (obj: object, key: PropertyKey) => Object.prototype.hasOwnProperty.call(obj, key));
define(O, "entries", (obj: any) => Object.keys(obj).map((k) => [k, obj[k]]));
define(O, "values", (obj: any) => Object.keys(obj).map((k) => obj[k]));
define(O, "fromEntries", (entries: Iterable<[PropertyKey, unknown]>) => {
  const out: any = {};
  for (const [k, v] of Array.from(entries)) out[k] = v;
  return out;
});
define(String.prototype, "padStart", function (this: string, length: number, fill = " ") {
  let s = String(this);
  while (s.length < length) s = fill.slice(0, length - s.length) + s;
  return s;
});
define(String.prototype, "padEnd", function (this: string, length: number, fill = " ") {
  let s = String(this);
  while (s.length < length) s += fill.slice(0, length - s.length);
  return s;
});
define(String.prototype, "trimStart", function (this: string) {
  return String(this).replace(/^\s+/, "");
});
define(String.prototype, "trimEnd", function (this: string) {
  return String(this).replace(/\s+$/, "");
});
define(String.prototype, "replaceAll", function (this: string, search: string | RegExp, replacement: string) {
  if (search instanceof RegExp) {
    if (!search.global) throw new TypeError("replaceAll must be called with a global RegExp");
    return String(this).replace(search, replacement);
  }
  // Only plain string replacements are used in the bundle; "$" patterns are not interpreted here.
  return String(this).split(String(search)).join(String(replacement));
});
define(Array.prototype, "flat", function (this: unknown[], depth = 1): unknown[] {
  return depth < 1
    ? this.slice()
    : this.reduce<unknown[]>((acc, x) => acc.concat(Array.isArray(x) ? (x as any).flat(depth - 1) : [x]), []);
});
define(
  Array.prototype,
  "flatMap",
  function (this: unknown[], f: (x: unknown, i: number) => unknown): unknown[] {
    return (this.map(f) as any).flat(1);
  },
);
define(Array.prototype, "at", function (this: unknown[], i: number) {
  const n = Math.trunc(i) || 0;
  return this[n < 0 ? this.length + n : n];
});
define(Promise.prototype, "finally", function (this: Promise<unknown>, f: () => void) {
  return this.then(
    (v) => Promise.resolve(f()).then(() => v),
    (e) =>
      Promise.resolve(f()).then(() => {
        throw e;
      }),
  );
});
