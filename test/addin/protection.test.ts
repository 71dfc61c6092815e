/**
 * Issue 14 in the add-in: no protecting label goes on as metadata alone without saying so. A Purview
 * label only through Outlook's own sensitivity label, otherwise refused (nothing written, the
 * refusal audited and named); a Labelbridge label as metadata, with where its protection is (or is
 * not) applied. Against the fake Outlook, Word and Excel hosts, through the pane and the handlers.
 */
import type { EffectivePolicy } from "../../src/core/policy";
import { SESSION } from "../../src/addin/hosts/outlookSession";
import { fr } from "../../src/addin/i18n/fr";
import { propertyMap as workbookProperties } from "./fakes/excel";
import { allContentControls, propertyMap } from "./fakes/word";
import { ourLabelIn, pane as documentPane, workbook, wordDocument } from "./documentPaneHarness";
import { handlersFor, recordingEvent, sleep } from "./outlook/handlerHarness";
import { header, ourLabel, pane as mailPane } from "./outlook/paneHarness";
import { composeFake, L, policyWith } from "./outlook/setup";

const RIGHTS_GROUP = "6c1f4a52-9d2e-4c1b-8a77-3f0e5d9b2a10";

/** "Highly Confidential \ All Employees" protected by Labelbridge; "Specified People" by Purview. */
function protectingPolicy(settings: Parameters<typeof policyWith>[0] = {}): EffectivePolicy {
  const p = policyWith({ justificationRequired: false, ...settings });
  const labels = p.labels.map((l) =>
    l.id === L.highlyConfidentialAllEmployees
      ? { ...l, protection: { kind: "labelbridge" as const, rightsGroups: [RIGHTS_GROUP], rightsUsers: [] } }
      : l,
  );
  return { ...p, labels };
}

const SPECIFIED = "Highly Confidential \\ Specified People";

describe("Outlook: a Purview-protected label", () => {
  it("goes on through Outlook's own sensitivity label, and the pane says Purview encrypts the mail", async () => {
    const policy = protectingPolicy();
    const fake = composeFake(policy, { headers: { msip_labels: header(L.general) }, nativeLabel: L.general });
    const { controller, received, settle } = await mailPane(fake, policy);
    await controller.chooseLabel(L.highlyConfidentialSpecifiedPeople);
    await settle();
    expect(fake.state.nativeLabel).toBe(L.highlyConfidentialSpecifiedPeople);
    expect(ourLabel(fake)).toBe(L.highlyConfidentialSpecifiedPeople);
    expect(controller.getState().notice).toEqual({
      kind: "info",
      text: `The label "${SPECIFIED}" was applied. Outlook's own sensitivity label was set too. "${SPECIFIED}" is Outlook's own sensitivity label on this mail: Microsoft Purview encrypts it.`,
    });
    expect(received.map((e) => e.type)).not.toContain("label-refused");
  });

  it("is refused where Outlook's labels are off: nothing written, the reason shown and audited", async () => {
    const policy = protectingPolicy();
    const fake = composeFake(policy, { labelsEnabled: false, headers: { msip_labels: header(L.general) } });
    const { controller, received, settle } = await mailPane(fake, policy);
    const before = fake.state.headers.get("msip_labels");
    await controller.chooseLabel(L.highlyConfidentialSpecifiedPeople);
    await settle();
    expect(fake.state.headers.get("msip_labels")).toBe(before);
    expect(fake.calls).not.toContain("internetHeaders.setAsync");
    expect(fake.state.nativeLabel).toBeNull();
    expect(controller.getState().notice).toEqual({
      kind: "error",
      text: `"${SPECIFIED}" encrypts through Microsoft Purview, which only Outlook's built-in sensitivity labels (and Word's where available) can apply; Outlook cannot, so the label was not applied (it would have claimed protection without encrypting).`,
    });
    expect(controller.getState().current?.labelId).toBe(L.general);
    expect(received.at(-1)).toMatchObject({
      type: "label-refused",
      labelId: L.highlyConfidentialSpecifiedPeople,
      reason: "protection-purview-unavailable",
      app: "Outlook",
      actionSource: "manual",
    });
  });

  it("is refused where the tenant's catalog lacks it, even with Outlook's labels on", async () => {
    const policy = protectingPolicy();
    const fake = composeFake(policy, {
      catalog: [{ id: L.general, name: "General", color: "#000000", tooltip: "", children: null }],
    });
    const { controller, received, settle } = await mailPane(fake, policy);
    const calls = fake.calls.length;
    await controller.chooseLabel(L.highlyConfidentialSpecifiedPeople);
    await settle();
    expect(ourLabel(fake)).toBe(L.general);
    expect(fake.calls.slice(calls)).not.toContain("sensitivityLabel.setAsync");
    expect(fake.calls.slice(calls)).not.toContain("internetHeaders.setAsync");
    expect(received.map((e) => e.type)).toContain("label-refused");
  });

  it("as the default label of a new mail (OnNewMessageCompose) without Outlook's labels: not written, refusal audited", async () => {
    const policy = protectingPolicy({ defaultMailLabel: L.highlyConfidentialSpecifiedPeople });
    const fake = composeFake(policy, { labelsEnabled: false });
    const run = await handlersFor(fake, { policy });
    const event = recordingEvent();
    await run.handlers.onNewMessageCompose(event);
    await sleep(100);
    expect(event.calls).toHaveLength(1);
    expect(fake.state.headers.size).toBe(0);
    expect(run.received.map((e) => [e.type, e.labelId, e.reason, e.actionSource])).toEqual([
      ["label-refused", L.highlyConfidentialSpecifiedPeople, "protection-purview-unavailable", "default"],
    ]);
  });
});

