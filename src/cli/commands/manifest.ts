/**
 * `labelbridge manifest --base-url https://labels.example.com [--out DIR] [--version X.Y.Z.W]`: the
 * Outlook manifest (manifest.xml: messages, meetings, Outlook mobile) and the Word/Excel/PowerPoint
 * manifest (manifest.office.xml) for the server that will host the add-in, from the repository's
 * manifests as templates.
 *
 * Every URL of the template's origin moves to the new base, the AppDomains to the new origin; the
 * result must hold no URL of the template's host, only https URLs, every `resid` defined under
 * Resources, and two different add-in ids; then both files must validate offline with xmllint
 * against the Office add-in manifest schemas. Only then are they written (never half a pair).
 *
 * `--client-id` adds the Entra app's `<WebApplicationInfo>`: without it Office single sign-on
 * (`OfficeRuntime.auth.getAccessToken`, which the event handlers use) has no application to ask for.
 */
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Command } from "commander";

export const MANIFESTS = ["manifest.xml", "manifest.office.xml"] as const;
const REPO_ROOT = resolve(__dirname, "..", "..", "..");
export const SCHEMA_ENTRY = "OfficeAppManifestV1_1.xsd";

/** A problem with what was asked (`usage`: exit 2) or with the templates or the result (exit 1). */
export class ManifestError extends Error {
  constructor(
    message: string,
    readonly usage = false,
  ) {
    super(message);
    this.name = "ManifestError";
  }
}

/** The add-in's base URL: https only, no query, fragment or credentials; no trailing slash. */
export function parseBaseUrl(raw: string): { base: string; origin: string } {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ManifestError(`--base-url: '${raw}' is not a URL like https://labels.example.com`, true);
  }
  if (url.protocol === "http:")
    throw new ManifestError(
      `--base-url: refusing ${url.origin}: Office loads add-ins only over HTTPS; use https://${url.host}${url.pathname === "/" ? "" : url.pathname}`,
      true,
    );
  if (url.protocol !== "https:")
    throw new ManifestError(`--base-url: '${raw}' must be an https:// URL`, true);
  if (url.username || url.password)
    throw new ManifestError("--base-url: must not carry a user name or password", true);
  if (url.search || url.hash || raw.includes("?") || raw.includes("#"))
    throw new ManifestError("--base-url: must not have a query (?…) or a fragment (#…)", true);
  const path = url.pathname.replace(/\/+$/, "");
  return { base: `${url.origin}${path}`, origin: url.origin };
}

/** X, X.Y, X.Y.Z or X.Y.Z.W, each part 0–99999 (the schema's version type). */
export function parseVersion(raw: string): string {
  if (!/^\d{1,5}(\.\d{1,5}){0,3}$/.test(raw.trim()))
    throw new ManifestError(
      `--version: '${raw}' must look like 1.2.0.0 (up to four numbers of up to five digits)`,
      true,
    );
  return raw.trim();
}

