/**
 * What an older JavaScript-only Office runtime does not have (classic Outlook on Windows before
 * build 2403; Word and Excel on Windows run OnDocumentOpened the same way): no globalThis, none of
 * the ES2017+ built-ins, a regex engine without lookbehind. Run this in a `vm` context before an
 * event bundle to load the bundle the way such a runtime would.
 */
export const ES2016_RUNTIME = `
  delete globalThis.globalThis;
  delete Object.hasOwn; delete Object.entries; delete Object.values; delete Object.fromEntries;
  delete String.prototype.padStart; delete String.prototype.padEnd; delete String.prototype.replaceAll;
  delete String.prototype.trimStart; delete String.prototype.trimEnd;
  delete Array.prototype.flat; delete Array.prototype.flatMap; delete Array.prototype.at;
  delete Promise.prototype.finally;
  (function (global) {
    var Native = RegExp;
    function NoLookbehind(source, flags) {
      if (/\\(\\?<[=!]/.test(String(source)) || /\\(\\?<[A-Za-z]/.test(String(source)))
        throw new SyntaxError("Invalid regular expression: /" + source + "/: Invalid group");
      return new Native(source, flags);
    }
    NoLookbehind.prototype = Native.prototype;
    global.RegExp = NoLookbehind;
  })(this);
`;

/**
 * The globals such a runtime gives an event bundle besides Office itself: OfficeRuntime.storage
 * (here over `storage`), timers, and a console whose output the test does not need.
 */
export function runtimeGlobals(storage: Map<string, string>) {
  return {
    OfficeRuntime: {
      storage: {
        getItem: async (k: string) => storage.get(k) ?? null,
        setItem: async (k: string, v: string) => void storage.set(k, v),
        removeItem: async (k: string) => void storage.delete(k),
      },
    },
    setTimeout,
    clearTimeout,
    console: { warn: () => undefined, log: () => undefined, error: () => undefined },
  };
}
