import { decideAddinProtection } from "../../../src/core/decide/addinProtection";
import { effectiveWith, L } from "../../support/policyFixtures";

const labels = effectiveWith().labels;
const label = (id: string) => labels.find((l) => l.id === id)!;
const specified = label(L.highlyConfidentialSpecifiedPeople);
const shared = {
  ...label(L.highlyConfidentialAllEmployees),
  protection: {
    kind: "labelbridge" as const,
    rightsGroups: ["6c1f4a52-9d2e-4c1b-8a77-3f0e5d9b2a10"],
    rightsUsers: [],
  },
};

describe("decideAddinProtection: what the add-in may do with a protecting label", () => {
  it("a label without protection is applied with nothing to say", () => {
    expect(
      decideAddinProtection(label(L.general), { item: "file", purviewLabel: false, pathName: "Word" }),
    ).toEqual({
      outcome: "apply",
      notice: null,
    });
  });

  it("a Purview label goes on only where the host applies the real Purview label", () => {
    expect(
      decideAddinProtection(specified, { item: "email", purviewLabel: true, pathName: "Outlook" }),
    ).toEqual({
      outcome: "apply",
      notice: "purview",
    });
    const refused = decideAddinProtection(
      specified,
      { item: "file", purviewLabel: false, pathName: "Word" },
      "Highly Confidential \\ Specified People",
    );
    expect(refused).toMatchObject({ outcome: "refuse", reason: "protection-purview-unavailable" });
    expect(refused.outcome === "refuse" && refused.message).toBe(
      "\"Highly Confidential \\ Specified People\" encrypts through Microsoft Purview, which only Outlook's built-in sensitivity labels (and Word's where available) can apply; Word cannot, so the label was not applied (it would have claimed protection without encrypting)",
    );
  });

  it("Graph's hasProtection alone means Purview: refused where no Purview label can be applied", () => {
    const imported = { displayName: "Secret", hasProtection: true };
    expect(
      decideAddinProtection(imported, { item: "email", purviewLabel: false, pathName: "Outlook" }),
    ).toMatchObject({
      outcome: "refuse",
    });
  });

  it("a Labelbridge label is metadata in the add-in, with the notice of where it is (or is not) encrypted", () => {
    expect(decideAddinProtection(shared, { item: "file", purviewLabel: false, pathName: "Excel" })).toEqual({
      outcome: "apply",
      notice: "labelbridge-file",
    });
    // Outlook's own label does not make Labelbridge's file protection apply to mail.
    expect(decideAddinProtection(shared, { item: "email", purviewLabel: true, pathName: "Outlook" })).toEqual(
      {
        outcome: "apply",
        notice: "labelbridge-mail",
      },
    );
  });
});
