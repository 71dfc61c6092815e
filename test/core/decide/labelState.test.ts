/**
 * Reconciliation: what a mail or document carries once Outlook's own label is taken into account,
 * and whether a label set outside Labelbridge waits to be checked — the one answer the pane, the
 * event handlers and send all start from.
 */
import { reconcileLabel, type LabelState } from "../../../src/core/decide";
import { effectiveWith, L } from "../../support/policyFixtures";

const policy = effectiveWith();
const FOREIGN = "03ef5274-90b8-4b3f-8a76-b4c36a43e904";

function state(recorded: string | null, native?: string | null): LabelState {
  return {
    current: recorded === null ? null : { labelId: recorded, method: "Privileged" },
    records: [],
    source: recorded === null ? "none" : "msip_labels",
    native,
  };
}

describe("reconcileLabel", () => {
  it("takes our record as it is where the host cannot tell its own label", () => {
    expect(reconcileLabel(state(L.general), policy)).toEqual({
      current: { labelId: L.general, method: "Privileged" },
      recorded: { labelId: L.general, method: "Privileged" },
      outside: null,
    });
  });

  it("finds nothing to check when Outlook's label is the one we recorded", () => {
    expect(reconcileLabel(state(L.general, L.general), policy).outside).toBeNull();
  });

  it("reports a label set with Outlook's control: it is what the mail carries, from our record", () => {
    const r = reconcileLabel(state(L.public, L.highlyConfidentialAllEmployees), policy);
    expect(r.current).toEqual({ labelId: L.highlyConfidentialAllEmployees, method: null });
    expect(r.recorded).toEqual({ labelId: L.public, method: "Privileged" });
    expect(r.outside).toEqual({ from: L.public, to: L.highlyConfidentialAllEmployees });
  });

  it("reports an outside label on a mail we never labeled as coming from no label", () => {
    expect(reconcileLabel(state(null, L.general), policy).outside).toEqual({ from: null, to: L.general });
  });

  it("leaves a native label of another taxonomy alone: not ours to judge", () => {
    const r = reconcileLabel(state(L.general, FOREIGN), policy);
    expect(r).toEqual({ current: r.recorded, recorded: r.recorded, outside: null });
    expect(r.current?.labelId).toBe(L.general);
  });

  it("treats Outlook reporting no label (null) like an unknown one: our record stands", () => {
    expect(reconcileLabel(state(L.general, null), policy).current?.labelId).toBe(L.general);
  });
});