/** Name-based UUID (RFC 4122 version 5) in the template id's namespace: same base URL, same id. */
export function derivedId(templateId: string, base: string): string {
  const ns = Buffer.from(templateId.replace(/-/g, ""), "hex");
  const hash = createHash("sha1").update(ns).update(base, "utf8").digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const h = hash.subarray(0, 16).toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Applies `edit` to the text outside XML comments, so comments are never rewritten by accident. */
function outsideComments(xml: string, edit: (text: string) => string): string {
  return xml
    .split(/(<!--[\s\S]*?-->)/)
    .map((part) => (part.startsWith("<!--") ? part : edit(part)))
    .join("");
}

/** The origin the template was written for: its first AppDomain. */
export function templateOrigin(xml: string, name: string): string {
  const m = /<AppDomain>\s*([^<\s]+)\s*<\/AppDomain>/.exec(outsideComments(xml, (t) => t));
  if (!m) throw new ManifestError(`${name}: the template has no <AppDomain> to take its origin from`);
  return new URL(m[1]).origin;
}

export interface RewriteOptions {
  /** Template file name, for the header and messages. */
  name: string;
  base: string;
  origin: string;
  version?: string;
  id?: string;
  /** The Entra application for Office SSO, written as `<WebApplicationInfo>`. */
  webApplication?: WebApplication;
}

export interface WebApplication {
  clientId: string;
  /** The Application ID URI: `api://<add-in host>/<client id>` unless the admin names another. */
  resource: string;
}

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/**
 * The application Office SSO asks tokens for. Office requires the resource's domain to be the
 * add-in's and the resource to end with the client id (docs/reference/office-js.md §7), so a resource that does
 * not is refused here rather than by a sign-in that fails in front of a user.
 */
export function parseWebApplication(clientId: string, origin: string, resource?: string): WebApplication {
  const id = clientId.trim();
  if (!GUID.test(id))
    throw new ManifestError(
      `--client-id: '${clientId}' is not an application (client) id like 6f1c3c1e-3c0f-4f5e-9b0a-1f2e3d4c5b6a`,
      true,
    );
  const host = new URL(origin).host;
  const uri = (resource ?? `api://${host}/${id}`).trim().replace(/\/+$/, "");
  if (!uri.startsWith(`api://${host}/`) || !uri.toLowerCase().endsWith(`/${id.toLowerCase()}`))
    throw new ManifestError(
      `--api-resource: '${resource}' must be api://${host}/…/${id} (the add-in's domain, ending with the client id)`,
      true,
    );
  return { clientId: id, resource: uri };
}

/**
 * Writes (or replaces) `<WebApplicationInfo>` where the schema wants it: the last child of the
 * innermost VersionOverrides before `<ExtendedPermissions>` (Outlook 1.1) or `<EquivalentAddins>`
 * (Word/Excel). Scopes are the ones Office SSO documents for an add-in's own API.
 */
export function withWebApplicationInfo(xml: string, app: WebApplication): string {
  const close = xml.indexOf("</VersionOverrides>");
  if (close < 0) throw new ManifestError("the template has no <VersionOverrides> for <WebApplicationInfo>");
  const closeLine = xml.lastIndexOf("\n", close) + 1;
  const tail = /<(?:ExtendedPermissions|EquivalentAddins)>/.exec(xml.slice(0, close));
  // Insert at the start of the line that holds the next sibling (or the closing tag).
  const at = tail ? xml.lastIndexOf("\n", tail.index) + 1 : closeLine;
  const indent = tail ? xml.slice(at, tail.index) : `${xml.slice(closeLine, close)}  `;
  const i = `${indent}  `;
  const block = [
    `${indent}<WebApplicationInfo>`,
    `${i}<Id>${app.clientId}</Id>`,
    `${i}<Resource>${app.resource}</Resource>`,
    `${i}<Scopes>`,
    `${i}  <Scope>openid</Scope>`,
    `${i}  <Scope>profile</Scope>`,
    `${i}</Scopes>`,
    `${indent}</WebApplicationInfo>`,
  ].join("\n");
  const existing = /[ \t]*<WebApplicationInfo>[\s\S]*?<\/WebApplicationInfo>/;
  if (existing.test(xml)) return xml.replace(existing, block);
  return `${xml.slice(0, at)}${block}\n${xml.slice(at)}`;
}

export function rewriteManifest(xml: string, options: RewriteOptions): string {
  const from = templateOrigin(xml, options.name);
  const url = new RegExp(`${escapeRegExp(from)}(?=[/"'<?#]|$)`, "g");
  let out = outsideComments(xml, (text) =>
    text
      .replace(
        /(<AppDomain>\s*)([^<\s]+)(\s*<\/AppDomain>)/g,
        (all, open: string, value: string, close: string) =>
          new URL(value).origin === from ? `${open}${options.origin}${close}` : all,
      )
      .replace(url, options.base),
  );
  if (options.version !== undefined)
    out = out.replace(/<Version>[^<]*<\/Version>/, `<Version>${options.version}</Version>`);
  if (options.id !== undefined) out = out.replace(/<Id>[^<]*<\/Id>/, `<Id>${options.id}</Id>`);
  if (options.webApplication) out = withWebApplicationInfo(out, options.webApplication);
  // The template's header talks about development URLs; the generated file says where it came from.
  const header =
    `<!--\n  Generated by \`labelbridge manifest\` from ${options.name} for ${options.base}.\n` +
    `  Upload it in the Microsoft 365 admin center (Settings > Integrated apps > Upload custom apps),\n` +
    `  or sideload it; see docs/deploy.md. Change the version whenever you change the manifest.\n-->\n`;
  out = out.replace(/^(<\?xml[^>]*\?>\s*)(<!--[\s\S]*?-->\s*)?/, (_all, decl: string) => `${decl}${header}`);
  return out;
}

/** What schema validation cannot see: leftover template URLs, plain http, undefined resids. */
export function checkManifest(xml: string, name: string, base: string, templateOriginUrl: string): string[] {
  const problems: string[] = [];
  const body = outsideComments(xml, (t) => t).replace(/<!--[\s\S]*?-->/g, "");
  const origin = new URL(base).origin;
  if (templateOriginUrl !== origin && body.includes(templateOriginUrl))
    problems.push(`${name}: still names ${templateOriginUrl}`);
  for (const m of body.matchAll(
    /\b(?:DefaultValue|Value)="(https?:\/\/[^"]*)"|>\s*(https?:\/\/[^<\s]*)\s*</g,
  )) {
    const value = m[1] ?? m[2];
    if (!value.startsWith("https://")) problems.push(`${name}: ${value} is not https`);
  }
  const domains = [...body.matchAll(/<AppDomain>\s*([^<\s]+)\s*<\/AppDomain>/g)].map((m) => m[1]);
  if (!domains.includes(origin)) problems.push(`${name}: no <AppDomain> for ${origin}`);
  const defined = new Set([...body.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]));
  for (const m of body.matchAll(/\bresid="([^"]+)"/g))
    if (!defined.has(m[1])) problems.push(`${name}: resid "${m[1]}" is not defined under <Resources>`);
  if (!GUID.test(/<Id>([^<]*)<\/Id>/.exec(body)?.[1] ?? "")) problems.push(`${name}: <Id> is not a GUID`);
  return [...new Set(problems)];
}

