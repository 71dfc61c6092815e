/**
 * OnDocumentOpened: default label on a new or unlabeled document, the pane set to open with a
 * document that must be labeled, audit events queued — and `event.completed()` exactly once on
 * every path, whatever fails.
 */
import type { AuditEvent } from "../../src/core/audit/event";
import type { EffectivePolicy } from "../../src/core/policy";
import { AUTO_SHOW_TASKPANE_SETTING, type DocumentUser } from "../../src/addin/hosts/documentHost";
import {
  DOCUMENT_HANDLER_NAMES,
  createDocumentHandlers,
  documentHostFor,
  type DocumentHandlerDeps,
} from "../../src/addin/events/document";
import { createFakeWord, propertyMap, type FakeWord } from "./fakes/word";
import { createFakeExcel } from "./fakes/excel";
import { createFakeOffice, type FakeOffice } from "./fakes/document/office";
import { L, internalPolicy, ourLabelProperties, removeGlobals } from "./documentSetup";
import { effectiveWith } from "../support/policyFixtures";

const PRIYA: DocumentUser = { name: "Priya Shah", principalName: "priya@contoso.com" };

function fakeEvent() {
  const calls: unknown[][] = [];
  return { calls, event: { completed: (...args: unknown[]) => void calls.push(args) } };
}

interface Harness {
  deps: DocumentHandlerDeps;
  audit: AuditEvent[];
  reports: Array<[string, unknown]>;
  office: FakeOffice;
}

