/**
 * The fake Outlook as a script that replaces office.js in the browser suite: the harness routes
 * https://appsforoffice.microsoft.com/lib/1/hosted/office.js here. Options come from
 * `window.__FAKE_OUTLOOK__` (set by an init script before the page loads); the fake itself is left
 * on `window.__fakeOutlook` so tests can look at the mail and act as the person in Outlook.
 * `window.__FAKE_OUTLOOK__ = null` plays office.js outside Office (onReady answers host null).
 */
import { createFakeOutlook, type FakeOutlook, type FakeOutlookOptions } from "./fakeOutlook";

declare global {
  interface Window {
    __FAKE_OUTLOOK__?: FakeOutlookOptions | null;
    __fakeOutlook?: FakeOutlook;
    /** Plain view of the mail for page.evaluate: headers and session data as objects. */
    __mail?: () => {
      subject: string;
      body: string;
      headers: Record<string, string>;
      nativeLabel: string | null;
      sessionData: Record<string, string>;
      onSend: { prepend: string | null; append: string | null };
      calls: string[];
    };
  }
}

const options = window.__FAKE_OUTLOOK__;
if (options === null) {
  (window as unknown as { Office: unknown }).Office = {
    HostType: { Outlook: "Outlook", Word: "Word", Excel: "Excel" },
    onReady: (cb?: (i: unknown) => void) => {
      const info = { host: null, platform: null };
      cb?.(info);
      return Promise.resolve(info);
    },
  };
} else {
  const fake = createFakeOutlook(options ?? { mode: "compose" });
  (window as unknown as { Office: unknown }).Office = fake.Office;
  window.__fakeOutlook = fake;
  window.__mail = () => ({
    subject: fake.state.subject,
    body: fake.state.body,
    headers: Object.fromEntries(fake.state.headers),
    nativeLabel: fake.state.nativeLabel,
    sessionData: Object.fromEntries(fake.state.sessionData),
    onSend: { prepend: fake.state.onSend.prepend, append: fake.state.onSend.append },
    calls: [...fake.calls],
  });
}
