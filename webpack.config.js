/**
 * Builds the add-in into dist/ (the backend serves it at https://localhost:3000/):
 * - the task pane: React + Fluent UI v9, one page `taskpane.html` for Outlook, Word and Excel (the
 *   host is picked at runtime from Office.onReady's info.host);
 * - the Outlook event bundle: no React, ES2016, one self-contained file `events/launchevent.js`
 *   (classic Outlook's JavaScript-only runtime loads it directly) and `commands.html`, the page that
 *   loads it in Outlook on the web, new Outlook and Mac;
 * - the Word/Excel event bundle (OnDocumentOpened, manifest.office.xml), built the same way:
 *   `document-events.js` (Windows loads it alone) and `document-events.html` (Word/Excel on the web).
 *
 * `npm run build:addin` = `webpack --mode production`. LABELBRIDGE_API_BASE (default
 * https://localhost:3000), LABELBRIDGE_ADDIN_AUTH (`dev` | `sso` | `naa`), LABELBRIDGE_CLIENT_ID and
 * LABELBRIDGE_API_RESOURCE (default api://<API host>/<client id>) are fixed at build time.
 * bench/addin uses `taskpaneConfig` to build a minimal Fluent app with exactly these settings.
 */
"use strict";
const path = require("node:path");
const webpack = require("webpack");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

const ROOT = __dirname;
const DIST = path.join(ROOT, "dist");
const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

function apiBase() {
  return (process.env.LABELBRIDGE_API_BASE || "https://localhost:3000").replace(/\/+$/, "");
}

/**
 * How the add-in signs in: LABELBRIDGE_ADDIN_AUTH = dev | sso | naa. The server's LABELBRIDGE_AUTH
 * (dev | entra) is a different setting; when LABELBRIDGE_ADDIN_AUTH is unset the add-in follows it,
 * so `npm start` with Entra ID settings builds an add-in whose tokens that server accepts (Office
 * SSO), and a development server gets development tokens.
 */
function authMode() {
  const asked = (process.env.LABELBRIDGE_ADDIN_AUTH || "").trim().toLowerCase();
  if (asked !== "" && !["dev", "sso", "naa"].includes(asked))
    throw new Error(`LABELBRIDGE_ADDIN_AUTH=${asked}: must be dev, sso or naa`);
  const server = (process.env.LABELBRIDGE_AUTH || "").trim().toLowerCase();
  const clientId = (process.env.LABELBRIDGE_CLIENT_ID || "").trim();
  const entra = server === "entra" || (server === "" && clientId !== "");
  const auth = asked || (entra ? "sso" : "dev");
  // MSAL cannot ask for a token without the app registration's id: fail the build, not the sign-in.
  if (auth === "naa" && clientId === "")
    throw new Error(
      "LABELBRIDGE_ADDIN_AUTH=naa needs LABELBRIDGE_CLIENT_ID (the add-in's application id in Entra ID)",
    );
  return auth;
}

function defines() {
  return new webpack.DefinePlugin({
    __LABELBRIDGE_API_BASE__: JSON.stringify(apiBase()),
    __LABELBRIDGE_AUTH__: JSON.stringify(authMode()),
    __LABELBRIDGE_CLIENT_ID__: JSON.stringify((process.env.LABELBRIDGE_CLIENT_ID || "").trim()),
    __LABELBRIDGE_API_RESOURCE__: JSON.stringify((process.env.LABELBRIDGE_API_RESOURCE || "").trim()),
  });
}

/** TypeScript through ts-loader only (no babel here): the target decides the down-levelling. */
function typescriptRule(target) {
  return {
    test: /\.tsx?$/,
    exclude: /node_modules/,
    use: {
      loader: "ts-loader",
      options: {
        configFile: path.join(ROOT, "tsconfig.json"),
        // Type checking is `npm run typecheck`; the build only transpiles.
        transpileOnly: true,
        compilerOptions: {
          target,
          module: "ESNext",
          moduleResolution: "bundler",
          noEmit: false,
          sourceMap: false,
          declaration: false,
          // One shared copy of the down-levelling helpers (tslib's __awaiter…) instead of one per
          // module: the Outlook event bundle carried 19 copies of __awaiter, ~600 B of its gzip budget.
          importHelpers: true,
        },
      },
    },
  };
}

/**
 * Our own modules have no import-time side effects (except the globalThis shim and the entries), so
 * webpack may drop whatever a bundle does not use — e.g. the XML codecs' parser from the handlers.
 */
const pureModules = {
  include: [
    path.join(ROOT, "src", "core"),
    ...["flows", "hosts", "i18n", "ports", "runtime", "services"].map((d) =>
      path.join(ROOT, "src", "addin", d),
    ),
  ],
  sideEffects: false,
};

const resolve = {
  extensions: [".ts", ".tsx", ".js"],
  extensionAlias: { ".js": [".ts", ".tsx", ".js"] },
};

/**
 * The task pane (or, for the benchmark, any React entry built the same way).
 * @param {{ mode?: string, entry?: string, outputPath?: string, copy?: boolean }} [options]
 */
