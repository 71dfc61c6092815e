/**
 * `globalThis` for the event bundles: the add-in reaches the runtime's globals through it (Office,
 * OfficeRuntime, fetch, crypto, localStorage), and the JavaScript-only runtime that runs the
 * handlers on Windows is ES2016, which has no `globalThis` (ES2020). TypeScript does not down-level
 * it. The bundles need no other built-in newer than ES2016: src/core is held to ES2016 by
 * test/core/runtime-es2016.test.ts and the add-in code the bundles load by
 * test/addin/eventRuntime.test.ts, so nothing else is patched here.
 */
if (typeof globalThis === "undefined") {
  // Sloppy-mode Function code returns the global object in every engine.
  const g = Function("return this")() as { globalThis?: unknown };
  g.globalThis = g;
}

export {};
