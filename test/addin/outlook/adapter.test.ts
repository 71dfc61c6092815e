import { zipSync, strToU8 } from "fflate";
import { decodeMsipLabelsHeader } from "../../../src/core/metadata";
import { HostError } from "../../../src/addin/hosts/types";
import { OutlookHost, SESSION } from "../../../src/addin/hosts/outlook";
import { officeAttachmentReader } from "../../../src/addin/hosts/attachmentLabels";
import { MARK } from "../../../src/addin/hosts/outlookBody";
import { LABELS_NOT_ENABLED } from "../fakes/outlook/fakeOutlook";
import {
  composeFake,
  epmsPolicy,
  header,
  hostOf,
  L,
  nativeCatalog,
  PARTNER_LABEL,
  PARTNER_SITE,
  planFor,
  policyWith,
  SITE,
} from "./setup";
import { createFakeOutlook } from "../fakes/outlook/fakeOutlook";

const policy = policyWith();

describe("Outlook adapter: reading a mail being written", () => {
  it("reads no label from a new mail, and our label from our msip_labels header", async () => {
    const fake = composeFake(policy, { labelsEnabled: false });
    const host = hostOf(fake);
    expect(await host.readLabel(SITE)).toMatchObject({ current: null, source: "none", records: [] });

    fake.state.headers.set("msip_labels", header(L.confidentialAllEmployees));
    const state = await host.readLabel(SITE);
    expect(state.current).toEqual({ labelId: L.confidentialAllEmployees, method: "Privileged" });
    expect(state.source).toBe("msip_labels");
    expect(state.native).toBeNull();
  });

  it("keeps another tenant's label as a record but never takes it for ours", async () => {
    const partner = `MSIP_Label_${PARTNER_LABEL}_Enabled=true; MSIP_Label_${PARTNER_LABEL}_SiteId=${PARTNER_SITE}; MSIP_Label_${PARTNER_LABEL}_Method=Standard`;
    const host = hostOf(composeFake(policy, { headers: { msip_labels: partner } }));
    const state = await host.readLabel(SITE);
    expect(state.current).toBeNull();
    expect(state.records.map((r) => [r.labelId, r.siteId])).toEqual([[PARTNER_LABEL, PARTNER_SITE]]);
  });

  it("reads a malformed header of ours as unlabeled instead of failing", async () => {
    const host = hostOf(
      composeFake(policy, { headers: { msip_labels: `MSIP_Label_${L.general}_Enabled=maybe` } }),
    );
    expect((await host.readLabel(SITE)).current).toBeNull();
  });

  it("reports Outlook's own label where the catalog is enabled", async () => {
    const host = hostOf(composeFake(policy, { nativeLabel: L.general }));
    const state = await host.readLabel(SITE);
    expect(state.native).toBe(L.general);
    expect((await host.capabilities()).nativeLabels).toBe(true);
  });

  it("treats a disabled catalog as 'no native labels' and never calls the label API then", async () => {
    const fake = composeFake(policy, { labelsEnabled: false, nativeLabel: L.general });
    const host = hostOf(fake);
    expect((await host.capabilities()).nativeLabels).toBe(false);
    expect((await host.readLabel(SITE)).native).toBeNull();
    expect(fake.calls).not.toContain("sensitivityLabel.getAsync");
    // The fake does what Outlook does when the check fails.
    const direct = await new Promise<Office.AsyncResult<string>>((resolve) =>
      (fake.Office.context.mailbox.item as Office.MessageCompose).sensitivityLabel.getAsync(resolve),
    );
    expect(direct.status).toBe(fake.Office.AsyncResultStatus.Failed);
    expect(direct.error.message).toBe(LABELS_NOT_ENABLED);
  });

  it("works on a Mailbox 1.12 client: no label API, no crash", async () => {
    const fake = composeFake(policy, { mailboxVersion: "1.12" });
    const host = hostOf(fake);
    expect(
      (fake.Office.context.mailbox.item as unknown as Record<string, unknown>).sensitivityLabel,
    ).toBeUndefined();
    expect(await host.capabilities()).toMatchObject({
      nativeLabels: false,
      internetHeaders: true,
      bodyMarkingOnSend: false,
    });
    expect((await host.readLabel(SITE)).native).toBeNull();
  });
});

