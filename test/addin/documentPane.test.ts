/**
 * The task pane (controller.ts) on a Word document and an Excel workbook, against the fake hosts:
 * what opening the pane does (default label, mandatory state), what a person's label change writes
 * and audits — with the app the document lives in — and how many round trips it costs.
 */
import type { AuditEvent } from "../../src/core/audit";
import type { EffectivePolicy } from "../../src/core/policy";
import { createDocumentHandlers } from "../../src/addin/events/document";
import { AUTO_SHOW_TASKPANE_SETTING, UNLABELED_OPEN_SETTING } from "../../src/addin/hosts/documentHost";
import { ExcelHost } from "../../src/addin/hosts/excel";
import { WordHost } from "../../src/addin/hosts/word";
import { WORD_MARK_TAGS } from "../../src/addin/hosts/wordMarking";
import { en } from "../../src/addin/i18n/en";
import { fr } from "../../src/addin/i18n/fr";
import { warningText } from "../../src/addin/i18n/warnings";
import { effectiveWith } from "../support/policyFixtures";
import { createFakeExcel, propertyMap as workbookProperties } from "./fakes/excel";
import { createFakeOffice } from "./fakes/document/office";
import { allContentControls, createFakeWord, propertyMap } from "./fakes/word";
import { ourLabelIn, pane, PRIYA, wordDocument, workbook, type Pane } from "./documentPaneHarness";
import {
  L,
  OUR_TENANT,
  PARTNER_LABEL,
  PARTNER_PROPERTIES,
  internalPolicy,
  ourLabelProperties,
} from "./documentSetup";

const key = (labelId: string, suffix: string) => `MSIP_Label_${labelId}_${suffix}`;

/** Mandatory labeling, no default: the person has to choose. */
const mandatoryNoDefault = () =>
  effectiveWith({ mandatoryDocuments: true, defaultDocumentLabel: null, justificationRequired: true });

/** The policy's label header written differently per app, to see which app the pane decides for. */
function perAppPolicy(): EffectivePolicy {
  const p = effectiveWith({ justificationRequired: true, defaultDocumentLabel: null });
  const labels = p.labels.map((l) =>
    l.id === L.general
      ? {
          ...l,
          marking: {
            header: {
              enabled: true,
              text: "${If.App.W}Word copy${If.End}${If.App.X}Workbook copy${If.End}${If.App.O}Mail copy${If.End}",
              fontSize: 10,
              fontColor: "#000000",
              alignment: "Center" as const,
            },
          },
        }
      : l,
  );
  return { ...p, labels };
}

const disposers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const d of disposers.splice(0)) await d();
});
function track(host: WordHost | ExcelHost, p: Pane): Pane {
  disposers.push(async () => {
    p.controller.dispose();
    await host.dispose();
  });
  return p;
}