export function findSchemas(explicit?: string): string {
  const candidates = explicit
    ? [resolve(explicit)]
    : [
        join(REPO_ROOT, "test", "addin", "schemas", "office-addin-manifest"),
        resolve(REPO_ROOT, "..", "shared", "schemas", "office-addin-manifest"),
      ];
  const found = candidates.find((dir) => existsSync(join(dir, SCHEMA_ENTRY)));
  if (!found)
    throw new ManifestError(
      `no Office add-in manifest schemas (${SCHEMA_ENTRY}) in ${candidates.join(" or ")}; pass --schemas DIR`,
      explicit !== undefined,
    );
  return found;
}

/** xmllint --schema, offline; throws with xmllint's own messages when a file does not validate. */
export function validateOffline(files: string[], schemasDir: string): void {
  const result = spawnSync(
    "xmllint",
    ["--noout", "--nonet", "--schema", join(schemasDir, SCHEMA_ENTRY), ...files],
    { encoding: "utf8" },
  );
  if (result.error)
    throw new ManifestError(
      `xmllint could not run (${(result.error as NodeJS.ErrnoException).code ?? result.error.message}); install libxml2-utils`,
    );
  if (result.status !== 0)
    throw new ManifestError(`the manifests do not validate against ${schemasDir}:\n${result.stderr.trim()}`);
}

export interface ManifestRequest {
  baseUrl: string;
  out: string;
  version?: string;
  clientId?: string;
  apiResource?: string;
  newIds?: boolean;
  templates?: string;
  schemas?: string;
}

export interface ManifestResult {
  base: string;
  files: { path: string; id: string; version: string }[];
}

