import fc from "fast-check";
import {
  EpmsError,
  applyNzSubjectMarking,
  epmsSelectors,
  parseEpmsHeader,
  parseEpmsSubject,
  parseNzHeader,
  parseNzSubject,
  renderEpmsHeader,
  renderNzBanner,
  renderNzHeader,
  renderNzSubjectSuffix,
  selectEpmsMarking,
  validateNzMarking,
  NZ_CLASSIFICATIONS,
  NZ_ENDORSEMENTS,
  NzMarkingError,
  type NzMarking,
} from "../../../src/core/marking";
import { defaultTenantPolicy, validateTenantPolicy } from "../../../src/core/policy";

describe("New Zealand markings are never read as Australian", () => {
  test.each(["gov.nz", "govt.nz", "GOV.NZ"])(
    "parseEpmsHeader refuses NS=%s instead of mapping IN-CONFIDENCE to PROTECTED",
    (ns) => {
      const header = `X-Protective-Marking: VER=1, NS=${ns}, SEC=IN-CONFIDENCE`;
      expect(() => parseEpmsHeader(header)).toThrow(EpmsError);
      expect(() => parseEpmsHeader(header)).toThrow(`NS=${ns} is a New Zealand marking`);
      expect(parseNzHeader(header)).toEqual({
        classification: "IN-CONFIDENCE",
        ns: ns.toLowerCase(),
        ver: "1",
      });
    },
  );

  test("the Australian reader still reads 2012 markings under gov.au and other namespaces", () => {
    expect(parseEpmsHeader("VER=2012.3, NS=gov.au, SEC=X-IN-CONFIDENCE").sec).toBe("PROTECTED");
    expect(parseEpmsHeader("VER=2024.1, NS=ivanti.example, SEC=OFFICIAL").sec).toBe("OFFICIAL");
  });

  test("the NZ reader refuses Australian and unnamed namespaces, and Australian levels", () => {
    expect(() => parseNzHeader("VER=2024.1, NS=gov.au, SEC=OFFICIAL")).toThrow(
      "NS=gov.au is not a New Zealand namespace",
    );
    expect(() => parseNzHeader("SEC=SENSITIVE")).toThrow("NS=(none) is not a New Zealand namespace");
    expect(() => parseNzHeader("VER=1, NS=gov.nz, SEC=PROTECTED")).toThrow(NzMarkingError);
  });
});

