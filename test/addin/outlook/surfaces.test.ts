/**
 * Replies and forwards, meetings being organised, and Outlook mobile, through the event handlers
 * against the fake Outlook host: what the item carries afterwards, what was audited, how the event
 * completed.
 */
import { decodeMsipLabelsHeader } from "../../../src/core/metadata";
import { chooseLabel } from "../../../src/addin/flows/choose";
import { withPolicy } from "../../../src/addin/flows/deps";
import { ORIGINAL_LABEL_SESSION } from "../../../src/addin/hosts/outlookReply";
import { createFakeOutlook, type FakeOutlook } from "../fakes/outlook/fakeOutlook";
import { handlersFor, recordingEvent } from "./handlerHarness";
import { composeFake, epmsPolicy, header, hostOf, L, policyWith, SITE } from "./setup";

const HC = L.highlyConfidentialAllEmployees;
const advance = policyWith({ mandatoryMail: true, defaultMailLabel: L.general, justificationRequired: true });
const noDefault = policyWith({ mandatoryMail: true, defaultMailLabel: "none", justificationRequired: true });

/** A reply as Outlook creates it: empty new text, then the original Labelbridge marked at send. */
const REPLY_TO_HIGHLY = [
  "<html><body><p></p><hr>",
  "<p><b>From:</b> Ana Diaz &lt;ana@contoso.com&gt;<br><b>Sent:</b> Monday, 30 November 2026 09:12<br>",
  "<b>Subject:</b> Acquisition shortlist</p>",
  '<div style="color:#A4262C">Highly Confidential</div>',
  "<p>Here is the shortlist.</p>",
  "<div>Classified as Highly Confidential — Ana Diaz, 30/11/2026 09:11</div>",
  "</body></html>",
].join("");

function ourRecord(fake: FakeOutlook): { labelId: string; method: string | null } | null {
  const value = fake.state.headers.get("msip_labels") ?? fake.surface.customProperties.get("msip_labels");
  const r = value ? decodeMsipLabelsHeader(value).find((x) => x.siteId === SITE) : undefined;
  return r ? { labelId: r.labelId, method: r.method } : null;
}

async function run(
  fake: FakeOutlook,
  handler: "onNewMessageCompose" | "onMessageSend" | "onNewAppointmentOrganizer" | "onAppointmentSend",
  policy = advance,
) {
  const h = await handlersFor(fake, { policy });
  const event = recordingEvent();
  await h.handlers[handler](event);
  return { ...h, event };
}

/** A header-path client: Outlook's own labels are not enabled, so only our msip_labels header carries it. */
const headerPath = { labelsEnabled: false };

