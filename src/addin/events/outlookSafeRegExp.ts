/**
 * Regular expressions that classic Outlook's older JavaScript-only runtime cannot compile
 * (lookbehind, named groups, the `s` flag — all ES2018) would stop the whole handler bundle from
 * loading, and with it every send (office-js.md §2). The event build rewrites such literals in the
 * core into calls to this function (outlookRegexLoader.cjs): where the engine has them nothing
 * changes; where it does not, that one pattern never matches and detection reports less instead of
 * the add-in failing.
 */

let unsupported = 0;

export function safeRegExp(source: string, flags?: string): RegExp {
  try {
    return new RegExp(source, flags);
  } catch {
    unsupported += 1;
    return new RegExp("(?!)", (flags ?? "").replace(/[^gimy]/g, ""));
  }
}

/** How many patterns this engine could not compile (0 on current runtimes). */
export function unsupportedPatterns(): number {
  return unsupported;
}
