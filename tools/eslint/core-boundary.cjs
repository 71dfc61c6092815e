"use strict";
/**
 * ESLint rule: code under src/core may import only other src/core modules and a short list of small
 * pure libraries. The task pane, the event handlers, the server and the scanner all run the same core,
 * so anything host-, DOM- or Node-specific there would break one of them.
 */
const path = require("node:path");

const ALLOWED_PACKAGES = new Set(["fast-xml-parser", "zod"]);

function packageName(source) {
  const parts = source.split("/");
  return source.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

function packageAllowed(source) {
  const name = packageName(source);
  if (ALLOWED_PACKAGES.has(name)) return true;
  return false;
}

module.exports = {
  meta: {
    type: "problem",
    docs: { description: "src/core imports nothing outside itself but small pure libraries" },
    schema: [],
    messages: {
      outside:
        "src/core must not import '{{source}}': it leaves src/core (allowed: relative imports inside src/core)",
      package:
        "src/core must not import '{{source}}': only small pure libraries are allowed ({{allowed}}); Office, DOM and Node APIs belong in hosts, server or cli",
    },
  },
  create(context) {
    const filename = context.filename ?? context.getFilename();
    const coreDir = path.resolve(context.cwd ?? process.cwd(), "src", "core");
    if (!path.resolve(filename).startsWith(coreDir + path.sep)) return {};

    function check(node, source) {
      if (typeof source !== "string") return;
      if (source.startsWith(".")) {
        const target = path.resolve(path.dirname(filename), source);
        if (!(target === coreDir || target.startsWith(coreDir + path.sep))) {
          context.report({ node, messageId: "outside", data: { source } });
        }
        return;
      }
      if (!packageAllowed(source)) {
        context.report({
          node,
          messageId: "package",
          data: { source, allowed: [...ALLOWED_PACKAGES].join(", ") },
        });
      }
    }

    return {
      ImportDeclaration(node) {
        check(node, node.source.value);
      },
      ExportNamedDeclaration(node) {
        if (node.source) check(node, node.source.value);
      },
      ExportAllDeclaration(node) {
        check(node, node.source.value);
      },
      ImportExpression(node) {
        if (node.source.type === "Literal") check(node, node.source.value);
        else
          context.report({
            node,
            messageId: "package",
            data: { source: "<dynamic>", allowed: [...ALLOWED_PACKAGES].join(", ") },
          });
      },
      CallExpression(node) {
        if (node.callee.type === "Identifier" && node.callee.name === "require") {
          const arg = node.arguments[0];
          check(node, arg && arg.type === "Literal" ? arg.value : "<dynamic require>");
        }
      },
    };
  },
};