describe("Outlook adapter: applying a label", () => {
  it("writes our msip_labels header byte for byte and sets Outlook's own label last", async () => {
    const fake = composeFake(policy);
    const host = hostOf(fake);
    const plan = await planFor(host, policy, L.confidentialAllEmployees, null);
    const result = await host.applyPlan(plan);

    expect(result.nativeLabelSet).toBe(true);
    expect(fake.state.nativeLabel).toBe(L.confidentialAllEmployees);
    expect(fake.state.headers.get("msip_labels")).toBe(plan.mailHeaders!.set.msip_labels);
    const [record] = decodeMsipLabelsHeader(fake.state.headers.get("msip_labels")!);
    expect(record).toMatchObject({
      labelId: L.confidentialAllEmployees,
      siteId: SITE,
      method: "Privileged",
      enabled: true,
    });
    expect(fake.calls.lastIndexOf("sensitivityLabel.setAsync")).toBeGreaterThan(
      fake.calls.lastIndexOf("internetHeaders.setAsync"),
    );
    // Purview writes the marks of a native label: ours would duplicate them.
    expect(fake.state.onSend).toEqual({ prepend: null, append: null, coercion: null });
  });

  it("guards `children: null` in the catalog and never applies a parent natively", async () => {
    const catalog = nativeCatalog(policy);
    expect(catalog.find((c) => c.id === L.general)!.children).toBeNull();
    const fake = composeFake(policy);
    const host = hostOf(fake);
    await host.applyPlan(await planFor(host, policy, L.general, null));
    expect(fake.state.nativeLabel).toBe(L.general);
  });

  it("records the label in the header only when the tenant has no Purview labeling", async () => {
    const fake = composeFake(policy, { labelsEnabled: false });
    const host = hostOf(fake);
    const result = await host.applyPlan(await planFor(host, policy, L.confidentialAllEmployees, null));
    expect(result.nativeLabelSet).toBe(false);
    expect(fake.calls).not.toContain("sensitivityLabel.setAsync");
    expect(decodeMsipLabelsHeader(fake.state.headers.get("msip_labels")!)[0].labelId).toBe(
      L.confidentialAllEmployees,
    );
  });

  it("does not set a native label the catalog does not have, and says so", async () => {
    const fake = composeFake(policy, { catalog: nativeCatalog(policy).filter((c) => c.id !== L.general) });
    const host = hostOf(fake);
    const result = await host.applyPlan(await planFor(host, policy, L.general, null));
    expect(result.nativeLabelSet).toBe(false);
    expect(result.warnings).toContainEqual({ code: "not-in-outlook-catalog" });
    expect(fake.calls).not.toContain("sensitivityLabel.setAsync");
  });

  it("au-epms: suffixes the subject and writes X-Protective-Marking with ORIGIN; a change replaces both", async () => {
    const epms = epmsPolicy();
    const fake = composeFake(epms, { labelsEnabled: false, subject: "Budget review" });
    const host = hostOf(fake);
    await host.applyPlan(await planFor(host, epms, L.general, null));
    expect(fake.state.subject).toBe("Budget review [SEC=OFFICIAL]");
    expect(fake.state.headers.get("X-Protective-Marking")).toBe(
      "VER=2024.1, NS=gov.au, SEC=OFFICIAL, ORIGIN=sam@contoso.com",
    );

    const current = (await host.readLabel(SITE)).current;
    await host.applyPlan(await planFor(host, epms, L.highlyConfidentialSpecifiedPeople, current));
    expect(fake.state.subject).toBe("Budget review [SEC=PROTECTED, CAVEAT=SH:CABINET]");
    expect(fake.state.headers.get("X-Protective-Marking")).toBe(
      "VER=2024.1, NS=gov.au, SEC=PROTECTED, CAVEAT=SH:CABINET, ORIGIN=sam@contoso.com",
    );
    expect(
      [...fake.state.headers.keys()].filter((k) => k.toLowerCase() === "x-protective-marking"),
    ).toHaveLength(1);
  });

  it("leaves the mail exactly as it was when Outlook refuses its own label", async () => {
    const epms = epmsPolicy();
    const before = header(L.general);
    const fake = composeFake(epms, {
      subject: "Budget review [SEC=OFFICIAL]",
      headers: {
        msip_labels: before,
        "X-Protective-Marking": "VER=2024.1, NS=gov.au, SEC=OFFICIAL, ORIGIN=sam@contoso.com",
      },
      failures: { "sensitivityLabel.setAsync": { code: 9061, message: "Permission denied" } },
    });
    const host = hostOf(fake);
    const plan = await planFor(host, epms, L.confidentialAllEmployees, {
      labelId: L.general,
      method: "Privileged",
    });
    const error = await host.applyPlan(plan).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostError);
    expect((error as HostError).operation).toBe("sensitivityLabel.setAsync");
    expect(fake.state.subject).toBe("Budget review [SEC=OFFICIAL]");
    expect(Object.fromEntries(fake.state.headers)).toEqual({
      msip_labels: before,
      "X-Protective-Marking": "VER=2024.1, NS=gov.au, SEC=OFFICIAL, ORIGIN=sam@contoso.com",
    });
    expect(fake.state.nativeLabel).toBeNull();
  });

  it("undoes the header when the subject cannot be written, and removes a header that did not exist before", async () => {
    const epms = epmsPolicy();
    const fake = composeFake(epms, {
      labelsEnabled: false,
      subject: "Hello",
      failures: { "subject.setAsync": { code: 1000, message: "DataExceedsMaximumSize" } },
    });
    const host = hostOf(fake);
    const error = (await host
      .applyPlan(await planFor(host, epms, L.general, null))
      .catch((e: unknown) => e)) as HostError;
    expect(error.operation).toBe("subject.setAsync");
    expect(fake.state.headers.size).toBe(0);
    expect(fake.state.subject).toBe("Hello");
  });

  it("refuses to remove a label Outlook carries (an add-in cannot), before touching anything", async () => {
    const fake = composeFake(policyWith({ mandatoryMail: false }), {
      nativeLabel: L.general,
      headers: { msip_labels: header(L.general) },
    });
    const host = hostOf(fake);
    const p = policyWith({ mandatoryMail: false, justificationRequired: false });
    const plan = await planFor(host, p, null, { labelId: L.general, method: "Privileged" });
    const error = (await host.applyPlan(plan).catch((e: unknown) => e)) as HostError;
    expect(error.operation).toBe("sensitivityLabel.remove");
    expect(fake.calls.filter((c) => c.endsWith("setAsync") || c.endsWith("removeAsync"))).toEqual([]);
  });

  it("marks the body at send (prepend/append on send) and replaces that marking on a change", async () => {
    const fake = composeFake(policy, { labelsEnabled: false });
    const host = hostOf(fake);
    await host.applyPlan(await planFor(host, policy, L.highlyConfidentialAllEmployees, null));
    expect(fake.state.onSend.prepend).toBe(
      '<p align="center"><font face="Calibri" color="#A4262C">Highly Confidential</font></p>',
    );
    expect(fake.state.onSend.append).toMatch(
      /^<p align="center"><font face="Calibri" color="#000000">Classified as Highly Confidential — Sam Lee, 2026-11-29 \d\d:\d\d<\/font><\/p>$/,
    );
    expect(fake.state.onSend.coercion).toBe("html");
    expect(JSON.parse(fake.state.sessionData.get(SESSION.bodyMarking)!)).toMatchObject({ kind: "html" });

    const current = (await host.readLabel(SITE)).current;
    await host.applyPlan(
      await planFor(host, policy, L.general, current, { reason: "Previous label was incorrect" }),
    );
    // General has no header marking: the header text queued for send is cleared, not left behind.
    expect(fake.state.onSend.prepend).toBeNull();
    expect(fake.state.onSend.append).toBeNull();
    expect(fake.state.body).toBe("<html><body><p>Hello Lee,</p><p>see the numbers below.</p></body></html>");
  });

  it("on clients without on-send body calls, writes the marking between markers and replaces it on a change", async () => {
    const fake = composeFake(policy, {
      labelsEnabled: false,
      mailboxVersion: "1.8",
      bodyType: "text",
      body: "Hello Lee,\nnumbers below.",
    });
    const host = hostOf(fake);
    await host.applyPlan(await planFor(host, policy, L.highlyConfidentialAllEmployees, null));
    expect(
      fake.state.body.startsWith(
        `${MARK}Highly Confidential${MARK}\nHello Lee,\nnumbers below.\n${MARK}Classified as Highly Confidential`,
      ),
    ).toBe(true);
    const current = (await host.readLabel(SITE)).current;
    await host.applyPlan(
      await planFor(host, policy, L.confidentialAllEmployees, current, {
        reason: "Previous label was incorrect",
      }),
    );
    expect(fake.state.body).toBe(
      "Hello Lee,\nnumbers below.\n" + `${MARK}Classified as Confidential${MARK}\n`,
    );
    expect(fake.state.body.split("Highly").length).toBe(1);
  });

  it("cannot change the label of a mail open for reading", async () => {
    const fake = createFakeOutlook({ mode: "read", rawHeaders: "Subject: x\r\n" });
    const host = hostOf(fake);
    expect((await host.capabilities()).canWriteLabel).toBe(false);
    const plan = await planFor(hostOf(composeFake(policy)), policy, L.general, null);
    await expect(host.applyPlan(plan)).rejects.toMatchObject({ operation: "applyPlan" });
  });
});