describe("the pane opening on a document", () => {
  it("Word: puts the default label on a new document (Standard, header with the person's name), says so, audits it as Word", async () => {
    const { word, office, host } = wordDocument();
    const { controller, audit } = track(host, await pane(host, internalPolicy()));
    const s = controller.getState();
    expect(s.phase).toBe("ready");
    expect(s.current).toEqual({ labelId: L.general, method: "Standard" });
    expect(s.notice).toEqual({ kind: "info", text: 'Labeled "Internal" by default.' });
    expect(propertyMap(word.model)[key(L.general, "Method")]).toBe("Standard");
    expect(
      allContentControls(word.model)
        .filter((c) => c.tag === WORD_MARK_TAGS.header)
        .map((c) => c.children[0].text),
    ).toEqual(Array(6).fill("Internal — Priya Shah"));
    expect(audit.map((e) => [e.type, e.app, e.labelId, e.actionSource, e.itemName])).toEqual([
      ["label-applied", "Word", L.general, "default", "Plan 2027.docx"],
    ]);
    expect(AUTO_SHOW_TASKPANE_SETTING in office.savedSettings).toBe(false);
  });

  it("mandatory without a default: audits unlabeled-document, keeps the pane with the document, and says why in the banner text", async () => {
    const { word, office, host } = wordDocument();
    const { controller, audit } = track(host, await pane(host, mandatoryNoDefault()));
    expect(controller.getState().current).toBeNull();
    expect(Object.keys(propertyMap(word.model))).toEqual([]);
    expect(audit.map((e) => [e.type, e.app, e.reason])).toEqual([
      ["unlabeled-document", "Word", "mandatory-label-missing"],
    ]);
    expect(office.savedSettings[AUTO_SHOW_TASKPANE_SETTING]).toBe(true);
    // What the banner says: no before-save event, label it here, pane comes back, scanner at rest.
    expect(en.mandatoryBannerDocument).toMatch(/no event before a save/);
    expect(en.mandatoryBannerDocument).toMatch(/opens with the document until it is labeled/);
    expect(en.mandatoryBannerDocument).toMatch(/scanner enforces labels on saved files/);
    expect(fr.mandatoryBannerDocument).toMatch(/scanner impose les étiquettes aux fichiers enregistrés/);

    await controller.chooseLabel(L.general);
    expect(controller.getState().current).toEqual({ labelId: L.general, method: "Privileged" });
    expect(AUTO_SHOW_TASKPANE_SETTING in office.savedSettings).toBe(false);
  });

  it("leaves a labeled document alone and audits nothing", async () => {
    const props = ourLabelProperties(L.confidentialAllEmployees, "Confidential_AllEmployees");
    const { word, host } = wordDocument(props);
    const before = propertyMap(word.model);
    const { controller, audit } = track(host, await pane(host, internalPolicy()));
    expect(controller.getState().current?.labelId).toBe(L.confidentialAllEmployees);
    expect(propertyMap(word.model)).toEqual(before);
    expect(audit).toEqual([]);
  });

  it("shows another organisation's label and keeps it through our default label", async () => {
    const { word, host } = wordDocument(PARTNER_PROPERTIES);
    const { controller } = track(host, await pane(host, internalPolicy()));
    const records = controller.getState().label!.records;
    expect(records.map((r) => [r.siteId === OUR_TENANT ? "ours" : "partner", r.labelId]).sort()).toEqual(
      [
        ["ours", L.general],
        ["partner", PARTNER_LABEL],
      ].sort(),
    );
    expect(propertyMap(word.model)).toMatchObject(PARTNER_PROPERTIES);
  });
});

