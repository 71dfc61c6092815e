/**
 * office.js for the `naa` pane suite (test/browser/naa.pane.test.ts): the fake Outlook
 * (../outlook/browserEntry.ts, options in `window.__FAKE_OUTLOOK__`) plus what a host with nested
 * app authentication adds — requirement set NestedAppAuth 1.1 and `window.nestedAppAuthBridge` —
 * as `window.__FAKE_NAA__` says. The bridge's requests are left on `window.__naaBridge`.
 */
import "../outlook/browserEntry";
import { installNaaBridge, type FakeNaaBridge, type NaaBridgeOptions } from "./bridge";

export interface FakeNaaHostOptions {
  /** What isSetSupported("NestedAppAuth", "1.1") answers. */
  nestedAppAuth: boolean;
  bridge: NaaBridgeOptions;
}

const w = window as unknown as {
  Office?: { context?: { requirements?: { isSetSupported(name: string, minVersion?: string): boolean } } };
  __FAKE_NAA__?: FakeNaaHostOptions;
  __naaBridge?: FakeNaaBridge;
  nestedAppAuthBridge?: unknown;
};
const naa = w.__FAKE_NAA__;
const requirements = w.Office?.context?.requirements;
if (naa && requirements) {
  const outlookSets = requirements.isSetSupported.bind(requirements);
  requirements.isSetSupported = (name, minVersion) =>
    name === "NestedAppAuth"
      ? naa.nestedAppAuth && Number(minVersion ?? "1.1") <= 1.1
      : outlookSets(name, minVersion);
  // Installed even when the requirement set is off, so a test sees that nothing used it.
  w.__naaBridge = installNaaBridge(w, naa.bridge);
}