describe("Outlook adapter: a received mail", () => {
  it("shows our label from its headers, and the protective marking and other tenants' labels", async () => {
    const raw = [
      "Received: from mail.contoso.com",
      `msip_labels: MSIP_Label_${L.confidentialAllEmployees}_Enabled=true;`,
      ` MSIP_Label_${L.confidentialAllEmployees}_SiteId=${SITE};MSIP_Label_${L.confidentialAllEmployees}_Method=Standard;`,
      ` MSIP_Label_${PARTNER_LABEL}_Enabled=true; MSIP_Label_${PARTNER_LABEL}_SiteId=${PARTNER_SITE}`,
      "X-Protective-Marking: VER=2024.1, NS=gov.au,",
      " SEC=OFFICIAL:Sensitive, ACCESS=Legal-Privilege, ORIGIN=neville.jones@entity.gov.au",
      "Subject: Advice [SEC=OFFICIAL:Sensitive, ACCESS=Legal-Privilege]",
      "",
      "body",
    ].join("\r\n");
    const host = hostOf(
      createFakeOutlook({
        mode: "read",
        rawHeaders: raw,
        subject: "Advice [SEC=OFFICIAL:Sensitive, ACCESS=Legal-Privilege]",
      }),
    );
    const state = await host.readLabel(SITE);
    expect(state.current).toEqual({ labelId: L.confidentialAllEmployees, method: "Standard" });
    expect(state.records.map((r) => r.siteId)).toEqual([SITE, PARTNER_SITE]);
    expect(state.otherMarkings).toEqual([
      { kind: "X-Protective-Marking", text: "[SEC=OFFICIAL:Sensitive, ACCESS=Legal-Privilege]" },
    ]);
  });

  it("reads the subject marking when there is no header, and a legacy Exchange classification", async () => {
    const raw =
      "X-Microsoft-Classified: true\r\nX-Microsoft-Classification: Internal\r\nX-Microsoft-ClassDesc: Internal use only\r\n";
    const host = hostOf(
      createFakeOutlook({ mode: "read", rawHeaders: raw, subject: "Minutes [SEC=OFFICIAL]" }),
    );
    const state = await host.readLabel(SITE);
    expect(state.current).toBeNull();
    expect(state.otherMarkings).toEqual([
      { kind: "subject", text: "[SEC=OFFICIAL]" },
      { kind: "X-Microsoft-Classification", text: "Internal — Internal use only" },
    ]);
  });

  it("without a received-label reader (the event handlers, which run only on mail being written) says it cannot read one", async () => {
    const fake = createFakeOutlook({
      mode: "read",
      rawHeaders: "X-Microsoft-Classified: true\r\n",
      subject: "x",
    });
    const host = new OutlookHost(fake.Office);
    await expect(host.readLabel(SITE)).rejects.toEqual(
      new HostError("readLabel", "This runtime cannot read a received mail's label."),
    );
  });
});