describe("replies and forwards inherit the original's label", () => {
  it("a reply to a Highly Confidential mail is Highly Confidential without a click (header path)", async () => {
    const fake = composeFake(advance, {
      ...headerPath,
      composeType: "reply",
      conversationId: "AAQkAGconv",
      subject: "RE: Acquisition shortlist",
      body: REPLY_TO_HIGHLY,
    });
    const { event, received } = await run(fake, "onNewMessageCompose");
    expect(event.calls).toEqual([undefined]);
    expect(ourRecord(fake)).toEqual({ labelId: HC, method: "Standard" });
    expect(received.map((e) => [e.type, e.actionSource, e.labelId, e.method])).toEqual([
      ["label-applied", "inherited", HC, "Standard"],
    ]);
    expect(fake.state.sessionData.get(ORIGINAL_LABEL_SESSION)).toBe(HC);
  });

  it("a forward of a mail without markings gets the default label", async () => {
    const fake = composeFake(advance, {
      ...headerPath,
      composeType: "forward",
      subject: "FW: lunch",
      body: "<p></p><hr><p>From: Ana<br>Pizza on Friday?</p>",
    });
    const { received } = await run(fake, "onNewMessageCompose");
    expect(ourRecord(fake)).toEqual({ labelId: L.general, method: "Standard" });
    expect(received.map((e) => e.actionSource)).toEqual(["default"]);
  });

  it("a new mail is never 'inherited', whatever its text says", async () => {
    const fake = composeFake(advance, { ...headerPath, composeType: "newMail", body: REPLY_TO_HIGHLY });
    await run(fake, "onNewMessageCompose");
    expect(ourRecord(fake)?.labelId).toBe(L.general);
    expect(fake.calls).not.toContain("body.getAsync");
  });

  it("au-epms: the [SEC=PROTECTED] a reply's subject keeps gives the label that marking maps to", async () => {
    const policy = epmsPolicy({ mandatoryMail: true, defaultMailLabel: L.general });
    const fake = composeFake(policy, {
      ...headerPath,
      composeType: "reply",
      subject: "RE: Cabinet brief [SEC=PROTECTED]",
      body: "<p></p>",
    });
    await run(fake, "onNewMessageCompose", policy);
    expect(ourRecord(fake)?.labelId).toBe(HC);
    expect(fake.state.subject).toBe("RE: Cabinet brief [SEC=PROTECTED]");
  });

  it("a client before Mailbox 1.10 cannot tell a reply: the default label (docs/replies.md)", async () => {
    const fake = composeFake(advance, {
      ...headerPath,
      mailboxVersion: "1.9",
      composeType: "reply",
      body: REPLY_TO_HIGHLY,
    });
    await run(fake, "onNewMessageCompose");
    expect(ourRecord(fake)?.labelId).toBe(L.general);
  });

  it("send knows it: a reply the open event never reached goes out Highly Confidential", async () => {
    const fake = composeFake(noDefault, {
      ...headerPath,
      composeType: "reply",
      subject: "RE: Acquisition shortlist",
      body: REPLY_TO_HIGHLY.replace("<p></p>", "<p>Agreed, let us go ahead.</p>"),
    });
    const { event, received } = await run(fake, "onMessageSend", noDefault);
    expect(event.calls).toEqual([{ allowEvent: true }]);
    expect(ourRecord(fake)).toEqual({ labelId: HC, method: "Standard" });
    expect(received.map((e) => [e.type, e.actionSource])).toEqual([["label-applied", "inherited"]]);
  });

  it("send leaves a lower label the person chose (and justified) after the open inherited", async () => {
    const fake = composeFake(noDefault, {
      ...headerPath,
      composeType: "reply",
      body: REPLY_TO_HIGHLY,
      headers: { msip_labels: header(L.general, "Privileged") },
      sessionData: { [ORIGINAL_LABEL_SESSION]: HC },
    });
    const { event } = await run(fake, "onMessageSend", noDefault);
    expect(event.calls).toEqual([{ allowEvent: true }]);
    expect(ourRecord(fake)).toEqual({ labelId: L.general, method: "Privileged" });
  });
});

