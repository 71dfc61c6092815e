#!/usr/bin/env node
"use strict";
// The command is compiled TypeScript; `npm install` builds it (prepare), `npm run build` rebuilds it.
const path = require("node:path");
const fs = require("node:fs");
const entry = path.join(__dirname, "..", "build", "cli", "main.js");
if (!fs.existsSync(entry)) {
  process.stderr.write(
    "labelbridge: not built yet — run `npm run build` in " + path.dirname(__dirname) + "\n",
  );
  process.exit(1);
}
require(entry)
  .runCommandLine(__filename, process.argv.slice(2))
  .then((code) => process.exit(code));