export function writeManifests(request: ManifestRequest): ManifestResult {
  const { base, origin } = parseBaseUrl(request.baseUrl);
  const version = request.version === undefined ? undefined : parseVersion(request.version);
  if (request.apiResource !== undefined && request.clientId === undefined)
    throw new ManifestError("--api-resource needs --client-id", true);
  const webApplication =
    request.clientId === undefined
      ? undefined
      : parseWebApplication(request.clientId, origin, request.apiResource);
  const templates = resolve(request.templates ?? REPO_ROOT);
  const out = resolve(request.out);
  const schemas = findSchemas(request.schemas);

  const results: { name: string; xml: string; id: string; version: string }[] = [];
  for (const name of MANIFESTS) {
    const path = join(templates, name);
    if (!existsSync(path)) throw new ManifestError(`template ${path} does not exist`);
    if (resolve(out, name) === path)
      throw new ManifestError(
        `--out ${request.out} would overwrite the template ${path}; choose another folder`,
        true,
      );
    const template = readFileSync(path, "utf8");
    const from = templateOrigin(template, name);
    const templateId = /<Id>([^<]+)<\/Id>/.exec(template)?.[1]?.trim();
    if (!templateId) throw new ManifestError(`${name}: the template has no <Id>`);
    const id = request.newIds ? derivedId(templateId, base) : templateId;
    const xml = rewriteManifest(template, { name, base, origin, version, id, webApplication });
    const problems = checkManifest(xml, name, base, from);
    if (problems.length > 0) throw new ManifestError(problems.join("\n"));
    results.push({ name, xml, id, version: /<Version>([^<]+)<\/Version>/.exec(xml)![1] });
  }
  if (results[0].id.toLowerCase() === results[1].id.toLowerCase())
    throw new ManifestError(
      `${MANIFESTS[0]} and ${MANIFESTS[1]} have the same <Id> ${results[0].id}: two add-ins need two ids`,
    );

  // Validate the pair where nobody looks, then move both in: never one new and one old manifest.
  const scratch = mkdtempSync(join(tmpdir(), "labelbridge-manifest-"));
  try {
    const staged = results.map((r) => {
      const path = join(scratch, r.name);
      writeFileSync(path, r.xml);
      return path;
    });
    validateOffline(staged, schemas);
    mkdirSync(out, { recursive: true });
    const files = results.map((r) => {
      const target = join(out, r.name);
      const temp = `${target}.tmp-${process.pid}`;
      writeFileSync(temp, r.xml);
      return { temp, target, r };
    });
    for (const f of files) renameSync(f.temp, f.target);
    return { base, files: files.map((f) => ({ path: f.target, id: f.r.id, version: f.r.version })) };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

export function register(program: Command): void {
  program
    .command("manifest")
    .description(
      "Write manifest.xml (Outlook, meetings, Outlook mobile) and manifest.office.xml (Word, Excel, PowerPoint) for the server at --base-url, validated offline",
    )
    .requiredOption(
      "--base-url <url>",
      "where the add-in is served, e.g. https://labels.example.com (https only)",
    )
    .option("--out <dir>", "folder to write both manifests to", "manifests")
    .option("--version <x.y.z.w>", "the add-in version to write (raise it whenever the manifest changes)")
    .option(
      "--client-id <guid>",
      "the add-in's Entra application (client) id: adds <WebApplicationInfo> so Office single sign-on works",
    )
    .option(
      "--api-resource <uri>",
      "with --client-id: the Application ID URI (default api://<base URL host>/<client id>)",
    )
    .option(
      "--new-ids",
      "derive both add-in ids from the base URL (a second deployment, e.g. staging, in the same tenant)",
    )
    .option("--templates <dir>", "folder with the template manifests (default: the repository)")
    .option("--schemas <dir>", "Office add-in manifest schemas for xmllint (default: the repository's copy)")
    .action((options: ManifestRequest) => {
      try {
        const result = writeManifests(options);
        const lines = [
          `Manifests for ${result.base} (validated offline):`,
          ...result.files.map((f) => `  ${f.path}  id ${f.id}  version ${f.version}`),
          "Upload them in the Microsoft 365 admin center (Settings > Integrated apps > Upload custom apps) to a pilot group first; see docs/deploy.md.",
        ];
        process.stdout.write(`${lines.join("\n")}\n`);
      } catch (err) {
        if (!(err instanceof ManifestError)) throw err;
        process.stderr.write(`labelbridge manifest: ${err.message}\n`);
        process.exitCode = err.usage ? 2 : 1;
      }
    });
}
