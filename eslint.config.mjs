import tseslint from "typescript-eslint";
import officeAddins from "eslint-plugin-office-addins";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const coreBoundary = require("./tools/eslint/core-boundary.cjs");

/** Globals that mean "host, DOM or Node" — none of them may appear in src/core. */
const impureGlobals = [
  "Office",
  "Word",
  "Excel",
  "PowerPoint",
  "OfficeRuntime",
  "window",
  "document",
  "navigator",
  "localStorage",
  "sessionStorage",
  "fetch",
  "XMLHttpRequest",
  "process",
  "Buffer",
  "require",
  "__dirname",
  "__filename",
  "module",
  "global",
  "setTimeout",
  "setInterval",
  "crypto",
].map((name) => ({
  name,
  message: "src/core is pure: no Office, DOM or Node globals (pass what you need in).",
}));

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "build/", "coverage/", "data/", "bench/.out/", "**/*.min.js"] },
  ...tseslint.configs.recommended,
  {
    plugins: { "office-addins": officeAddins, labelbridge: { rules: { "core-boundary": coreBoundary } } },
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "office-addins/call-sync-after-load": "error",
      "office-addins/call-sync-before-read": "error",
      "office-addins/load-object-before-read": "error",
      "office-addins/no-context-sync-in-loop": "error",
      "office-addins/no-empty-load": "error",
      "office-addins/no-navigational-load": "error",
      "office-addins/no-office-initialize": "error",
      "office-addins/test-for-null-using-isNullObject": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "labelbridge/core-boundary": "error",
    },
  },
  {
    files: ["src/core/**/*.ts"],
    languageOptions: { globals: {} },
    rules: { "no-restricted-globals": ["error", ...impureGlobals] },
  },
  {
    files: ["src/addin/**/*.{ts,tsx}", "src/admin/**/*.{ts,tsx}", "src/ui/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ["src/addin/**/*.tsx", "src/admin/**/*.{ts,tsx}", "src/ui/**/*.tsx"],
    plugins: { react, "react-hooks": reactHooks },
    settings: { react: { version: "18.3" } },
    rules: {
      ...react.configs.recommended.rules,
      ...react.configs["jsx-runtime"].rules,
      ...reactHooks.configs.recommended.rules,
    },
  },
  {
    files: ["**/*.cjs", "**/*.js", "**/*.mjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