describe("nz-gov profile round trips", () => {
  const marking = fc.record({
    classification: fc.constantFrom(...NZ_CLASSIFICATIONS),
    endorsements: fc.option(
      fc.uniqueArray(fc.constantFrom(...NZ_ENDORSEMENTS), { minLength: 1, maxLength: 3 }),
      { nil: undefined },
    ),
  }) as fc.Arbitrary<NzMarking>;
  const clean = (m: NzMarking): NzMarking =>
    m.endorsements === undefined ? { classification: m.classification } : m;

  test("header: render then parse gives the marking back", () => {
    fc.assert(
      fc.property(marking, (m) => {
        const header = renderNzHeader(m, { origin: "a@b.govt.nz" });
        expect(parseNzHeader(header)).toEqual({ ...clean(m), ver: "1", ns: "gov.nz", origin: "a@b.govt.nz" });
      }),
    );
  });

  test("subject: applied over any earlier marking, read back, applied again unchanged", () => {
    fc.assert(
      fc.property(
        marking,
        fc.constantFrom(
          "Budget bid",
          "Re: rates [SEC=OFFICIAL]",
          "[SEC=IN-CONFIDENCE] notes",
          "[IN-CONFIDENCE] Rates review",
          "Fw: rates [Restricted]",
          "",
        ),
        (m, subject) => {
          const once = applyNzSubjectMarking(subject, m);
          expect(parseNzSubject(once)).toEqual(clean(m));
          // One marking: a SEEMail token the subject had is replaced, not left beside the new block.
          expect(once.match(/\[/g)).toHaveLength(1);
          expect(applyNzSubjectMarking(once, m)).toBe(once);
          expect(once.endsWith(renderNzSubjectSuffix(m))).toBe(true);
        },
      ),
    );
  });

  test("examples", () => {
    const m: NzMarking = { classification: "SENSITIVE", endorsements: ["BUDGET"] };
    expect(renderNzHeader(m)).toBe("VER=1, NS=gov.nz, SEC=SENSITIVE, ENDORSEMENT=BUDGET");
    expect(applyNzSubjectMarking("Budget bid [SEC=OFFICIAL]", m)).toBe(
      "Budget bid [SEC=SENSITIVE, ENDORSEMENT=BUDGET]",
    );
    expect(renderNzBanner(m)).toBe("SENSITIVE // BUDGET");
    expect(applyNzSubjectMarking("Budget bid [SEC=SENSITIVE]", null)).toBe("Budget bid");
    expect(applyNzSubjectMarking("[IN-CONFIDENCE] Rates review", { classification: "SENSITIVE" })).toBe(
      "Rates review [SEC=SENSITIVE]",
    );
    expect(applyNzSubjectMarking("Rates [sensitive] review", null)).toBe("Rates review");
    expect(applyNzSubjectMarking("Notes [SEEMAIL] [draft]", null)).toBe("Notes [SEEMAIL] [draft]");
  });

  test("SEEMail tokens are read; an Australian subject marking is not an NZ one", () => {
    expect(parseNzSubject("[IN-CONFIDENCE] Rates review")).toEqual({ classification: "IN-CONFIDENCE" });
    expect(parseNzSubject("Rates [Restricted]")).toEqual({ classification: "RESTRICTED" });
    expect(parseNzSubject("Minutes [SEC=OFFICIAL:Sensitive]")).toBeNull();
    expect(parseNzSubject("[SEEMAIL] lunch")).toBeNull();
    // The subject has no namespace: each profile reads its own levels.
    expect(parseEpmsSubject("Minutes [SEC=OFFICIAL:Sensitive]")?.sec).toBe("OFFICIAL:Sensitive");
  });

  test("validation names the field and the rule", () => {
    expect(validateNzMarking({ classification: "SENSITIVE", endorsements: ["MEDICAL"] })).toEqual([]);
    expect(validateNzMarking({ classification: "SECRET", endorsements: ["ACCOUNTABLE MATERIAL"] })).toEqual(
      [],
    );
    expect(
      validateNzMarking({ classification: "IN-CONFIDENCE", endorsements: ["GOSSIP"] }, "nz").map(
        (i) => i.message,
      ),
    ).toEqual([`nz.endorsements[0]: "GOSSIP" is not one of ${NZ_ENDORSEMENTS.join(", ")}`]);
    expect(
      validateNzMarking({ classification: "UNCLASSIFIED", endorsements: ["BUDGET"] }).map((i) => i.rule),
    ).toEqual(["endorsement-needs-classification"]);
    expect(() => renderNzSubjectSuffix({ classification: "SENSITIVE", endorsements: ["A]B"] })).toThrow(
      NzMarkingError,
    );
  });
});

describe("Australian caveat and information-management-marker selectors", () => {
  const label = {
    sec: "PROTECTED" as const,
    caveats: ["SH:CABINET"],
    selectableCaveats: ["RI:AUSTEO", "SH:ORCON", "SH:NATIONAL-CABINET"],
    selectableAccess: ["Legal-Privilege" as const, "Personal-Privacy" as const],
  };

  test("a sender adds caveats and markers; the header carries them in ABNF order", () => {
    const chosen = selectEpmsMarking(label, {
      caveats: ["RI:AUSTEO"],
      access: ["Legal-Privilege", "Personal-Privacy"],
    });
    expect(chosen).toEqual({
      ok: true,
      marking: {
        sec: "PROTECTED",
        caveats: ["SH:CABINET", "RI:AUSTEO"],
        access: ["Legal-Privilege", "Personal-Privacy"],
      },
    });
    if (chosen.ok)
      expect(parseEpmsHeader(renderEpmsHeader(chosen.marking, { origin: "a@b.gov.au" }))).toMatchObject(
        chosen.marking,
      );
  });

  test("what the label does not offer, or its classification does not allow, is refused with the reason", () => {
    expect(selectEpmsMarking(label, { caveats: ["RI:AGAO"] })).toEqual({
      ok: false,
      issues: [
        {
          path: "caveats[0]",
          rule: "not-offered",
          message: "caveats[0]: RI:AGAO is not offered by this label",
        },
      ],
    });
    const official = { ...label, sec: "OFFICIAL" as const, caveats: [] };
    expect(epmsSelectors(official).caveats.map((c) => [c.value, c.allowed])).toEqual([
      ["RI:AUSTEO", false],
      ["SH:ORCON", false],
      ["SH:NATIONAL-CABINET", false],
    ]);
    const refused = selectEpmsMarking(official, { access: ["Legal-Privilege"] });
    expect(refused.ok || refused.issues[0].message).toBe(
      "access[0]: Legal-Privilege needs OFFICIAL:Sensitive or higher, not OFFICIAL",
    );
  });

  test("a policy checks the selectors and, for nz-gov, that every published label has an NZ marking", () => {
    const base = defaultTenantPolicy();
    const labels = base.labels.map((l, i) =>
      i === 1 ? { ...l, protectiveMarking: { sec: "PROTECTED", selectableCaveats: ["XX:NOPE"] } } : l,
    );
    const bad = validateTenantPolicy({ ...base, labels });
    expect(bad.issues.map((i) => i.rule)).toContain("caveat-format");
    const nz = validateTenantPolicy({
      ...base,
      policies: base.policies.map((p) => ({ ...p, settings: { ...p.settings, markingProfile: "nz-gov" } })),
    });
    expect(nz.issues.length).toBeGreaterThan(0);
    expect(new Set(nz.issues.map((i) => i.rule))).toEqual(new Set(["nz-marking-missing"]));
  });
});
