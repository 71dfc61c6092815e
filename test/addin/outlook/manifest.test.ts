/**
 * manifest.xml against the schemas (offline) and against the code: what the schema cannot check —
 * every handler the manifest names is associated by the event bundle and vice versa, the Smart
 * Alerts commandId is a real compose button, every resid resolves, the icons exist in their sizes.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { HANDLER_NAMES } from "../../../src/addin/events/outlookHandlers";
import { MEETING_TASKPANE_COMMAND_ID, TASKPANE_COMMAND_ID } from "../../../src/addin/hosts/outlook";

const ROOT = join(__dirname, "..", "..", "..");
const MANIFEST = join(ROOT, "manifest.xml");
const SCHEMA = join(ROOT, "test/addin/schemas/office-addin-manifest/OfficeAppManifestV1_1.xsd");
const xml = readFileSync(MANIFEST, "utf8");

function all(re: RegExp, text = xml): RegExpExecArray[] {
  return [...text.matchAll(new RegExp(re.source, "g"))];
}

function pngSize(file: string): [number, number] {
  const b = readFileSync(file);
  expect(b.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

describe("manifest.xml", () => {
  it("validates offline against the add-in manifest schemas", () => {
    const r = spawnSync("xmllint", ["--noout", "--nonet", "--schema", SCHEMA, MANIFEST], {
      encoding: "utf8",
    });
    expect(r.error).toBeUndefined();
    expect(r.stderr.trim()).toBe(`${MANIFEST} validates`);
    expect(r.status).toBe(0);
  });

  it("names exactly the handlers the event bundle associates, with one SoftBlock OnMessageSend and OnAppointmentSend", () => {
    const events = all(/<LaunchEvent Type="([^"]+)" FunctionName="([^"]+)"( SendMode="([^"]+)")?\/>/).map(
      (m) => ({
        type: m[1],
        fn: m[2],
        sendMode: m[4],
      }),
    );
    // OnNewMessageCompose is named twice: for the desktop and for Outlook mobile.
    expect([...new Set(events.map((e) => e.fn))].sort()).toEqual(Object.values(HANDLER_NAMES).sort());
    expect(events.filter((e) => e.type === "OnMessageSend")).toEqual([
      { type: "OnMessageSend", fn: "onMessageSend", sendMode: "SoftBlock" },
    ]);
    expect(events.filter((e) => e.type === "OnAppointmentSend")).toEqual([
      { type: "OnAppointmentSend", fn: "onAppointmentSend", sendMode: "SoftBlock" },
    ]);
    expect(events.map((e) => e.type).sort()).toEqual(
      [
        "OnAppointmentSend",
        "OnMessageAttachmentsChanged",
        "OnMessageRecipientsChanged",
        "OnMessageSend",
        "OnNewAppointmentOrganizer",
        "OnNewMessageCompose",
        "OnNewMessageCompose",
        "OnSensitivityLabelChanged",
      ].sort(),
    );
  });

  it("offers the pane on meetings being organised, activated for appointments in edit form", () => {
    expect(xml).toContain('<Rule xsi:type="ItemIs" ItemType="Appointment" FormType="Edit"/>');
    const inner = xml.slice(xml.indexOf('xsi:type="VersionOverridesV1_1"'));
    const meeting = inner.slice(
      inner.indexOf('<ExtensionPoint xsi:type="AppointmentOrganizerCommandSurface">'),
    );
    expect(meeting).toContain(`<Control xsi:type="Button" id="${MEETING_TASKPANE_COMMAND_ID}">`);
  });

  it("on Outlook mobile: the read pane and OnNewMessageCompose only (mobile has no send event)", () => {
    const mobile = xml.slice(xml.indexOf("<MobileFormFactor>"), xml.indexOf("</MobileFormFactor>"));
    expect(all(/<ExtensionPoint xsi:type="([^"]+)">/, mobile).map((m) => m[1])).toEqual([
      "MobileMessageReadCommandSurface",
      "LaunchEvent",
    ]);
    expect(all(/<LaunchEvent Type="([^"]+)"/, mobile).map((m) => m[1])).toEqual(["OnNewMessageCompose"]);
    const icons = all(/<bt:Image size="(\d+)" scale="(\d)" resid="Icon\.(\d+)x\d+"\/>/, mobile);
    expect(icons.map((m) => `${m[1]}@${m[2]}`)).toEqual(
      ["25", "32", "48"].flatMap((size) => ["1", "2", "3"].map((scale) => `${size}@${scale}`)),
    );
    // Each size at each scale points at an icon at least that many pixels wide.
    for (const m of icons) expect(Number(m[3])).toBeGreaterThanOrEqual(Number(m[1]) * Number(m[2]) * 0.8);
  });

  it("points Smart Alerts' commandId at the compose task pane button", () => {
    const compose = xml.slice(xml.lastIndexOf('<ExtensionPoint xsi:type="MessageComposeCommandSurface">'));
    expect(compose).toContain(`<Control xsi:type="Button" id="${TASKPANE_COMMAND_ID}">`);
    const ids = all(/<Control xsi:type="Button" id="([^"]+)"/).map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("resolves every resid in its VersionOverrides, over https, to files the build produces", () => {
    const inner = xml.slice(xml.indexOf('xsi:type="VersionOverridesV1_1"'));
    const outer = xml.slice(
      xml.indexOf('xsi:type="VersionOverridesV1_0"'),
      xml.indexOf('xsi:type="VersionOverridesV1_1"'),
    );
    for (const part of [outer, inner]) {
      const defined = new Set(all(/<bt:(?:Image|Url|String) id="([^"]+)"/, part).map((m) => m[1]));
      const scope = part === outer ? outer.slice(0, outer.indexOf("<VersionOverrides")) : part;
      for (const m of all(/resid="([^"]+)"/, scope)) expect(defined).toContain(m[1]);
    }
    const urls = all(/DefaultValue="(https?:\/\/[^"]+)"/).map((m) => m[1]);
    for (const url of urls) expect(url.startsWith("https://localhost:3000/")).toBe(true);
    expect(urls).toContain("https://localhost:3000/events/launchevent.js");
    expect(urls).toContain("https://localhost:3000/commands.html");
    expect(urls).toContain("https://localhost:3000/taskpane.html");
    expect(inner).toContain('<Runtime resid="WebViewRuntime.Url">');
    expect(inner).toContain('<Override type="javascript" resid="JSRuntime.Url"/>');
    expect(inner).toContain('<SourceLocation resid="WebViewRuntime.Url"/>');
  });

  it("asks for ReadWriteItem (the label API needs it) and AppendOnSend (body marking at send)", () => {
    expect(xml).toContain("<Permissions>ReadWriteItem</Permissions>");
    expect(xml).toContain("<ExtendedPermission>AppendOnSend</ExtendedPermission>");
  });

  it("has real PNG icons in the sizes it names", () => {
    for (const m of all(/assets\/icon-(\d+)\.png/)) {
      const size = Number(m[1]);
      expect(pngSize(join(ROOT, "assets", `icon-${size}.png`))).toEqual([size, size]);
    }
    for (const m of all(/<bt:Image size="(\d+)" resid="Icon\.(\d+)x(\d+)"\/>/)) expect(m[1]).toBe(m[2]);
  });
});
