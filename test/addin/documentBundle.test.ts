/**
 * The built Word/Excel event bundle (dist/document-events.js, manifest.office.xml's
 * DocumentEventsJs.Url) and its page (dist/document-events.html, DocumentEvents.Url): one ES2016
 * script that Word on Windows can load alone, in a runtime without DOM, localStorage or ES2017
 * built-ins, and that labels a new document when OnDocumentOpened fires.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as vm from "node:vm";
import * as acorn from "acorn";
import { DOCUMENT_HANDLER_NAMES } from "../../src/addin/events/document";
import { createFakeOffice } from "./fakes/document/office";
import { createFakeWord, propertyMap } from "./fakes/word";
import { L, internalPolicy } from "./documentSetup";
import { ES2016_RUNTIME, runtimeGlobals } from "./jsOnlyRuntime";

const DIST = join(__dirname, "..", "..", "dist");

function built(file: string): string {
  const path = join(DIST, file);
  if (!existsSync(path)) throw new Error(`dist/${file} is not built: run \`npm run build:addin\` first.`);
  return readFileSync(path, "utf8");
}

const TOKEN = `x.${Buffer.from(
  JSON.stringify({ name: "Priya Shah", preferred_username: "priya@contoso.com" }),
).toString("base64url")}.sig`;

it("parses as an ES2016 script: one file, no import/export, no dynamic import, no currentScript", () => {
  const source = built("document-events.js");
  expect(() => acorn.parse(source, { ecmaVersion: 2016, sourceType: "script" })).not.toThrow();
  expect(source).not.toMatch(/document\.currentScript|\bimport\(/);
  // No React in the event runtime.
  expect(source).not.toMatch(/react\.production|__SECRET_INTERNALS|createElement\(/);
});

it("has a page that loads office.js and then the bundle, at the URLs manifest.office.xml names", () => {
  const html = built("document-events.html");
  const scripts = [...html.matchAll(/<script[^>]*src="?([^"\s>]+)"?/g)].map((m) => m[1]);
  expect(scripts).toEqual([
    "https://appsforoffice.microsoft.com/lib/1/hosted/office.js",
    "document-events.js",
  ]);
  const manifest = readFileSync(join(__dirname, "..", "..", "manifest.office.xml"), "utf8");
  const url = (id: string) => new RegExp(`<bt:Url id="${id}" DefaultValue="([^"]+)"`).exec(manifest)![1];
  expect(new URL(scripts[1], url("DocumentEvents.Url")).href).toBe(url("DocumentEventsJs.Url"));
  expect(built("manifest.office.xml")).toBe(manifest);
});

it("labels a new Word document on open, in a JavaScript-only runtime without ES2017 built-ins", async () => {
  const word = createFakeWord({ sections: [{ headers: { Primary: ["Acme"] } }] });
  const office = createFakeOffice({ host: "Word", url: "https://contoso.sharepoint.com/New%20plan.docx" });
  const storage = new Map<string, string>([["labelbridge.devToken", TOKEN]]);
  const requests: string[] = [];
  const audit: Array<{ type: string; app: string }> = [];
  const context = vm.createContext({
    Office: office.Office,
    Word: word.Word,
    ...runtimeGlobals(storage),
    fetch: async (url: string, init: { method: string; headers: Record<string, string>; body?: string }) => {
      requests.push(`${init.method} ${url} ${init.headers.Authorization ?? init.headers.authorization}`);
      if (init.method === "POST") audit.push(...JSON.parse(init.body!).events);
      return {
        status: init.method === "GET" ? 200 : 202,
        headers: { get: () => null },
        text: async () => (init.method === "GET" ? JSON.stringify(internalPolicy()) : "{}"),
      };
    },
  });
  vm.runInContext(ES2016_RUNTIME, context);
  expect(vm.runInContext("typeof globalThis + typeof window + typeof localStorage", context)).toBe(
    "undefinedundefinedundefined",
  );

  vm.runInContext(built("document-events.js"), context, { filename: "document-events.js" });
  expect([...office.actions.keys()]).toEqual([DOCUMENT_HANDLER_NAMES.onDocumentOpened]);

  const completions: unknown[][] = [];
  await office.actions.get(DOCUMENT_HANDLER_NAMES.onDocumentOpened)!({
    completed: (...args: unknown[]) => void completions.push(args),
  });
  await new Promise((r) => setTimeout(r, 50)); // the audit flush runs after completing

  expect(completions).toEqual([[]]);
  expect(propertyMap(word.model)[`MSIP_Label_${L.general}_Method`]).toBe("Standard");
  expect(word.model.sections[0].headers.Primary.blocks[0]).toMatchObject({
    kind: "contentControl",
    children: [{ text: "Internal — Priya Shah" }],
  });
  expect(requests[0]).toBe(`GET https://localhost:3000/api/v1/policy Bearer ${TOKEN}`);
  expect(audit.map((e) => [e.type, e.app])).toEqual([["label-applied", "Word"]]);
});