describe("Outlook adapter: attachments, session data, notifications", () => {
  function docxWithLabel(labelId: string, siteId: string): string {
    const custom =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
      `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="MSIP_Label_${labelId}_Enabled"><vt:lpwstr>true</vt:lpwstr></property>` +
      `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="MSIP_Label_${labelId}_SiteId"><vt:lpwstr>${siteId}</vt:lpwstr></property>` +
      `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="4" name="MSIP_Label_${labelId}_Method"><vt:lpwstr>Privileged</vt:lpwstr></property>` +
      "</Properties>";
    const zip = zipSync({
      "[Content_Types].xml": strToU8("<Types/>"),
      "docProps/custom.xml": strToU8(custom),
      "word/document.xml": strToU8("<w:document/>"),
    });
    return Buffer.from(zip).toString("base64");
  }

  it("reads our label from an attached Office file and keeps the result for send", async () => {
    const fake = composeFake(policy, {
      attachments: [
        {
          id: "a1",
          name: "Payroll.docx",
          size: 2000,
          content: docxWithLabel(L.highlyConfidentialAllEmployees, SITE),
        },
        { id: "a2", name: "Partner.docx", size: 2000, content: docxWithLabel(PARTNER_LABEL, PARTNER_SITE) },
        { id: "a3", name: "photo.png", size: 2000, content: "iVBORw0KGgo=" },
      ],
    });
    const host = hostOf(fake);
    const labels = await host.refreshAttachmentLabels(SITE, officeAttachmentReader);
    expect(labels.map((a) => [a.name, a.labelId])).toEqual([
      ["Payroll.docx", L.highlyConfidentialAllEmployees],
      ["Partner.docx", null],
      ["photo.png", null],
    ]);
    expect(fake.calls.filter((c) => c === "getAttachmentContentAsync")).toHaveLength(2);
    expect(await host.attachments()).toEqual([
      { name: "Payroll.docx", labelId: L.highlyConfidentialAllEmployees },
      { name: "Partner.docx", labelId: null },
      { name: "photo.png", labelId: null },
    ]);
    // A second pass reads nothing again.
    await host.refreshAttachmentLabels(SITE, officeAttachmentReader);
    expect(fake.calls.filter((c) => c === "getAttachmentContentAsync")).toHaveLength(2);
  });

  it("session data round-trips and reads as null before Mailbox 1.11", async () => {
    const host = hostOf(composeFake(policy));
    await host.sessionSet(SESSION.dismissed, L.confidentialAllEmployees);
    expect(await host.sessionGet(SESSION.dismissed)).toBe(L.confidentialAllEmployees);
    await host.sessionSet(SESSION.dismissed, null);
    expect(await host.sessionGet(SESSION.dismissed)).toBeNull();
    const old = hostOf(composeFake(policy, { mailboxVersion: "1.10" }));
    await old.sessionSet(SESSION.dismissed, "x");
    expect(await old.sessionGet(SESSION.dismissed)).toBeNull();
  });

  it("notifications fit Outlook's 150-character limit", async () => {
    const fake = composeFake(policy);
    const host = hostOf(fake);
    await host.notify("lb-label", "x".repeat(400), "error");
    expect(fake.state.notifications.get("lb-label")).toEqual({
      type: "errorMessage",
      message: "x".repeat(150),
    });
    await host.notify("lb-info", "Attached file is Highly Confidential");
    expect(fake.state.notifications.get("lb-info")?.type).toBe("informationalMessage");
  });

  it("tells the pane about label changes made with Outlook's control", async () => {
    const fake = composeFake(policy);
    const host = hostOf(fake);
    const seen: number[] = [];
    const off = await host.onLabelChanged(() => seen.push(1));
    fake.userSetsNativeLabel(L.public);
    await new Promise((r) => setTimeout(r, 50));
    expect(seen).toHaveLength(1);
    await off();
    fake.userSetsNativeLabel(L.general);
    await new Promise((r) => setTimeout(r, 50));
    expect(seen).toHaveLength(1);
  });
});