describe("a label change from the pane in a document", () => {
  it("Word: 1 read + 1 write, nothing after; decides for Word (its ${If.App} text, audit app)", async () => {
    const { word, host } = wordDocument(PARTNER_PROPERTIES);
    const { controller, audit, settle } = track(host, await pane(host, perAppPolicy()));
    word.runtime.resetStats();

    await controller.chooseLabel(L.general);

    expect(word.runtime.stats).toMatchObject({ roundTrips: 2, syncCalls: 2 });
    expect(controller.getState().current).toEqual({ labelId: L.general, method: "Privileged" });
    expect(
      allContentControls(word.model)
        .filter((c) => c.tag === WORD_MARK_TAGS.header)
        .map((c) => c.children[0].text),
    ).toEqual(Array(6).fill("Word copy"));
    expect(propertyMap(word.model)).toMatchObject(PARTNER_PROPERTIES);
    await settle();
    expect(audit.map((e) => [e.type, e.app, e.method])).toEqual([
      ["unlabeled-document", "Word", null],
      ["label-applied", "Word", "Privileged"],
    ]);
  });

  it("Word: Highly Confidential from the pane writes the watermark (Word has one, mail does not): ContentBits 7", async () => {
    const { word, host } = wordDocument();
    const { controller } = track(host, await pane(host, effectiveWith()));
    await controller.chooseLabel(L.highlyConfidentialAllEmployees);
    expect(allContentControls(word.model).some((c) => c.tag === WORD_MARK_TAGS.watermark)).toBe(true);
    expect(propertyMap(word.model)[key(L.highlyConfidentialAllEmployees, "ContentBits")]).toBe("7");
  });

  it("Excel: 1 read + 1 write even when the pane's first read is minutes old; decides for Excel", async () => {
    const clock = { ms: 0 };
    const { excel, host } = workbook({}, clock);
    const { controller, audit, settle } = track(host, await pane(host, perAppPolicy()));
    clock.ms += 5 * 60_000; // the person reads the document for five minutes, then picks a label
    excel.runtime.resetStats();

    await controller.chooseLabel(L.general);

    expect(excel.runtime.stats).toMatchObject({ roundTrips: 2, syncCalls: 2 });
    expect(excel.model.worksheets.map((w) => w.headersFooters.defaultForAllPages.centerHeader)).toEqual([
      '&1#&"Calibri,Regular"&10&K000000Workbook copy',
      '&1#&"Calibri,Regular"&10&K000000Workbook copy',
    ]);
    expect(ourLabelIn(workbookProperties(excel.model))).toBe(L.general);
    await settle();
    expect(audit.map((e) => [e.type, e.app, e.itemName])).toEqual([
      ["unlabeled-document", "Excel", "Budget.xlsx"],
      ["label-applied", "Excel", "Budget.xlsx"],
    ]);
  });

  it("decides from what the document carries now, not from what the pane read when it opened", async () => {
    const { excel, host } = workbook();
    const { controller } = track(
      host,
      await pane(host, effectiveWith({ justificationRequired: true, defaultDocumentLabel: null })),
    );
    expect(controller.getState().current).toBeNull();
    // A co-author labels the workbook Highly Confidential while the pane is open.
    Object.assign(
      excel.model.properties,
      workbook(ourLabelProperties(L.highlyConfidentialAllEmployees, "Highly Confidential")).excel.model
        .properties,
    );

    await controller.chooseLabel(L.public);

    // Lowering it needs a reason: the decision saw the co-author's label.
    expect(controller.getState().justification).toMatchObject({
      target: L.public,
      from: L.highlyConfidentialAllEmployees,
    });
    expect(ourLabelIn(workbookProperties(excel.model))).toBe(L.highlyConfidentialAllEmployees);
  });

  it("Excel downgrade: asks why, refuses an empty 'Other', then 1 read + 1 write with the reason audited", async () => {
    const { excel, host } = workbook(ourLabelProperties(L.confidentialAllEmployees, "Confidential"));
    const { controller, audit, settle } = track(
      host,
      await pane(host, effectiveWith({ justificationRequired: true })),
    );
    await controller.chooseLabel(L.public);
    const j = controller.getState().justification!;
    expect(j.target).toBe(L.public);

    await controller.submitJustification(j.otherReason, "  ");
    expect(controller.getState().justification?.error).toBe(en.justificationOtherRequired);
    expect(ourLabelIn(workbookProperties(excel.model))).toBe(L.confidentialAllEmployees);

    excel.runtime.resetStats();
    await controller.submitJustification(j.reasons[0], "");
    expect(excel.runtime.stats.roundTrips).toBe(2);
    expect(ourLabelIn(workbookProperties(excel.model))).toBe(L.public);
    expect(controller.getState().justification).toBeNull();
    await settle();
    expect(audit.map((e) => [e.type, e.app, e.downgrade, e.justification?.reason])).toEqual([
      ["label-changed", "Excel", true, j.reasons[0]],
    ]);
  });
});

