/**
 * New Zealand protective markings (the nz-gov marking profile) written by the Outlook adapter on a
 * mail being written, replaced on a change, and read back from the received mail's headers and
 * subject — through the pane as a person uses it.
 */
import { createFakeOutlook, type FakeOutlook } from "../fakes/outlook/fakeOutlook";
import { nzEffective } from "../../support/policyFixtures";
import { pane, ourLabel } from "./paneHarness";
import { composeFake, epmsPolicy, hostOf, L, planFor, SITE } from "./setup";

const nz = nzEffective({ mandatoryMail: false, defaultMailLabel: "none", justificationRequired: false });

/** The mail as its recipient's Outlook reads it: our x-headers in the raw header block. */
function receivedFrom(sent: FakeOutlook): FakeOutlook {
  const raw = [
    "Received: from mail.contoso.govt.nz",
    ...[...sent.state.headers].map(([name, value]) => `${name}: ${value}`),
    `Subject: ${sent.state.subject}`,
    "",
    "body",
  ].join("\r\n");
  return createFakeOutlook({ mode: "read", rawHeaders: raw, subject: sent.state.subject });
}

function protectiveHeaders(fake: FakeOutlook): string[] {
  return [...fake.state.headers.keys()].filter((k) => k.toLowerCase() === "x-protective-marking");
}

describe("Outlook under the nz-gov profile: writing", () => {
  it("suffixes the NZ subject form and writes the NZ header (NS=gov.nz, ORIGIN)", async () => {
    const fake = composeFake(nz, { labelsEnabled: false, subject: "Rates review" });
    const host = hostOf(fake);
    await host.applyPlan(await planFor(host, nz, L.confidentialAllEmployees, null));
    expect(fake.state.subject).toBe("Rates review [SEC=SENSITIVE, ENDORSEMENT=COMMERCIAL]");
    expect(fake.state.headers.get("X-Protective-Marking")).toBe(
      "VER=1, NS=gov.nz, SEC=SENSITIVE, ENDORSEMENT=COMMERCIAL, ORIGIN=sam@contoso.com",
    );
  });

  it("a change replaces the subject marking and the header, never adds a second", async () => {
    const fake = composeFake(nz, { labelsEnabled: false, subject: "[IN-CONFIDENCE] Rates review" });
    const host = hostOf(fake);
    await host.applyPlan(await planFor(host, nz, L.general, null));
    expect(fake.state.subject).toBe("Rates review [SEC=IN-CONFIDENCE]");
    const current = (await host.readLabel(SITE, "nz-gov")).current;
    await host.applyPlan(await planFor(host, nz, L.highlyConfidentialAllEmployees, current));
    expect(fake.state.subject).toBe("Rates review [SEC=RESTRICTED, ENDORSEMENT=ACCOUNTABLE MATERIAL]");
    expect(protectiveHeaders(fake)).toHaveLength(1);
    expect(fake.state.headers.get("X-Protective-Marking")).toBe(
      "VER=1, NS=gov.nz, SEC=RESTRICTED, ENDORSEMENT=ACCOUNTABLE MATERIAL, ORIGIN=sam@contoso.com",
    );
  });

  it("removing the label takes the subject marking and the header off", async () => {
    const fake = composeFake(nz, { labelsEnabled: false, subject: "Rates review" });
    const host = hostOf(fake);
    await host.applyPlan(await planFor(host, nz, L.general, null));
    const current = (await host.readLabel(SITE, "nz-gov")).current;
    await host.applyPlan(await planFor(host, nz, null, current));
    expect(fake.state.subject).toBe("Rates review");
    expect(protectiveHeaders(fake)).toEqual([]);
  });

  it("replaces an Australian marking the subject still carried from before the profile changed", async () => {
    const fake = composeFake(nz, { labelsEnabled: false, subject: "Rates review [SEC=OFFICIAL:Sensitive]" });
    const host = hostOf(fake);
    await host.applyPlan(await planFor(host, nz, L.general, null));
    expect(fake.state.subject).toBe("Rates review [SEC=IN-CONFIDENCE]");
  });

  it("undoes the NZ subject marking when the header cannot be written", async () => {
    const fake = composeFake(nz, {
      labelsEnabled: false,
      subject: "Rates review",
      failures: { "internetHeaders.setAsync": { code: 9041, message: "Header write failed" } },
    });
    const host = hostOf(fake);
    await expect(host.applyPlan(await planFor(host, nz, L.general, null))).rejects.toThrow();
    expect(fake.state.subject).toBe("Rates review");
  });
});