describe("Outlook: send", () => {
  it("an attachment's Purview label Outlook cannot apply is not inherited: refused, audited, and the unlabeled mail stops at the picker", async () => {
    const policy = protectingPolicy({
      mandatoryMail: true,
      defaultMailLabel: "none",
      attachmentInheritance: "automatic",
    });
    const fake = composeFake(policy, {
      labelsEnabled: false,
      attachments: [{ id: "a1", name: "Board.docx", size: 100 }],
      sessionData: {
        [SESSION.attachments]: JSON.stringify([
          { id: "a1", name: "Board.docx", size: 100, labelId: L.highlyConfidentialSpecifiedPeople },
        ]),
      },
    });
    const run = await handlersFor(fake, { policy, cached: policy });
    const event = recordingEvent();
    await run.handlers.onMessageSend(event);
    await sleep(100);
    expect(event.calls).toHaveLength(1);
    expect(event.calls[0]).toMatchObject({ allowEvent: false });
    expect(JSON.parse(event.calls[0]!.contextData as string)).toMatchObject({
      reason: "mandatory-label-missing",
    });
    expect(fake.state.headers.size).toBe(0);
    expect(run.received.map((e) => [e.type, e.labelId, e.actionSource])).toContainEqual([
      "label-refused",
      L.highlyConfidentialSpecifiedPeople,
      "inherited",
    ]);
  });
});

describe("Outlook: a Labelbridge-protected label", () => {
  it("goes on as the mail's label, and the pane says Labelbridge does not encrypt the message", async () => {
    const policy = protectingPolicy();
    const fake = composeFake(policy, { headers: { msip_labels: header(L.general) }, nativeLabel: L.general });
    const { controller } = await mailPane(fake, policy);
    await controller.chooseLabel(L.highlyConfidentialAllEmployees);
    expect(ourLabel(fake)).toBe(L.highlyConfidentialAllEmployees);
    const notice = controller.getState().notice!;
    expect(notice.kind).toBe("warning");
    expect(notice.text).toContain(
      '"Highly Confidential \\ All Employees" protects files, not mail: Labelbridge does not encrypt this message.',
    );
    // The policy does not say whether the Exchange rules are deployed: nothing claims they encrypt it.
    expect(notice.text).not.toMatch(/Exchange|encrypted in transit/);
  });
});

describe("Word and Excel", () => {
  it("Word: a Purview label is refused before anything is written, named in the person's language, and audited as Word", async () => {
    const { word, host } = wordDocument();
    const policy = protectingPolicy({ defaultDocumentLabel: null });
    const { controller, audit, settle } = await documentPane(host, policy, fr);
    const props = { ...propertyMap(word.model) };
    const controls = allContentControls(word.model).length;
    await controller.chooseLabel(L.highlyConfidentialSpecifiedPeople);
    await settle();
    expect(propertyMap(word.model)).toEqual(props);
    expect(allContentControls(word.model)).toHaveLength(controls);
    expect(controller.getState().notice).toEqual({
      kind: "error",
      text: `« ${SPECIFIED} » est chiffrée par Microsoft Purview, ce que seule l'étiquette de confidentialité d'Outlook sait appliquer ; Word ne le peut pas ici, donc l'étiquette n'a pas été appliquée (elle aurait annoncé une protection sans chiffrer).`,
    });
    expect(audit.map((e) => [e.type, e.app, e.labelId, e.reason])).toEqual([
      // The policy makes labeling documents mandatory: opened unlabeled, and still unlabeled.
      ["unlabeled-document", "Word", null, "mandatory-label-missing"],
      ["label-refused", "Word", L.highlyConfidentialSpecifiedPeople, "protection-purview-unavailable"],
    ]);
    controller.dispose();
    await host.dispose();
  });

  it("Word: a Purview default label on open is refused, not written, and the pane says why", async () => {
    const { word, host } = wordDocument();
    const policy = protectingPolicy({ defaultDocumentLabel: L.highlyConfidentialSpecifiedPeople });
    const { controller, audit, settle } = await documentPane(host, policy);
    await settle();
    expect(ourLabelIn(propertyMap(word.model))).toBeNull();
    expect(controller.getState().notice?.kind).toBe("error");
    expect(controller.getState().notice?.text).toContain("Word cannot, so the label was not applied");
    // Refused, the document stays unlabeled: labeling is mandatory, so that is audited too.
    expect(audit.map((e) => [e.type, e.actionSource])).toEqual([
      ["label-refused", "default"],
      ["unlabeled-document", null],
    ]);
    controller.dispose();
    await host.dispose();
  });

  it("Excel: a Labelbridge label is written as metadata, and the pane says when and where the file is encrypted", async () => {
    const { excel, host } = workbook();
    const policy = protectingPolicy({ defaultDocumentLabel: null });
    const { controller } = await documentPane(host, policy);
    await controller.chooseLabel(L.highlyConfidentialAllEmployees);
    expect(ourLabelIn(workbookProperties(excel.model))).toBe(L.highlyConfidentialAllEmployees);
    expect(controller.getState().notice).toEqual({
      kind: "warning",
      text:
        'The label "Highly Confidential \\ All Employees" was applied. "Highly Confidential \\ All Employees" protects files, but not here: ' +
        'the label is saved in the file, and the file is encrypted when the Labelbridge scanner (scan --mode enforce) or "labelbridge label" runs on the saved file with the Labelbridge server. Until then it is not encrypted.',
    });
    controller.dispose();
    await host.dispose();
  });
});