describe("what the pane says after a write in a document", () => {
  it("Excel: a marking shortened to fit 255 characters and the watermark Excel has none of, as warnings in the person's language", async () => {
    const long = "&BQuarterly consolidated statement of the finance department " + "x".repeat(90);
    const excel = createFakeExcel({
      sheets: [{ name: "Budget", headerFooter: { centerHeader: long } }, { name: "Notes" }],
    });
    const office = createFakeOffice({ host: "Excel", url: "C:\\Users\\priya\\Budget.xlsx" });
    const host = new ExcelHost({
      office: office.Office as unknown as typeof Office,
      excel: excel.Excel as unknown as typeof Excel,
      user: () => PRIYA,
    });
    const { controller } = track(host, await pane(host, effectiveWith({ defaultDocumentLabel: null })));
    expect(controller.getState().warnings).toEqual([]);

    await controller.chooseLabel(L.highlyConfidentialAllEmployees);

    const { warnings, notice } = controller.getState();
    expect(notice).toEqual({
      kind: "success",
      text: 'The label "Highly Confidential \\ All Employees" was applied.',
    });
    expect(warnings).toEqual([
      { code: "excel-marking-shortened", sheets: ["Budget"] },
      { code: "watermark-not-supported", app: "Excel" },
    ]);
    expect(warnings.map((w) => warningText(en.locale, w))).toEqual([
      "Excel allows 255 characters for a sheet's header and footer together. With the text already there, the label's marking did not fit in full on: Budget.",
      "Excel has no watermarks: the label's watermark was not written.",
    ]);
    expect(warnings.map((w) => warningText(fr.locale, w))).toEqual([
      "Excel limite l'en-tête et le pied de page d'une feuille à 255 caractères au total. Avec le texte déjà présent, le marquage de l'étiquette n'a pas pu être écrit en entier sur : Budget.",
      "Excel n'a pas de filigrane : le filigrane de l'étiquette n'a pas été écrit.",
    ]);
    // What the first warning says is what the sheet carries: the author's header, our footer only.
    expect(excel.model.worksheets[0].headersFooters.defaultForAllPages.centerHeader).toBe(long);

    controller.dismissWarning(0);
    expect(controller.getState().warnings).toEqual([{ code: "watermark-not-supported", app: "Excel" }]);
  });

  it("a tenant that keeps labels in LabelInfo: the default label on open comes with the warning", async () => {
    const { host } = wordDocument();
    const { controller } = track(host, await pane(host, { ...internalPolicy(), labelStorage: "labelInfo" }));
    expect(controller.getState().current).toEqual({ labelId: L.general, method: "Standard" });
    expect(controller.getState().warnings).toEqual([{ code: "label-info-not-written" }]);
    expect(warningText(en.locale, controller.getState().warnings[0])).toMatch(
      /keeps labels in LabelInfo .* an add-in cannot write/,
    );
  });

  it("a failed write says what Office leaves behind — markings first, properties after, nothing undone — not 'the mail'", async () => {
    const { word, host } = wordDocument();
    const { controller } = track(host, await pane(host, effectiveWith({ defaultDocumentLabel: null })));
    for (let i = 0; i < 2; i++)
      word.runtime.failNext({
        match: (c) => c === "Word.CustomPropertyCollection.add",
        code: "GeneralException",
        message: "busy",
      });

    await controller.chooseLabel(L.confidentialAllEmployees);

    const detail = "busy (Word.CustomPropertyCollection.add)";
    expect(controller.getState().notice).toEqual({ kind: "error", text: en.applyFailedDocument(detail) });
    expect(en.applyFailedDocument(detail)).toBe(
      "The label could not be applied (busy (Word.CustomPropertyCollection.add)). Office makes the change as one batch — the markings, then the label properties — and stops at a failing step without undoing the steps before it, so some markings may already have changed. Choose the label again to finish.",
    );
    // As it says: the markings went on, the label properties did not.
    expect(allContentControls(word.model).some((c) => c.tag === WORD_MARK_TAGS.footer)).toBe(true);
    expect(ourLabelIn(propertyMap(word.model))).toBeNull();
    expect(controller.getState().current).toBeNull();
  });

  it("a label that cannot be read before a change says nothing was changed", async () => {
    const { word, host } = wordDocument();
    const { controller } = track(host, await pane(host, effectiveWith({ defaultDocumentLabel: null })));
    word.runtime.failNext({ match: () => true, code: "GeneralException", message: "busy" });
    await controller.chooseLabel(L.confidentialAllEmployees);
    expect(controller.getState().notice).toEqual({
      kind: "error",
      text: "The label could not be read (busy); nothing was changed.",
    });
    expect(propertyMap(word.model)).toEqual({});
  });
});

describe("Word without the API sets Labelbridge needs", () => {
  it("with only WordApi 1.1: names the missing requirement set, never Office's raw 'API could not be found'", async () => {
    const word = createFakeWord({ sections: [{ body: ["Plan 2027"] }] }, { wordApi: "1.1" });
    const office = createFakeOffice({
      host: "Word",
      url: "https://contoso.sharepoint.com/sites/fin/Plan%202027.docx",
      requirementSets: { WordApi: "1.1", CommonApi: "1.1" },
    });
    const host = new WordHost({
      office: office.Office as unknown as typeof Office,
      word: word.Word as unknown as typeof Word,
      user: () => PRIYA,
    });
    const { controller } = track(host, await pane(host, internalPolicy()));
    const s = controller.getState();
    expect(s.phase).toBe("error");
    expect(s.notice).toEqual({
      kind: "error",
      text: "Labelbridge needs WordApi 1.3, which this version of Word does not offer, to read and write labels. Update Office, or open the file in Word on the web.",
    });
    expect(propertyMap(word.model)).toEqual({});
  });
});

