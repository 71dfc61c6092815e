/**
 * The task pane's behaviour (controller.ts) against the fake Outlook host: what a person sees and
 * what the mail carries after each thing they do. The React components only render this state; the
 * browser suite (test/browser) checks the rendering.
 */
import { en } from "../../../src/addin/i18n/en";
import { fr } from "../../../src/addin/i18n/fr";
import { SESSION } from "../../../src/addin/hosts/outlookSession";
import { createFakeOutlook } from "../fakes/outlook/fakeOutlook";
import { header, ourLabel, pane, TOKEN } from "./paneHarness";
import { composeFake, epmsPolicy, L, policyWith, SITE } from "./setup";

const advance = policyWith({ mandatoryMail: true, defaultMailLabel: L.general, justificationRequired: true });
const noDefault = policyWith({ mandatoryMail: true, defaultMailLabel: "none", justificationRequired: true });

describe("task pane", () => {
  it("opens on a new mail with the default label applied and audited, and the list ready", async () => {
    const fake = composeFake(advance, { labelsEnabled: false });
    const { controller, received } = await pane(fake, advance);
    const s = controller.getState();
    expect(s.phase).toBe("ready");
    expect(s.current?.labelId).toBe(L.general);
    expect(ourLabel(fake)).toBe(L.general);
    expect(s.notice).toEqual({ kind: "info", text: 'Labeled "General" by default.' });
    expect(received.map((e) => [e.type, e.actionSource])).toEqual([["label-applied", "default"]]);
  });

  it("raises a label with one click: header and native label written, person's choice (Privileged) audited", async () => {
    const fake = composeFake(advance, {
      headers: { msip_labels: header(L.general, "Standard") },
      nativeLabel: L.general,
    });
    const { controller, received, settle } = await pane(fake, advance);
    await controller.chooseLabel(L.confidentialAllEmployees);
    await settle();
    expect(ourLabel(fake)).toBe(L.confidentialAllEmployees);
    expect(fake.state.nativeLabel).toBe(L.confidentialAllEmployees);
    expect(controller.getState().notice?.text).toBe(
      'The label "Confidential \\ All Employees" was applied. Outlook\'s own sensitivity label was set too.',
    );
    expect(received.at(-1)).toMatchObject({
      type: "label-changed",
      method: "Privileged",
      oldLabelId: L.general,
      downgrade: false,
    });
  });

  it("asks why before lowering; 'Other' without text is refused; cancel leaves the label", async () => {
    const fake = composeFake(advance, {
      labelsEnabled: false,
      headers: { msip_labels: header(L.confidentialAllEmployees) },
    });
    const { controller } = await pane(fake, advance);
    await controller.chooseLabel(L.public);
    const j = controller.getState().justification!;
    expect(j).toMatchObject({
      target: L.public,
      from: L.confidentialAllEmployees,
      outside: false,
      error: null,
    });
    expect(j.reasons).toEqual(["Previous label no longer applies", "Previous label was incorrect"]);
    expect(j.otherReason).toBe("Other (explain) - Do not enter sensitive information");
    expect(j.message).toBe(
      'Your organisation asks why you are lowering or removing the label "Confidential \\ All Employees" (to "Public").',
    );

    await controller.submitJustification(j.otherReason, "   ");
    expect(controller.getState().justification?.error).toBe(
      'Explain why in the text box when you choose "Other".',
    );
    expect(ourLabel(fake)).toBe(L.confidentialAllEmployees);

    await controller.cancelJustification();
    expect(controller.getState().justification).toBeNull();
    expect(ourLabel(fake)).toBe(L.confidentialAllEmployees);
  });

  it("lowers with a justification, which goes into the audit event", async () => {
    const fake = composeFake(advance, {
      labelsEnabled: false,
      headers: { msip_labels: header(L.confidentialAllEmployees) },
    });
    const { controller, received, settle } = await pane(fake, advance);
    await controller.chooseLabel(L.public);
    const j = controller.getState().justification!;
    await controller.submitJustification(j.otherReason, "Sent to the press office");
    await settle();
    expect(ourLabel(fake)).toBe(L.public);
    expect(controller.getState().justification).toBeNull();
    expect(received.at(-1)).toMatchObject({
      type: "label-changed",
      downgrade: true,
      justification: { reason: j.otherReason, text: "Sent to the press office" },
    });
  });

  it("leaves an unlabeled mail unlabeled under a mandatory policy without default (the banner shows), and refuses removal", async () => {
    const fake = composeFake(noDefault, { labelsEnabled: false });
    const { controller } = await pane(fake, noDefault);
    expect(controller.getState().current).toBeNull();
    await controller.chooseLabel(L.general);
    await controller.chooseLabel(null);
    expect(controller.getState().notice).toEqual({
      kind: "error",
      text: "Your organisation requires a label here: you can change it, but not remove it.",
    });
    expect(ourLabel(fake)).toBe(L.general);
  });

  it("recommends from a card number in the body; accepting is audited twice (label, recommendation)", async () => {
    const fake = composeFake(noDefault, {
      labelsEnabled: false,
      body: "<p>Visa 4111 1111 1111 1111, expiry 12/28.</p>",
    });
    const { controller, received, settle } = await pane(fake, noDefault);
    const rec = controller.getState().recommendation!;
    expect(rec.labelId).toBe(L.confidentialAllEmployees);
    expect(rec.policyTip).toContain("credit card");
    await controller.acceptRecommendation();
    await settle();
    expect(ourLabel(fake)).toBe(L.confidentialAllEmployees);
    expect(controller.getState().recommendation).toBeNull();
    expect(received.map((e) => [e.type, e.actionSource ?? null])).toEqual([
      ["label-applied", "recommended"],
      ["recommendation-accepted", null],
    ]);
  });

  it("dismissing a recommendation is audited and remembered for send", async () => {
    const fake = composeFake(noDefault, {
      labelsEnabled: false,
      body: "<p>Visa 4111 1111 1111 1111, expiry 12/28.</p>",
    });
    const { controller, received, settle } = await pane(fake, noDefault);
    await controller.dismissRecommendation();
    await settle();
    expect(fake.state.sessionData.get(SESSION.dismissed)).toBe(L.confidentialAllEmployees);
    expect(received.map((e) => e.type)).toEqual(["recommendation-dismissed"]);
    await controller.checkRecommendation();
    expect(controller.getState().recommendation).toBeNull();
  });

  it("a label lowered with Outlook's own button opens the justification; cancel puts Outlook's label back", async () => {
    const fake = composeFake(advance, {
      headers: { msip_labels: header(L.confidentialAllEmployees) },
      nativeLabel: L.public,
    });
    const { controller } = await pane(fake, advance);
    const s = controller.getState();
    expect(s.current?.labelId).toBe(L.public);
    expect(s.justification).toMatchObject({
      target: L.public,
      from: L.confidentialAllEmployees,
      outside: true,
    });
    expect(s.justification?.message).toBe(
      'The label "Public" was chosen with Outlook\'s Sensitivity button.',
    );
    await controller.cancelJustification();
    expect(fake.state.nativeLabel).toBe(L.confidentialAllEmployees);
    expect(controller.getState().current?.labelId).toBe(L.confidentialAllEmployees);
  });

  it("…and justifying it records the change without setting Outlook's label again", async () => {
    const fake = composeFake(advance, {
      headers: { msip_labels: header(L.confidentialAllEmployees) },
      nativeLabel: L.public,
    });
    const { controller } = await pane(fake, advance);
    const calls = fake.calls.length;
    await controller.submitJustification("Previous label was incorrect", "");
    expect(ourLabel(fake)).toBe(L.public);
    expect(fake.calls.slice(calls)).not.toContain("sensitivityLabel.setAsync");
    expect(controller.getState().outside).toBeNull();
  });

  it("follows a label changed with Outlook's own button while the pane is open, and listens once", async () => {
    const fake = composeFake(advance, {
      headers: { msip_labels: header(L.general) },
      nativeLabel: L.general,
    });
    const { controller } = await pane(fake, advance);
    await controller.saveToken(TOKEN); // re-initialises
    expect(fake.calls.filter((c) => c === "item.addHandlerAsync")).toHaveLength(1);
    fake.userSetsNativeLabel(L.confidentialAllEmployees);
    for (let i = 0; i < 50 && ourLabel(fake) !== L.confidentialAllEmployees; i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(ourLabel(fake)).toBe(L.confidentialAllEmployees);
    expect(controller.getState().current?.labelId).toBe(L.confidentialAllEmployees);
  });

  it("opens at the label picker when a Smart Alert sent the person here", async () => {
    const fake = composeFake(noDefault, {
      labelsEnabled: false,
      initializationContext: JSON.stringify({
        fix: "label-picker",
        reason: "mandatory-label-missing",
        labelId: null,
      }),
    });
    const { controller } = await pane(fake, noDefault);
    expect(controller.getState().focus).toBe("label-picker");
  });

  it("asks for the reason a recipient rule wants when a Smart Alert sent the person here, and keeps it for send", async () => {
    const justify = policyWith({
      recipientRules: [{ labelIds: [L.confidential], action: "justify", trustedDomains: ["contoso.com"] }],
    });
    const fake = composeFake(justify, {
      labelsEnabled: false,
      headers: { msip_labels: header(L.confidentialAllEmployees) },
      to: ["pat@partner.example"],
      initializationContext: JSON.stringify({
        fix: "justification",
        reason: "recipient-rule-justify",
        labelId: L.confidentialAllEmployees,
      }),
    });
    const { controller } = await pane(fake, justify);
    const j = controller.getState().justification!;
    expect(j).toMatchObject({ purpose: "recipients", target: null });
    await controller.submitJustification(j.otherReason, "");
    expect(controller.getState().justification?.error).toBe(
      'Explain why in the text box when you choose "Other".',
    );
    await controller.submitJustification("Previous label no longer applies", "");
    expect(JSON.parse(fake.state.sessionData.get(SESSION.recipientJustification)!)).toEqual({
      reason: "Previous label no longer applies",
    });
    expect(controller.getState().notice?.text).toBe("Reason saved. You can send the mail now.");
    expect(ourLabel(fake)).toBe(L.confidentialAllEmployees);
  });

  it("shows a received mail's label read-only", async () => {
    const raw = `msip_labels: MSIP_Label_${L.confidentialAllEmployees}_Enabled=true; MSIP_Label_${L.confidentialAllEmployees}_SiteId=${SITE}\r\n`;
    const fake = createFakeOutlook({ mode: "read", rawHeaders: raw, subject: "Figures" });
    const { controller } = await pane(fake, advance);
    const s = controller.getState();
    expect(s.info?.mode).toBe("read");
    expect(s.current?.labelId).toBe(L.confidentialAllEmployees);
    expect(s.capabilities?.canWriteLabel).toBe(false);
    await controller.chooseLabel(L.public);
    expect(fake.calls.filter((c) => c.endsWith("setAsync"))).toEqual([]);
  });

  it("without a policy it says so; a pasted token that is not one is refused; a good one reloads", async () => {
    const fake = composeFake(advance, { labelsEnabled: false });
    const { controller, store } = await pane(fake, advance, en, null);
    // Without a token the pane says why and what to do (issue 11, item 23: paneNotices.test.ts).
    expect(controller.getState()).toMatchObject({
      phase: "no-policy",
      policyNotice: { kind: "error", text: en.notSignedIn },
    });
    expect(await controller.saveToken("not a token")).toBe(false);
    expect(controller.getState().notice?.text).toBe("That does not look like a token.");
    expect(await controller.saveToken(TOKEN)).toBe(true);
    expect(await store.get("labelbridge.devToken")).toBe(TOKEN);
    expect(controller.getState().phase).toBe("ready");
  });

  it("speaks French when Outlook does", async () => {
    const fake = composeFake(noDefault, { labelsEnabled: false, displayLanguage: "fr-FR" });
    const { controller } = await pane(fake, noDefault, fr);
    await controller.chooseLabel(L.general);
    // Said once the label is on, not as a promise.
    expect(controller.getState().notice).toEqual({
      kind: "success",
      text: "L'étiquette « General » a été appliquée.",
    });
    await controller.chooseLabel(null);
    expect(controller.getState().notice?.text).toBe(
      "Votre organisation exige une étiquette ici : vous pouvez la changer, mais pas la supprimer.",
    );
  });

  it("a failed apply says what failed and leaves the mail as it was", async () => {
    const fake = composeFake(noDefault, {
      headers: { msip_labels: header(L.general) },
      nativeLabel: L.general,
      failures: { "sensitivityLabel.setAsync": { code: 9000, message: "Outlook is busy" } },
    });
    const { controller } = await pane(fake, noDefault);
    await controller.chooseLabel(L.confidentialAllEmployees);
    expect(controller.getState().notice).toEqual({
      kind: "error",
      text: "The label could not be applied (Outlook is busy). The mail was left as it was.",
    });
    expect(ourLabel(fake)).toBe(L.general);
    expect(fake.state.nativeLabel).toBe(L.general);
    expect(controller.getState().current?.labelId).toBe(L.general);
  });

  it("does not claim the mail was left as it was when Outlook refused to undo a write (here: the default label on open)", async () => {
    const epms = epmsPolicy();
    const fake = composeFake(epms, {
      labelsEnabled: false,
      subject: "Hello",
      failures: {
        "subject.setAsync": { code: 1000, message: "DataExceedsMaximumSize" },
        "internetHeaders.removeAsync": { code: 9000, message: "Outlook is busy" },
      },
    });
    const { controller } = await pane(fake, epms);
    expect(controller.getState().notice).toEqual({
      kind: "error",
      text: "The label could not be applied (DataExceedsMaximumSize), and not everything already written could be undone (internetHeaders.setAsync): check the mail's subject, body and label before sending.",
    });
    // What the notice warns about: our header stayed on the mail.
    expect(ourLabel(fake)).toBe(L.general);
  });
});
