/**
 * manifest.office.xml (Word, Excel, PowerPoint): valid against the offline XSDs, and consistent where the schema cannot see —
 * every resid defined, the launch event pointing at its runtime and at the function the event
 * bundle associates, the Sensitivity button opening the pane with the document.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { XMLParser } from "fast-xml-parser";
import { DOCUMENT_HANDLER_NAMES } from "../../src/addin/events/document";

const ROOT = join(__dirname, "..", "..");
const FILE = join(ROOT, "manifest.office.xml");
const xml = readFileSync(FILE, "utf8");

function all(pattern: RegExp): string[] {
  return [...xml.matchAll(pattern)].map((m) => m[1]);
}

it("validates against the Office add-in manifest schemas (xmllint, offline)", () => {
  // The repository's copy of the schemas (what `npm run validate` uses), so CI needs nothing outside.
  const schema = join(ROOT, "test", "addin", "schemas", "office-addin-manifest", "OfficeAppManifestV1_1.xsd");
  const out = execFileSync("xmllint", ["--noout", "--nonet", "--schema", schema, FILE], {
    encoding: "utf8",
    stdio: "pipe",
  });
  expect(out).toBe("");
});

it("defines every resid it uses", () => {
  const defined = new Set(all(/<bt:(?:Image|Url|String) id="([^"]+)"/g));
  const used = new Set(all(/resid="([^"]+)"/g));
  expect([...used].filter((r) => !defined.has(r))).toEqual([]);
});

it("runs OnDocumentOpened in the document-events runtime, for Word, Excel and PowerPoint, with the function the bundle associates", () => {
  type Node = { [key: string]: Node } & Node[] & string;
  const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(xml) as Node;
  const hosts = parsed.OfficeApp.VersionOverrides.Hosts.Host;
  expect(hosts.map((h) => h["xsi:type"])).toEqual(["Document", "Workbook", "Presentation"]);
  expect(all(/<Host Name="([^"]+)"\/>/g)).toEqual(["Document", "Workbook", "Presentation"]);
  for (const host of hosts) {
    const runtime = host.Runtimes.Runtime;
    const launch = host.DesktopFormFactor.ExtensionPoint.find((e) => e["xsi:type"] === "LaunchEvent") as Node;
    expect(launch.LaunchEvents.LaunchEvent).toEqual({
      Type: "OnDocumentOpened",
      FunctionName: DOCUMENT_HANDLER_NAMES.onDocumentOpened,
    });
    expect(launch.SourceLocation.resid).toBe(runtime.resid);
    expect(runtime.Override).toEqual({ type: "javascript", resid: "DocumentEventsJs.Url" });
  }
  expect(xml).toContain(
    '<bt:Url id="DocumentEvents.Url" DefaultValue="https://localhost:3000/document-events.html"/>',
  );
  expect(xml).toContain(
    '<bt:Url id="DocumentEventsJs.Url" DefaultValue="https://localhost:3000/document-events.js"/>',
  );
});

it("opens the shared task pane from a Sensitivity button that can open with the document", () => {
  expect(all(/<TaskpaneId>([^<]+)<\/TaskpaneId>/g)).toEqual(
    Array(3).fill("Office.AutoShowTaskpaneWithDocument"),
  );
  expect(xml).toContain('<bt:String id="TaskpaneButton.Label" DefaultValue="Sensitivity">');
  expect(xml).toContain('<SourceLocation DefaultValue="https://localhost:3000/taskpane.html"/>');
});
