/**
 * What the pane says about itself while it is open (issue 11, items 21–23): it follows Office's
 * theme when it changes, it keeps the policy's notice next to the outcome of the last action, and a
 * missing or refused sign-in says what to do — not the same words as a backend that is down.
 */
import { en } from "../../../src/addin/i18n/en";
import { fr } from "../../../src/addin/i18n/fr";
import { header, ourLabel, pane, TOKEN } from "./paneHarness";
import { composeFake, L, policyWith } from "./setup";

const advance = policyWith({ mandatoryMail: true, defaultMailLabel: L.general, justificationRequired: true });
const DARK = { bodyBackgroundColor: "#292929", bodyForegroundColor: "#ffffff" };
const LIGHT = { bodyBackgroundColor: "#ffffff", bodyForegroundColor: "#000000" };

describe("the pane follows Office's theme while it is open", () => {
  it("turns dark when the person switches Outlook to a dark theme, and back", async () => {
    const fake = composeFake(advance, { theme: LIGHT });
    const { controller, settle } = await pane(fake, advance);
    expect(controller.getState().theme).toBe("light");
    fake.changeTheme(DARK);
    await settle();
    expect(controller.getState().theme).toBe("dark");
    fake.changeTheme(LIGHT);
    await settle();
    expect(controller.getState().theme).toBe("light");
  });

  it("follows the theme before the policy and the flows have loaded, and when no policy loads at all", async () => {
    const fake = composeFake(advance, { theme: LIGHT });
    const { controller, settle } = await pane(fake, null);
    expect(controller.getState().phase).toBe("no-policy");
    fake.changeTheme(DARK);
    await settle();
    expect(controller.getState().theme).toBe("dark");
  });

  it("does not listen where Outlook has no theme event (before Mailbox 1.14)", async () => {
    const fake = composeFake(advance, { theme: LIGHT, mailboxVersion: "1.13" });
    const { controller, settle } = await pane(fake, advance);
    expect(fake.calls.filter((c) => c === "mailbox.addHandlerAsync")).toEqual([]);
    fake.changeTheme(DARK);
    await settle();
    expect(controller.getState().theme).toBe("light");
  });
});

describe("notices", () => {
  it("keeps 'using the saved policy' when the default label is applied: both show, each dismissable", async () => {
    const fake = composeFake(advance, { labelsEnabled: false });
    const { controller } = await pane(fake, null, en, TOKEN, {
      cached: { policy: advance, ageMs: 7_200_000 },
    });
    const s = controller.getState();
    expect(ourLabel(fake)).toBe(L.general);
    expect(s.policyNotice).toMatchObject({
      kind: "warning",
      text: expect.stringContaining("cannot be reached"),
    });
    expect(s.notice).toEqual({ kind: "info", text: 'Labeled "General" by default.' });
    controller.clearNotice();
    expect(controller.getState().policyNotice?.kind).toBe("warning");
    controller.dismissPolicyNotice();
    expect(controller.getState().policyNotice).toBeNull();
  });

  it("keeps the policy's notice through the person's own label changes", async () => {
    const fake = composeFake(advance, { labelsEnabled: false, headers: { msip_labels: header(L.general) } });
    const { controller } = await pane(fake, null, en, TOKEN, {
      cached: { policy: advance, ageMs: 7_200_000 },
    });
    await controller.chooseLabel(L.confidentialAllEmployees);
    expect(controller.getState().notice?.kind).toBe("success");
    expect(controller.getState().policyNotice?.kind).toBe("warning");
  });
});

describe("a missing sign-in says so, with the next step", () => {
  it("without a token: not signed in, sign in or paste a development token in Settings", async () => {
    const fake = composeFake(advance, { labelsEnabled: false });
    const { controller } = await pane(fake, advance, en, null);
    expect(controller.getState()).toMatchObject({
      phase: "no-policy",
      policyNotice: {
        kind: "error",
        text: "You are not signed in to Labelbridge, so your organisation's labels could not be loaded. Sign in to Office, or paste a development token in Settings below.",
      },
    });
  });

  it("with a token the service refuses: sign in again or paste a new token", async () => {
    const fake = composeFake(advance, { labelsEnabled: false });
    const { controller } = await pane(fake, advance, en, TOKEN, { status: 401 });
    expect(controller.getState().policyNotice?.text).toBe(
      "The labeling service did not accept your sign-in. Sign in to Office again, or paste a new development token in Settings below.",
    );
  });

  it("with the backend down: the service cannot be reached — a different message, and no sign-in advice", async () => {
    const fake = composeFake(advance, { labelsEnabled: false });
    const { controller } = await pane(fake, null);
    const text = controller.getState().policyNotice?.text ?? "";
    expect(text).toBe(
      "The labeling service cannot be reached and no saved policy is available. Check the connection, then try again.",
    );
    expect(text).not.toMatch(/sign/i);
  });

  it("signed out with a saved policy: works from it, and says why it is not refreshed", async () => {
    const fake = composeFake(advance, { labelsEnabled: false });
    const { controller } = await pane(fake, advance, en, null, {
      cached: { policy: advance, ageMs: 7_200_000 },
    });
    expect(controller.getState().phase).toBe("ready");
    expect(controller.getState().policyNotice?.text).toMatch(
      /^You are not signed in to Labelbridge: using the policy saved .+\. Sign in to Office, or paste a development token in Settings below\.$/,
    );
  });

  it("says it in French too", async () => {
    const fake = composeFake(advance, { labelsEnabled: false, displayLanguage: "fr-FR" });
    const { controller } = await pane(fake, advance, fr, null);
    expect(controller.getState().policyNotice?.text).toMatch(/Vous n'êtes pas connecté/);
  });
});
