/**
 * Builds the admin console (src/admin, React + Fluent UI v9 + Chart.js) into dist/admin/,
 * which the backend serves at /admin with its own strict Content-Security-Policy
 * (src/server/admin/plugin.ts). `npm run build:admin`.
 *
 * - Assets are addressed from /admin/ (the page is also served at /admin/reports).
 * - The page is written as console.html with a nonce placeholder the server fills per response;
 *   no inline script is emitted (the webpack runtime lives in the main bundle), so script-src stays 'self'.
 * - The reports view and Chart.js load as a separate chunk when reports are opened.
 */
"use strict";
const path = require("node:path");
const HtmlWebpackPlugin = require("html-webpack-plugin");

const ROOT = __dirname;

module.exports = (_env, argv = {}) => {
  const mode = argv.mode || "production";
  return {
    name: "admin",
    mode,
    target: ["web", "es2020"],
    devtool: mode === "production" ? false : "source-map",
    entry: { console: path.join(ROOT, "src/admin/index.tsx") },
    output: {
      path: path.join(ROOT, "dist", "admin"),
      publicPath: process.env.LABELBRIDGE_ADMIN_PUBLIC_PATH || "/admin/",
      filename: mode === "production" ? "[name].[contenthash:8].js" : "[name].js",
      chunkFilename: mode === "production" ? "[name].[contenthash:8].js" : "[name].js",
      clean: true,
    },
    resolve: { extensions: [".ts", ".tsx", ".js"], extensionAlias: { ".js": [".ts", ".tsx", ".js"] } },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: {
              configFile: path.join(ROOT, "tsconfig.json"),
              // Type checking is `npm run typecheck`; the build only transpiles.
              transpileOnly: true,
              compilerOptions: {
                target: "ES2020",
                module: "ESNext",
                moduleResolution: "bundler",
                noEmit: false,
                sourceMap: mode !== "production",
                declaration: false,
              },
            },
          },
        },
        // The core has no import-time side effects: let webpack drop what the console does not use.
        { include: path.join(ROOT, "src", "core"), sideEffects: false },
      ],
    },
    plugins: [
      new HtmlWebpackPlugin({
        filename: "console.html",
        template: path.join(ROOT, "src/admin/index.html"),
        chunks: ["console"],
        scriptLoading: "defer",
        minify: false,
      }),
    ],
    performance: { hints: false },
    stats: "errors-warnings",
  };
};
