import { decideKeyRelease, decideProtection, type ProtectionAbilities } from "../../../src/core/decide";
import { tenantProtectionSchema } from "../../../src/core/policy";

const GROUP = "7b0a1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d";
const none = { displayName: "General", protection: { kind: "none" as const } };
const purview = { displayName: "Specified People", hasProtection: true };
const bridge = {
  displayName: "Finance Only",
  protection: { kind: "labelbridge" as const, rightsGroups: [GROUP], rightsUsers: ["cfo@contoso.com"] },
};

const cli: ProtectionAbilities = {
  item: "file",
  purviewLabel: false,
  labelbridgeEncryption: true,
  pathName: "labelbridge label",
};

describe("decideProtection", () => {
  it("applies a label that does not protect, on any path", () => {
    expect(decideProtection(none, { ...cli, labelbridgeEncryption: false })).toEqual({
      outcome: "apply",
      protection: { kind: "none" },
    });
  });

  it("refuses a Purview-protected label on a path without a real Purview label, saying why", () => {
    const d = decideProtection(purview, cli, "Highly Confidential \\ Specified People");
    expect(d).toEqual({
      outcome: "refuse",
      reason: "protection-purview-unavailable",
      message:
        `"Highly Confidential \\ Specified People" encrypts through Microsoft Purview, which only Outlook's built-in sensitivity labels (and Word's where available) can apply; ` +
        "labelbridge label cannot, so the label was not applied (it would have claimed protection without encrypting)",
    });
  });

  it("lets Outlook's native label API apply a Purview-protected label", () => {
    const d = decideProtection(purview, { ...cli, item: "email", purviewLabel: true, pathName: "Outlook" });
    expect(d.outcome).toBe("apply-with-protection");
    expect(d.outcome === "apply-with-protection" && d.by).toBe("purview");
  });

  it("encrypts with Labelbridge where the path can escrow a key, and refuses where it cannot", () => {
    const yes = decideProtection(bridge, cli);
    expect(yes.outcome === "apply-with-protection" && yes.by).toBe("labelbridge");
    const no = decideProtection(bridge, {
      ...cli,
      labelbridgeEncryption: false,
      labelbridgeUnavailableBecause: "no --server to keep the key",
    });
    expect(no).toMatchObject({ outcome: "refuse", reason: "protection-labelbridge-unavailable" });
    expect(no.outcome === "refuse" && no.message).toContain("(no --server to keep the key)");
  });

  it("refuses a Labelbridge-protected label on mail: Exchange encrypts mail, not the add-in", () => {
    const d = decideProtection(bridge, { ...cli, item: "email", pathName: "Outlook" });
    expect(d).toMatchObject({ outcome: "refuse", reason: "protection-labelbridge-mail" });
  });
});

describe("decideKeyRelease", () => {
  const tenant = tenantProtectionSchema.parse({ superUsers: { users: ["recovery@contoso.com"] } });

  it("releases to a member of a rights group and to a listed rights user (UPN, any case)", () => {
    expect(decideKeyRelease(bridge, tenant, { id: "u1", groups: [GROUP] })).toEqual({
      outcome: "release",
      grant: "rights-holder",
    });
    expect(decideKeyRelease(bridge, tenant, { id: "u2", upn: "CFO@contoso.com", groups: [] })).toEqual({
      outcome: "release",
      grant: "rights-holder",
    });
  });

  it("releases to a super user even when the label no longer exists", () => {
    expect(decideKeyRelease(undefined, tenant, { id: "x", upn: "recovery@contoso.com", groups: [] })).toEqual(
      { outcome: "release", grant: "super-user" },
    );
  });

  it("refuses everyone else, and says why", () => {
    expect(decideKeyRelease(bridge, tenant, { id: "u3", groups: ["other"] })).toMatchObject({
      outcome: "refuse",
      reason: "not-entitled",
    });
    expect(decideKeyRelease(none, tenant, { id: "u3", groups: [GROUP] })).toMatchObject({
      outcome: "refuse",
      reason: "label-not-protected",
    });
  });
});
