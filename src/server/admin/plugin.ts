/**
 * The admin console at `/admin` (and `/admin/reports`): the built single-page app from
 * `dist/admin/` (src/admin, built by webpack.admin.config.js), its sign-in settings at
 * `/admin/config.json` (ConsoleSignIn in src/contracts/adminApi.ts), and a strict
 * Content-Security-Policy of its own.
 *
 * The console holds an admin token, so its page is locked down harder than the add-in's: scripts
 * only from this origin, styles only from this origin or carrying the per-response nonce (Fluent's
 * style engine and theme tag receive it through the renderer), no framing, no plugins, no base or
 * form targets, and network access only to this origin and, with Entra sign-in, the authority.
 */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { FastifyInstance, FastifyReply } from "fastify";
import fastifyStatic from "@fastify/static";
import type { ConsoleSignIn } from "../../contracts/adminApi";

export const NONCE_PLACEHOLDER = "__LABELBRIDGE_NONCE__";
/** The page the build writes; served only through the routes below, never as a file. */
export const CONSOLE_PAGE = "console.html";
/** Paths that open the console (the client picks its view from the path and the hash). */
export const CONSOLE_PATHS = ["/admin", "/admin/", "/admin/reports", "/admin/reports/"] as const;

export interface AdminConsoleOptions {
  /** The built console; default `<staticDir>/admin`. */
  dir?: string;
  /**
   * LABELBRIDGE_ADMIN_AUTHORITY (default https://login.microsoftonline.com/<the only tenant, or
   * organizations>) and LABELBRIDGE_ADMIN_SCOPE (default api://<public host>/<client id>/access_as_user).
   */
  env?: Record<string, string | undefined>;
}

/**
 * The console asks for the same scope as the add-in: Office SSO requires the Application ID URI
 * `api://<the add-in's host>/<client id>`, and one app registration serves both, so the default is
 * built from the public URL the add-in is served at.
 */
export function consoleSignIn(
  auth: { mode: "dev" | "entra"; clientId: string; tenants: string[] },
  env: Record<string, string | undefined>,
  publicUrl: string,
): ConsoleSignIn {
  const tenantId = auth.tenants.length === 1 ? auth.tenants[0] : null;
  if (auth.mode === "dev")
    return {
      auth: "dev",
      tenantId,
      apiBase: "/api/v1",
      devTokenCommand: "node bin/labelbridge.js token --user you@contoso.com --admin",
    };
  const authority = (
    env.LABELBRIDGE_ADMIN_AUTHORITY?.trim() ||
    `https://login.microsoftonline.com/${tenantId ?? "organizations"}`
  ).replace(/\/+$/, "");
  const url = new URL(authority);
  if (url.protocol !== "https:" && !["localhost", "127.0.0.1", "[::1]"].includes(url.hostname))
    throw new Error(`LABELBRIDGE_ADMIN_AUTHORITY: '${authority}' must be an https:// URL`);
  return {
    auth: "entra",
    tenantId,
    apiBase: "/api/v1",
    clientId: auth.clientId,
    authority,
    scope:
      env.LABELBRIDGE_ADMIN_SCOPE?.trim() ||
      `api://${new URL(publicUrl).host}/${auth.clientId}/access_as_user`,
  };
}

/** The console page's policy; `connect` adds the sign-in authority's origin. */
export function consoleCsp(nonce: string, connect: string[] = []): string {
  const directives: [string, string[]][] = [
    ["default-src", ["'none'"]],
    ["script-src", ["'self'"]],
    ["style-src", ["'self'", `'nonce-${nonce}'`]],
    ["img-src", ["'self'", "data:"]],
    ["font-src", ["'self'"]],
    ["connect-src", ["'self'", ...connect]],
    ["manifest-src", ["'self'"]],
    ["frame-src", ["'none'"]],
    ["frame-ancestors", ["'none'"]],
    ["object-src", ["'none'"]],
    ["base-uri", ["'none'"]],
    ["form-action", ["'none'"]],
  ];
  return directives.map(([name, values]) => `${name} ${values.join(" ")}`).join("; ");
}

const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Labelbridge admin</title>
<body><h1>The admin console is not built</h1>
<p>Run <code>npm run build:admin</code> (or <code>npm run build</code>), then reload this page.</p></body></html>`;

export default async function adminConsole(app: FastifyInstance, options: AdminConsoleOptions = {}) {
  const dir = options.dir ?? join(app.config.staticDir, "admin");
  const signIn = consoleSignIn(app.config.auth, options.env ?? process.env, app.config.publicUrl);
  const connect = signIn.authority ? [new URL(signIn.authority).origin] : [];
  let cached: { mtimeMs: number; html: string } | null = null;

  const page = (): string | null => {
    const file = join(dir, CONSOLE_PAGE);
    if (!existsSync(file)) return null;
    const { mtimeMs } = statSync(file);
    if (!cached || cached.mtimeMs !== mtimeMs) cached = { mtimeMs, html: readFileSync(file, "utf8") };
    return cached.html;
  };

  const sendPage = (reply: FastifyReply) => {
    const html = page();
    const nonce = randomBytes(18).toString("base64");
    reply
      .header("cache-control", "no-store")
      .header("x-frame-options", "DENY")
      .header("cross-origin-opener-policy", "same-origin")
      .header("content-security-policy", consoleCsp(nonce, connect))
      .type("text/html; charset=utf-8");
    if (html === null) return reply.code(503).send(NOT_BUILT);
    return reply.send(html.split(NONCE_PLACEHOLDER).join(nonce));
  };

  for (const path of CONSOLE_PATHS)
    app.get(path, { schema: { hide: true } }, async (_request, reply) => sendPage(reply));

  app.get("/admin/config.json", { schema: { hide: true } }, async (_request, reply) =>
    reply.header("cache-control", "no-store").send(signIn),
  );

  if (existsSync(dir) && statSync(dir).isDirectory()) {
    await app.register(fastifyStatic, {
      root: dir,
      prefix: "/admin/",
      decorateReply: false,
      index: false,
      dotfiles: "ignore",
      // Bundles carry a content hash in their names: a new build is a new URL.
      immutable: true,
      maxAge: "365d",
      allowedPath: (pathName) => !pathName.endsWith(".html"),
    });
  } else {
    app.get("/admin/*", { schema: { hide: true } }, async (_request, reply) =>
      reply.code(503).type("text/html; charset=utf-8").send(NOT_BUILT),
    );
  }
}
