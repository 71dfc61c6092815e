"use strict";
/**
 * Runs a TypeScript benchmark without a build step: `node bench/run.cjs bench/core/detect.ts [args]`.
 * Registers a require hook that transpiles .ts files with the project's own TypeScript
 * (transpileModule: no type checking — `npx tsc -p tsconfig.json --noEmit` does that), then loads
 * the script. Reusable by every bench; neither ts-node, tsx nor esbuild is installed here.
 */
const fs = require("node:fs");
const path = require("node:path");
const Module = require("node:module");
const ts = require("typescript");

const compilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  sourceMap: false,
  inlineSourceMap: true,
};

Module._extensions[".ts"] = function loadTypeScript(module, filename) {
  const source = fs.readFileSync(filename, "utf8");
  const { outputText } = ts.transpileModule(source, { compilerOptions, fileName: filename });
  module._compile(outputText, filename);
};

const [script, ...args] = process.argv.slice(2);
if (!script) {
  console.error("usage: node bench/run.cjs <bench file .ts> [args...]");
  process.exit(2);
}
process.argv = [process.argv[0], path.resolve(script), ...args];
require(path.resolve(script));
