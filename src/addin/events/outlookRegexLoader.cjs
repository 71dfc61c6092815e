"use strict";
/**
 * webpack loader for the Outlook event bundle only (runs on ts-loader's ES output): regex literals
 * that are not valid ES2016, and every `new RegExp(...)`, become calls to safeRegExp
 * (outlookSafeRegExp.ts). See that file for why. Parsing uses acorn, so strings and comments that
 * look like regexes are never touched.
 */
const path = require("node:path");
const acorn = require("acorn");

const HELPER = path.join(__dirname, "outlookSafeRegExp.ts").replace(/\\/g, "/");

function validIn2016(pattern, flags) {
  try {
    acorn.parse(`/${pattern}/${flags}`, { ecmaVersion: 2016 });
    return true;
  } catch {
    return false;
  }
}

function walk(node, visit) {
  if (!node || typeof node.type !== "string") return;
  visit(node);
  for (const key of Object.keys(node)) {
    const value = node[key];
    if (Array.isArray(value)) for (const child of value) walk(child, visit);
    else if (value && typeof value.type === "string") walk(value, visit);
  }
}

module.exports = function outlookRegexLoader(source) {
  if (!/RegExp|\/[^/\n]*\(\?<|\/[gimuy]*s/.test(source) && !source.includes("(?<")) return source;
  const ast = acorn.parse(source, { ecmaVersion: "latest", sourceType: "module" });
  const edits = [];
  walk(ast, (node) => {
    if (node.type === "Literal" && node.regex && !validIn2016(node.regex.pattern, node.regex.flags)) {
      edits.push({
        start: node.start,
        end: node.end,
        text: `__lbSafeRegExp(${JSON.stringify(node.regex.pattern)}, ${JSON.stringify(node.regex.flags)})`,
      });
    } else if (
      node.type === "NewExpression" &&
      node.callee.type === "Identifier" &&
      node.callee.name === "RegExp"
    ) {
      edits.push({ start: node.start, end: node.callee.end, text: "__lbSafeRegExp" });
    }
  });
  if (edits.length === 0) return source;
  // Nested edits (a literal inside new RegExp(...)) never overlap: the callee edit stops at `RegExp`.
  edits.sort((a, b) => b.start - a.start);
  let out = source;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return `import { safeRegExp as __lbSafeRegExp } from ${JSON.stringify(HELPER)};\n${out}`;
};