function harness(
  office: FakeOffice,
  policy: () => Promise<EffectivePolicy | null>,
  overrides: Partial<DocumentHandlerDeps> = {},
): Harness {
  const audit: AuditEvent[] = [];
  const reports: Array<[string, unknown]> = [];
  let n = 0;
  const deps: DocumentHandlerDeps = {
    user: async () => PRIYA,
    host: (user) => documentHostFor(office.Office as unknown as typeof Office, user),
    policy: () => policy(),
    record: async (_user, events) => void audit.push(...events),
    now: () => new Date("2026-11-29T10:15:30Z"),
    newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`,
    deadlineMs: 2000,
    report: (what, error) => void reports.push([what, error]),
    ...overrides,
  };
  return { deps, audit, reports, office };
}

function wordSetup(
  properties: Record<string, string> = {},
  settings: Record<string, unknown> = {},
): { word: FakeWord; office: FakeOffice } {
  const word = createFakeWord({ sections: [{ headers: { Primary: ["Acme"] } }], properties });
  const office = createFakeOffice({
    host: "Word",
    url: "https://contoso.sharepoint.com/New%20plan.docx",
    settings,
  });
  (globalThis as { Word?: unknown }).Word = word.Word;
  return { word, office };
}

afterEach(() => removeGlobals());

describe("OnDocumentOpened in Word", () => {
  it("labels a new document with the default label (Standard), writes its header, audits it, completes once", async () => {
    const { word, office } = wordSetup();
    const h = harness(office, async () => internalPolicy());
    const { calls, event } = fakeEvent();

    await createDocumentHandlers(h.deps).onDocumentOpened(event);

    expect(calls).toEqual([[]]);
    expect(propertyMap(word.model)[`MSIP_Label_${L.general}_Method`]).toBe("Standard");
    expect(word.model.sections[0].headers.Primary.blocks[0]).toMatchObject({
      kind: "contentControl",
      children: [{ text: "Internal — Priya Shah" }],
    });
    expect(h.audit.map((e) => [e.type, e.labelId, e.actionSource, e.itemName])).toEqual([
      ["label-applied", L.general, "default", "New plan.docx"],
    ]);
    expect(office.savedSettings[AUTO_SHOW_TASKPANE_SETTING]).toBeUndefined();
  });

  it("mandatory without a default: sets the pane to open with the document and audits unlabeled-document", async () => {
    const { word, office } = wordSetup();
    const h = harness(office, async () =>
      effectiveWith({ defaultDocumentLabel: null, mandatoryDocuments: true }),
    );
    const { calls, event } = fakeEvent();

    await createDocumentHandlers(h.deps).onDocumentOpened(event);

    expect(calls).toEqual([[]]);
    expect(office.savedSettings[AUTO_SHOW_TASKPANE_SETTING]).toBe(true);
    expect(h.audit.map((e) => [e.type, e.reason])).toEqual([
      ["unlabeled-document", "mandatory-label-missing"],
    ]);
    expect(Object.keys(propertyMap(word.model))).toEqual([]);
  });

  it("leaves a labeled document's label alone and stops opening the pane with it", async () => {
    const { word, office } = wordSetup(
      ourLabelProperties(L.confidentialAllEmployees, "Confidential_AllEmployees"),
      {
        [AUTO_SHOW_TASKPANE_SETTING]: true,
      },
    );
    const before = propertyMap(word.model);
    const h = harness(office, async () => effectiveWith({ mandatoryDocuments: true }));
    const { calls, event } = fakeEvent();

    await createDocumentHandlers(h.deps).onDocumentOpened(event);

    expect(calls).toEqual([[]]);
    expect(propertyMap(word.model)).toEqual(before);
    expect(AUTO_SHOW_TASKPANE_SETTING in office.savedSettings).toBe(false);
    expect(h.audit).toEqual([]);
  });

  it("completes once when the policy cannot be loaded, when Word fails, and when nothing answers", async () => {
    const { office } = wordSetup();
    const failing = harness(office, async () => {
      throw new Error("backend down, no cache");
    });
    const a = fakeEvent();
    await createDocumentHandlers(failing.deps).onDocumentOpened(a.event);
    expect(a.calls).toEqual([[]]);

    const { word, office: office2 } = wordSetup();
    word.runtime.failNext({ match: () => true, code: "GeneralException" });
    const broken = harness(office2, async () => internalPolicy());
    const b = fakeEvent();
    await createDocumentHandlers(broken.deps).onDocumentOpened(b.event);
    expect(b.calls).toEqual([[]]);

    const hanging = harness(office2, () => new Promise<never>(() => undefined), { deadlineMs: 50 });
    const c = fakeEvent();
    await createDocumentHandlers(hanging.deps).onDocumentOpened(c.event);
    expect(c.calls).toEqual([[]]);
  });

  it("does nothing (but completes) without a signed-in user, or before the policy's deploy phase", async () => {
    const { word, office } = wordSetup();
    const noUser = harness(office, async () => internalPolicy(), { user: async () => null });
    const a = fakeEvent();
    await createDocumentHandlers(noUser.deps).onDocumentOpened(a.event);
    const discover = harness(office, async () => effectiveWith({}, "discover"));
    const b = fakeEvent();
    await createDocumentHandlers(discover.deps).onDocumentOpened(b.event);
    expect([a.calls, b.calls]).toEqual([[[]], [[]]]);
    expect(propertyMap(word.model)).toEqual({});
  });
});

describe("OnDocumentOpened in Excel", () => {
  it("labels an unlabeled workbook by default, marks every sheet, and registers no sheet watcher in the event runtime", async () => {
    const excel = createFakeExcel({ sheets: [{ name: "Budget" }, { name: "Notes" }] });
    (globalThis as { Excel?: unknown }).Excel = excel.Excel;
    const office = createFakeOffice({ host: "Excel", url: "C:\\Users\\priya\\Budget.xlsx" });
    const h = harness(office, async () => internalPolicy());
    const { calls, event } = fakeEvent();

    await createDocumentHandlers(h.deps).onDocumentOpened(event);

    expect(calls).toEqual([[]]);
    expect(excel.model.worksheets.map((s) => s.headersFooters.defaultForAllPages.centerHeader)).toEqual([
      '&1#&"Calibri,Regular"&10&K000000Internal — Priya Shah',
      '&1#&"Calibri,Regular"&10&K000000Internal — Priya Shah',
    ]);
    expect(excel.model.addedHandlers).toEqual([]);
    expect(excel.runtime.stats.roundTrips).toBe(2); // 1 read + 1 write
    expect(h.audit[0].itemName).toBe("Budget.xlsx");
  });

  it("does not label PowerPoint (no adapter yet) and still completes", async () => {
    const office = createFakeOffice({ host: "PowerPoint" });
    const h = harness(office, async () => internalPolicy());
    const { calls, event } = fakeEvent();
    await createDocumentHandlers(h.deps).onDocumentOpened(event);
    expect(calls).toEqual([[]]);
    expect(h.audit).toEqual([]);
  });
});

describe("the bundle entry", () => {
  it("associates onDocumentOpened at load time", () => {
    const office = createFakeOffice({ host: "Word" });
    (globalThis as { Office?: unknown }).Office = office.Office;
    jest.isolateModules(() => {
      jest.requireActual("../../src/addin/events/document");
    });
    expect([...office.actions.keys()]).toEqual([DOCUMENT_HANDLER_NAMES.onDocumentOpened]);
  });
});