function taskpaneConfig(options = {}) {
  const mode = options.mode || "production";
  const outputPath = options.outputPath || DIST;
  return {
    name: "taskpane",
    mode,
    target: ["web", "es2019"],
    devtool: mode === "production" ? false : "source-map",
    entry: { taskpane: options.entry || path.join(ROOT, "src/addin/taskpane/index.tsx") },
    output: {
      path: outputPath,
      filename: mode === "production" ? "[name].[contenthash:8].js" : "[name].js",
      chunkFilename: mode === "production" ? "chunks/[name].[contenthash:8].js" : "chunks/[name].js",
      publicPath: "auto",
      clean: false,
    },
    resolve,
    module: { rules: [typescriptRule("ES2019"), pureModules] },
    plugins: [
      defines(),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: path.join(ROOT, "src/addin/taskpane/taskpane.html"),
        templateParameters: { officeJs: OFFICE_JS },
        chunks: ["taskpane"],
        scriptLoading: "defer",
        minify: mode === "production",
      }),
      ...(options.copy === false
        ? []
        : [
            new CopyWebpackPlugin({
              patterns: [
                { from: path.join(ROOT, "assets", "*.png"), to: "assets/[name][ext]" },
                { from: path.join(ROOT, "manifest.xml"), to: "manifest.xml" },
                { from: path.join(ROOT, "manifest.office.xml"), to: "manifest.office.xml" },
              ],
            }),
          ]),
    ],
    performance: { hints: false },
    stats: "errors-warnings",
  };
}

/**
 * An event-handler bundle: one ES2016 file with no chunk loading and no DOM assumptions, and the
 * HTML page that loads it after office.js.
 * @param {{ configName: string, name: string, entry: string, filename: string, template: string, page: string }} bundle
 * @param {{ mode?: string, outputPath?: string }} [options]
 */
function eventBundleConfig(bundle, options = {}) {
  const mode = options.mode || "production";
  const outputPath = options.outputPath || DIST;
  return {
    name: bundle.configName,
    mode,
    target: ["web", "es2016"],
    // Source maps or eval wrappers would put webpack-injected code between Office and the handlers.
    devtool: false,
    entry: { [bundle.name]: bundle.entry },
    output: {
      path: outputPath,
      filename: bundle.filename,
      // No automatic public path: it reads document.currentScript, which the JS-only runtime lacks.
      publicPath: "",
      iife: true,
      chunkFormat: false,
      chunkLoading: false,
      wasmLoading: false,
      environment: {
        arrowFunction: true,
        const: true,
        destructuring: true,
        forOf: true,
        module: false,
        dynamicImport: false,
        optionalChaining: false,
        templateLiteral: true,
        bigIntLiteral: false,
        asyncFunction: false,
        globalThis: false,
      },
    },
    resolve,
    // TypeScript down-levels the syntax; the code itself stays inside ES2016's regexes and
    // built-ins (test/core/runtime-es2016.test.ts, test/addin/eventRuntime.test.ts).
    module: { rules: [typescriptRule("ES2016"), pureModules] },
    optimization: {
      splitChunks: false,
      runtimeChunk: false,
      // A third compress pass (webpack's default is two) takes some 60 bytes gzip off the Outlook
      // bundle, which lives close to its 40 KB budget.
      minimizeOptions: { javascript: { compress: { passes: 3 } } },
    },
    plugins: [
      defines(),
      new webpack.optimize.LimitChunkCountPlugin({ maxChunks: 1 }),
      new HtmlWebpackPlugin({
        filename: bundle.page,
        template: bundle.template,
        templateParameters: { officeJs: OFFICE_JS, title: bundle.title },
        chunks: [bundle.name],
        scriptLoading: "blocking",
        inject: "body",
        minify: false,
      }),
    ],
    performance: { hints: false },
    stats: "errors-warnings",
  };
}

/** The Outlook event handlers (manifest.xml). */
function eventsConfig(options = {}) {
  return eventBundleConfig(
    {
      configName: "events",
      name: "launchevent",
      entry: path.join(ROOT, "src/addin/events/outlookEvents.ts"),
      filename: "events/[name].js",
      template: path.join(ROOT, "src/addin/events/event-page.html"),
      page: "commands.html",
      title: "Labelbridge event handlers",
    },
    options,
  );
}

/** The Word/Excel OnDocumentOpened handler (manifest.office.xml's DocumentEvents URLs). */
function documentEventsConfig(options = {}) {
  return eventBundleConfig(
    {
      configName: "document-events",
      name: "document-events",
      entry: path.join(ROOT, "src/addin/events/document.ts"),
      filename: "[name].js",
      template: path.join(ROOT, "src/addin/events/event-page.html"),
      page: "document-events.html",
      title: "Labelbridge document events",
    },
    options,
  );
}

module.exports = (_env, argv = {}) => {
  const mode = argv.mode || "production";
  return [taskpaneConfig({ mode }), eventsConfig({ mode }), documentEventsConfig({ mode })];
};
module.exports.taskpaneConfig = taskpaneConfig;
module.exports.eventsConfig = eventsConfig;
module.exports.documentEventsConfig = documentEventsConfig;
module.exports.OFFICE_JS = OFFICE_JS;
