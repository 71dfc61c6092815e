/**
 * GET /: what this server is and where to go next — the admin console, the task pane, the API
 * docs, the manifests and how to sideload them. The manifests' SupportUrl and "Learn more" link
 * point here, so it must be a page a person can read, not the API's 404.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { PAGES, SIDELOAD } from "../sideload";

export interface HomeOptions {
  staticDir: string;
  authMode: "entra" | "dev";
}

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );

const link = (href: string, text: string) => `<a href="${escape(href)}">${escape(text)}</a>`;

export function homePage(options: HomeOptions): string {
  const built = (file: string) => existsSync(join(options.staticDir, file));
  const items = [
    `<li>${link(PAGES.admin, "Admin console")}: labels, policies, rollout and reports (needs an admin token).</li>`,
    built("taskpane.html")
      ? `<li>${link(PAGES.taskpane, "Task pane")}: the page Office opens in its side pane.</li>`
      : `<li>Task pane: not built yet (<code>npm run build:addin</code>).</li>`,
    `<li>${link(PAGES.docs, "API documentation")} (OpenAPI) and ${link(PAGES.health, "health")}.</li>`,
  ];
  const sideload = SIDELOAD.map((s) =>
    built(s.manifest)
      ? `<li><strong>${escape(s.host)}</strong>: ${link(`/${s.manifest}`, s.manifest)}; ${escape(s.steps)}. ${escape(s.then)}</li>`
      : `<li><strong>${escape(s.host)}</strong>: ${escape(s.manifest)} is not built yet (<code>npm run build:addin</code>).</li>`,
  );
  const tokens =
    options.authMode === "dev"
      ? `<p>This server accepts development tokens: <code>node bin/labelbridge.js token --user sam@contoso.com</code>
   (add <code>--admin</code> for the console) prints one to paste in the task pane's settings.</p>`
      : `<p>People sign in with Microsoft Entra ID.</p>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Labelbridge</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #242424; }
  code { background: #f3f3f3; padding: 0 .2em; }
  @media (prefers-color-scheme: dark) { body { background: #1f1f1f; color: #e6e6e6; } a { color: #6cb8f6; } code { background: #333; } }
</style>
</head>
<body>
<h1>Labelbridge</h1>
<p>This is a Labelbridge policy backend: it serves the sensitivity labels and labeling policies of
Microsoft 365 tenants to the Labelbridge add-in for Outlook, Word and Excel, records what people
label, and reports on it. The add-in's pages are served here too.</p>
<h2 id="start">Where to go</h2>
<ul>
${items.join("\n")}
</ul>
<h2 id="sideload">Install the add-in for yourself</h2>
<ul>
${sideload.join("\n")}
</ul>
<p>Office loads add-ins only from HTTPS it trusts: on a development machine, trust the certificate
authority <code>npm start</code> created (<code>~/.office-addin-dev-certs/ca.crt</code>) where Office runs.</p>
${tokens}
<h2 id="help">Help</h2>
<p>Ask the people who run this server. Labelbridge is open source (MIT); its README and <code>docs/</code> folder
describe the add-in, the scanner and how to deploy the server.</p>
</body>
</html>
`;
}

export default async function homeRoutes(app: FastifyInstance, options: HomeOptions): Promise<void> {
  app.get("/", { schema: { hide: true } }, async (_request, reply) =>
    reply
      .header("content-type", "text/html; charset=utf-8")
      .header("cache-control", "no-cache")
      .send(homePage(options)),
  );
}