describe("Outlook under the nz-gov profile: the pane writes, the recipient reads", () => {
  it("round-trips: picked in the pane, shown with its NZ marking when the mail is read", async () => {
    const sent = composeFake(nz, { labelsEnabled: false, subject: "Budget bid" });
    const writer = await pane(sent, nz);
    await writer.controller.chooseLabel(L.highlyConfidentialAllEmployees);
    expect(ourLabel(sent)).toBe(L.highlyConfidentialAllEmployees);
    expect(sent.state.subject).toBe("Budget bid [SEC=RESTRICTED, ENDORSEMENT=ACCOUNTABLE MATERIAL]");

    const reader = await pane(receivedFrom(sent), nz);
    const label = reader.controller.getState().label!;
    expect(label.current?.labelId).toBe(L.highlyConfidentialAllEmployees);
    expect(label.otherMarkings).toEqual([
      { kind: "X-Protective-Marking", text: "[SEC=RESTRICTED, ENDORSEMENT=ACCOUNTABLE MATERIAL]" },
    ]);
  });

  it("a subject-only marking is read as New Zealand's under nz-gov: IN-CONFIDENCE, not PROTECTED", async () => {
    const mail = () =>
      createFakeOutlook({ mode: "read", rawHeaders: "", subject: "Rates [SEC=IN-CONFIDENCE]" });
    const underNz = await pane(mail(), nz);
    expect(underNz.controller.getState().label!.otherMarkings).toEqual([
      { kind: "subject", text: "[SEC=IN-CONFIDENCE]" },
    ]);
    const seemail = await pane(
      createFakeOutlook({ mode: "read", rawHeaders: "", subject: "[SENSITIVE] Rates" }),
      nz,
    );
    expect(seemail.controller.getState().label!.otherMarkings).toEqual([
      { kind: "subject", text: "[SEC=SENSITIVE]" },
    ]);
    // The same subject under the Australian profile is the retired level, read as PROTECTED.
    const underAu = await pane(mail(), epmsPolicy());
    expect(underAu.controller.getState().label!.otherMarkings).toEqual([
      { kind: "subject", text: "[SEC=PROTECTED]" },
    ]);
  });

  it("an NZ header is read as New Zealand's whatever the profile; an Australian one as Australian", async () => {
    const raw = (value: string) => `X-Protective-Marking: ${value}\r\n`;
    const nzHeader = await pane(
      createFakeOutlook({
        mode: "read",
        rawHeaders: raw("VER=1, NS=govt.nz, SEC=SENSITIVE, ENDORSEMENT=BUDGET"),
        subject: "Bid",
      }),
      epmsPolicy(),
    );
    expect(nzHeader.controller.getState().label!.otherMarkings).toEqual([
      { kind: "X-Protective-Marking", text: "[SEC=SENSITIVE, ENDORSEMENT=BUDGET]" },
    ]);
    const auHeader = await pane(
      createFakeOutlook({
        mode: "read",
        rawHeaders: raw("VER=2024.1, NS=gov.au, SEC=OFFICIAL:Sensitive"),
        subject: "Bid",
      }),
      nz,
    );
    expect(auHeader.controller.getState().label!.otherMarkings).toEqual([
      { kind: "X-Protective-Marking", text: "[SEC=OFFICIAL:Sensitive]" },
    ]);
  });
});