describe("meetings being organised", () => {
  const meeting = (policy = advance, extra: Parameters<typeof composeFake>[1] = {}) =>
    composeFake(policy, {
      itemType: "appointment",
      subject: "Board review",
      body: "<p>Agenda attached.</p>",
      to: ["lee@contoso.com"],
      cc: ["auditor@partner.example"],
      ...extra,
    });

  it("OnNewAppointmentOrganizer: the default label, natively and in our record (custom properties)", async () => {
    const fake = meeting();
    const { event, received } = await run(fake, "onNewAppointmentOrganizer");
    expect(event.calls).toEqual([undefined]);
    expect(fake.state.nativeLabel).toBe(L.general);
    expect(ourRecord(fake)).toEqual({ labelId: L.general, method: "Standard" });
    expect(fake.calls.filter((c) => c.startsWith("internetHeaders"))).toEqual([]);
    expect(received.map((e) => [e.type, e.actionSource])).toEqual([["label-applied", "default"]]);
  });

  it("OnAppointmentSend: an unlabeled invite is stopped at the label picker (mandatory)", async () => {
    const fake = meeting(noDefault, { labelsEnabled: false });
    const { event } = await run(fake, "onAppointmentSend", noDefault);
    expect(event.calls).toHaveLength(1);
    expect(event.calls[0]).toMatchObject({
      allowEvent: false,
      errorMessage: "Select a sensitivity label before sending.",
      commandId: "lbMeetingOpenPane",
    });
  });

  it("OnAppointmentSend: a labeled invite to an outside attendee meets the recipient rules", async () => {
    const rules = policyWith({
      recipientRules: [
        { labelIds: [L.highlyConfidential], action: "block", trustedDomains: ["contoso.com"] },
      ],
    });
    const fake = meeting(rules, { labelsEnabled: false, customProperties: { msip_labels: header(HC) } });
    const { event } = await run(fake, "onAppointmentSend", rules);
    expect(event.calls[0]).toMatchObject({ allowEvent: false });
    expect(event.calls[0]!.errorMessage).toContain("auditor@partner.example");
    expect(fake.calls).toContain("optionalAttendees.getAsync");
  });

  it("the same justification rules: lowering an invite's label asks why, then records it", async () => {
    const fake = meeting(advance, { labelsEnabled: false, customProperties: { msip_labels: header(HC) } });
    const host = hostOf(fake);
    const deps = withPolicy(
      {
        host,
        info: await host.itemInfo(),
        audit: { enqueue: async () => undefined },
        now: () => new Date("2026-11-29T10:15:30Z"),
        newId: () => "00000000-0000-4000-8000-000000000001",
      },
      advance,
    );
    const asked = await chooseLabel(deps, { labelId: L.general });
    expect(asked).toMatchObject({ kind: "decided", decision: { outcome: "justify" } });
    expect(ourRecord(fake)?.labelId).toBe(HC);
    const done = await chooseLabel(deps, {
      labelId: L.general,
      justification: { reason: "Previous label was incorrect" },
    });
    expect(done).toMatchObject({ decision: { outcome: "allow" } });
    expect(ourRecord(fake)).toEqual({ labelId: L.general, method: "Privileged" });
  });
});

describe("Outlook mobile", () => {
  it("Android: the default label goes into the headers although Outlook reports Mailbox 1.5; no subject or body writes", async () => {
    // The default label has a footer marking, which Outlook mobile cannot write.
    const marked = policyWith({ mandatoryMail: true, defaultMailLabel: L.confidentialAllEmployees });
    const fake = composeFake(marked, { client: "android" });
    const host = hostOf(fake);
    await expect(host.capabilities()).resolves.toMatchObject({
      canWriteLabel: true,
      internetHeaders: true,
      headerFooterMarking: false,
      subjectMarking: false,
      nativeLabels: false,
    });
    const { event } = await run(fake, "onNewMessageCompose", marked);
    expect(event.calls).toEqual([undefined]);
    expect(ourRecord(fake)).toEqual({ labelId: L.confidentialAllEmployees, method: "Standard" });
    const writes = fake.calls.filter((c) => /^(subject\.set|body\.(set|prepend|append))/.test(c));
    expect(writes).toEqual([]);
  });

  it("iOS: a reply to a Highly Confidential mail inherits its label", async () => {
    const fake = composeFake(advance, {
      client: "ios",
      composeType: "reply",
      subject: "RE: Acquisition shortlist",
      body: REPLY_TO_HIGHLY,
    });
    await run(fake, "onNewMessageCompose");
    expect(ourRecord(fake)).toEqual({ labelId: HC, method: "Standard" });
  });

  it("Android, reading: the headers cannot be read there, so the pane shows what the subject marks", async () => {
    const fake = createFakeOutlook({
      mode: "read",
      client: "android",
      subject: "Budget [SEC=OFFICIAL:Sensitive]",
      rawHeaders: `msip_labels: ${header(HC)}\r\n`,
    });
    const state = await hostOf(fake).readLabel(SITE);
    expect(state.current).toBeNull();
    expect(state.otherMarkings).toEqual([
      { kind: "subject", text: expect.stringContaining("SEC=OFFICIAL:Sensitive") },
    ]);
    expect(fake.calls).not.toContain("getAllInternetHeadersAsync");
  });
});