describe("unlabeled-document, once per document open", () => {
  const T0 = new Date("2026-11-29T10:15:30Z").getTime();
  const at = (ms: number) => () => new Date(T0 + ms);

  /** One open Word document, and the runtimes of the add-in that may run on it. */
  function openDocument() {
    const word = createFakeWord({ sections: [{ body: ["Plan 2027"] }] });
    const document = { settings: {} as Record<string, unknown> };
    const runtime = () => {
      const office = createFakeOffice({
        host: "Word",
        url: "https://contoso.sharepoint.com/sites/fin/Plan%202027.docx",
        document,
      });
      return new WordHost({
        office: office.Office as unknown as typeof Office,
        word: word.Word as unknown as typeof Word,
        user: () => PRIYA,
      });
    };
    return { word, document, runtime };
  }

  async function onDocumentOpened(host: WordHost, now: () => Date): Promise<AuditEvent[]> {
    const audit: AuditEvent[] = [];
    const completed: unknown[] = [];
    await createDocumentHandlers({
      user: async () => PRIYA,
      host: () => host,
      policy: async () => mandatoryNoDefault(),
      record: async (_user, events) => void audit.push(...events),
      now,
      newId: () => "00000000-0000-4000-8000-00000000e001",
      deadlineMs: 2000,
    }).onDocumentOpened({ completed: () => void completed.push(1) });
    expect(completed).toEqual([1]);
    return audit;
  }

  const unlabeled = (events: AuditEvent[]) => events.filter((e) => e.type === "unlabeled-document");

  it("OnDocumentOpened and the pane on one open, then a token saved in the pane: recorded once, by the event", async () => {
    const doc = openDocument();
    const fromEvent = await onDocumentOpened(doc.runtime(), at(0));
    expect(unlabeled(fromEvent).map((e) => [e.app, e.reason])).toEqual([["Word", "mandatory-label-missing"]]);
    expect(doc.document.settings[UNLABELED_OPEN_SETTING]).toBe(T0);

    const paneHost = doc.runtime();
    const p = track(paneHost, await pane(paneHost, mandatoryNoDefault(), en, at(4_000)));
    expect(await p.controller.saveToken("x.y.z")).toBe(true);
    await p.settle();

    expect(unlabeled(p.audit)).toEqual([]);
    expect(p.controller.getState().current).toBeNull();
    expect(doc.document.settings[AUTO_SHOW_TASKPANE_SETTING]).toBe(true);
  });

  it("the pane alone: once per open — not again when initialised again or reopened, again at a later open", async () => {
    const doc = openDocument();
    const first = doc.runtime();
    const p = track(first, await pane(first, mandatoryNoDefault(), en, at(0)));
    await p.controller.saveToken("x.y.z");
    await p.settle();
    expect(unlabeled(p.audit)).toHaveLength(1);

    // The pane closed and opened again a few minutes later, same open.
    const again = doc.runtime();
    const q = track(again, await pane(again, mandatoryNoDefault(), en, at(5 * 60_000)));
    expect(unlabeled(q.audit)).toEqual([]);

    // The document saved unlabeled, closed, and opened again the next morning (no OnDocumentOpened here).
    const later = doc.runtime();
    const r = track(later, await pane(later, mandatoryNoDefault(), en, at(20 * 3_600_000)));
    expect(unlabeled(r.audit)).toHaveLength(1);
    expect(doc.document.settings[UNLABELED_OPEN_SETTING]).toBe(T0 + 20 * 3_600_000);
  });

  it("OnDocumentOpened at a new open records even with an earlier open's record in the file, but not after a pane that got to this open first", async () => {
    const doc = openDocument();
    doc.document.settings[UNLABELED_OPEN_SETTING] = T0 - 30 * 60_000;
    expect(unlabeled(await onDocumentOpened(doc.runtime(), at(0)))).toHaveLength(1);

    const raced = openDocument();
    const paneHost = raced.runtime();
    const p = track(paneHost, await pane(paneHost, mandatoryNoDefault(), en, at(0)));
    expect(unlabeled(p.audit)).toHaveLength(1);
    expect(unlabeled(await onDocumentOpened(raced.runtime(), at(20_000)))).toEqual([]);
  });

  it("labeling the document forgets the record along with the open-with-document setting", async () => {
    const doc = openDocument();
    const host = doc.runtime();
    const { controller } = track(host, await pane(host, mandatoryNoDefault(), en, at(0)));
    expect(doc.document.settings[UNLABELED_OPEN_SETTING]).toBe(T0);
    await controller.chooseLabel(L.general);
    expect(doc.document.settings).toEqual({});
  });
});
