import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import {
  EPMS_ACCESS,
  EPMS_CLASSIFICATIONS,
  EpmsError,
  applySubjectMarking,
  parseEpmsHeader,
  parseEpmsSubject,
  renderDocumentMarking,
  renderEpmsHeader,
  renderEpmsSubjectSuffix,
  stripSubjectMarking,
  validateProtectiveMarking,
  type EpmsClassification,
  type EpmsHeader,
  type ProtectiveMarking,
} from "../../../src/core/marking/epms";

/** ASD Blueprint's DLP pattern `\s*?\[SEC=.*?\]` (.NET: `.` stops only at \n), plus the 2012 DLM form. */
const ASD = /\s*?\[(?:SEC|DLM)=[^\n]*?\]/gi;
const asdMatches = (s: string): number => (s.match(ASD) ?? []).length;

// ---------------------------------------------------------------------------------------------
// Generators of valid markings (docs/reference/protective-markings.md §1.2)

const rankOf = (c: EpmsClassification): number => EPMS_CLASSIFICATIONS.indexOf(c);
const printable = fc.integer({ min: 32, max: 126 }).map((c) => String.fromCharCode(c));
const freeText = (max: number, brackets: boolean): fc.Arbitrary<string> =>
  fc
    .string({ unit: printable, minLength: 1, maxLength: max })
    .filter((s) => s === s.trim() && (brackets || !/[[\]]/.test(s)));
const country = fc.constantFrom("AUS", "CAN", "GBR", "NZL", "USA");
const caveat: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "RI:AUSTEO",
    "RI:AGAO",
    "SH:CABINET",
    "SH:ORCON",
    "SH:DELICATE-SOURCE",
    "SH:ACCOUNTABLE-MATERIAL",
    "SH:NATIONAL-CABINET",
  ),
  fc.array(country, { minLength: 1, maxLength: 4 }).map((cs) => `RI:REL ${cs.join("/")}`),
  freeText(126, false).map((t) => `C:${t}`),
  freeText(125, false).map((t) => `FG:${t}`),
  freeText(100, false).map((t) => `SH:EXCLUSIVE-FOR ${t}`),
);
const expiresText = fc.oneof(
  fc.constantFrom("2019-07-01", "2030-01-31T09:30:00", "2030-01-31T09:30:00.5Z", "2031-12-31T23:59:59+10:00"),
  freeText(128, false).filter((t) => !/^\d{4}-/.test(t)),
);

const validMarking: fc.Arbitrary<ProtectiveMarking> = fc
  .constantFrom(...EPMS_CLASSIFICATIONS)
  .chain((sec) => {
    const r = rankOf(sec);
    const none = fc.constant(undefined);
    return fc
      .record({
        caveats:
          r >= rankOf("PROTECTED")
            ? fc.option(fc.uniqueArray(caveat, { minLength: 1, maxLength: 4 }), { nil: undefined })
            : r === rankOf("OFFICIAL:Sensitive")
              ? fc.option(fc.constant<string[]>(["SH:NATIONAL-CABINET"]), { nil: undefined })
              : none,
        access:
          r >= rankOf("OFFICIAL:Sensitive")
            ? fc.option(fc.subarray([...EPMS_ACCESS], { minLength: 1 }), { nil: undefined })
            : none,
        expiry:
          r > 0
            ? fc.option(
                fc.record({
                  expires: expiresText,
                  downTo: fc.constantFrom(...EPMS_CLASSIFICATIONS.slice(0, r)),
                }),
                { nil: undefined },
              )
            : none,
        note: fc.option(freeText(128, true), { nil: undefined }),
      })
      .map(({ caveats, access, expiry, note }) => {
        const m: ProtectiveMarking = { sec };
        if (caveats) m.caveats = caveats;
        if (access) m.access = access;
        if (expiry) Object.assign(m, expiry);
        if (note !== undefined) m.note = note;
        return m;
      });
  });

const withoutNote = ({ note: _note, ...m }: ProtectiveMarking): ProtectiveMarking => m;

// ---------------------------------------------------------------------------------------------

describe("renderEpmsHeader", () => {
  it("renders the spec's example (ABNF long form)", () => {
    expect(
      renderEpmsHeader(
        { sec: "OFFICIAL:Sensitive", access: ["Legal-Privilege"] },
        { origin: "neville.jones@entity.gov.au" },
      ),
    ).toBe(
      "VER=2024.1, NS=gov.au, SEC=OFFICIAL:Sensitive, ACCESS=Legal-Privilege, ORIGIN=neville.jones@entity.gov.au",
    );
  });

  it("emits every field in ABNF order whatever the object's key order", () => {
    const m: ProtectiveMarking = {
      note: "Budget, draft 2 \\ final",
      downTo: "OFFICIAL:Sensitive",
      expires: "2030-01-01",
      access: ["Personal-Privacy", "Legislative-Secrecy"],
      caveats: ["SH:ACCOUNTABLE-MATERIAL", "RI:AUSTEO"],
      sec: "SECRET",
    };
    expect(renderEpmsHeader(m, { version: "2025.1", origin: "a@b.gov.au" })).toBe(
      "VER=2025.1, NS=gov.au, SEC=SECRET, CAVEAT=SH:ACCOUNTABLE-MATERIAL, CAVEAT=RI:AUSTEO, " +
        "ACCESS=Personal-Privacy, ACCESS=Legislative-Secrecy, EXPIRES=2030-01-01, DOWNTO=OFFICIAL:Sensitive, " +
        "NOTE=Budget\\, draft 2 \\\\ final, ORIGIN=a@b.gov.au",
    );
  });

  it("leaves ORIGIN out when there is no sender (as ASD's DLP rules do) and takes another namespace", () => {
    expect(renderEpmsHeader({ sec: "OFFICIAL" })).toBe("VER=2024.1, NS=gov.au, SEC=OFFICIAL");
    expect(renderEpmsHeader({ sec: "OFFICIAL" }, { ns: "example.org", version: undefined })).toBe(
      "VER=2024.1, NS=example.org, SEC=OFFICIAL",
    );
  });

  it.each<[ProtectiveMarking, { origin?: string }]>([
    [{ sec: "OFFICIAL", note: "hi\r\nBcc: attacker@example.com" }, {}],
    [{ sec: "OFFICIAL" }, { origin: "a@b.gov.au\nX-Evil: 1" }],
    [{ sec: "PROTECTED", caveats: ["C:naïve"] }, {}],
    [{ sec: "Official" as EpmsClassification }, {}],
  ])("refuses %j: no header injection, no non-ASCII, no unknown classification", (m, options) => {
    expect(() => renderEpmsHeader(m, options)).toThrow(EpmsError);
  });
});

describe("renderEpmsSubjectSuffix", () => {
  it.each<[ProtectiveMarking, string]>([
    [{ sec: "OFFICIAL" }, "[SEC=OFFICIAL]"],
    [
      { sec: "OFFICIAL:Sensitive", access: ["Legal-Privilege"] },
      "[SEC=OFFICIAL:Sensitive, ACCESS=Legal-Privilege]",
    ],
    [
      { sec: "PROTECTED", expires: "2019-07-01", downTo: "OFFICIAL" },
      "[SEC=PROTECTED, EXPIRES=2019-07-01, DOWNTO=OFFICIAL]",
    ],
    [
      { sec: "SECRET", caveats: ["SH:ACCOUNTABLE-MATERIAL", "RI:AUSTEO"] },
      "[SEC=SECRET, CAVEAT=SH:ACCOUNTABLE-MATERIAL, CAVEAT=RI:AUSTEO]",
    ],
    [{ sec: "OFFICIAL", note: "header only" }, "[SEC=OFFICIAL]"],
    [{ sec: "PROTECTED", caveats: ["C:ALPHA, BETA"] }, "[SEC=PROTECTED, CAVEAT=C:ALPHA\\, BETA]"],
  ])("%j → %s (spec §1.3 examples)", (m, expected) => {
    expect(renderEpmsSubjectSuffix(m)).toBe(expected);
  });

  it("refuses brackets, which would end the subject block early", () => {
    expect(() => renderEpmsSubjectSuffix({ sec: "PROTECTED", caveats: ["C:A]B"] })).toThrow(
      'CAVEAT="C:A]B": brackets cannot appear in a subject marking',
    );
  });
});

describe("applySubjectMarking / stripSubjectMarking", () => {
  const official: ProtectiveMarking = { sec: "OFFICIAL" };
  const protectedM: ProtectiveMarking = { sec: "PROTECTED" };

  it.each<[string, ProtectiveMarking | null, string]>([
    ["This is an example subject line", official, "This is an example subject line [SEC=OFFICIAL]"],
    ["Budget [SEC=OFFICIAL]", protectedM, "Budget [SEC=PROTECTED]"],
    ["Budget [SEC=OFFICIAL]  ", protectedM, "Budget [SEC=PROTECTED]"],
    ["Re: [SEC=OFFICIAL] Budget", protectedM, "Re: Budget [SEC=PROTECTED]"],
    ["[SEC=OFFICIAL] a [sec=official:sensitive] b\t[SEC=PROTECTED]", official, "a b [SEC=OFFICIAL]"],
    ["[SEC=OFFICIAL] Budget", null, "Budget"],
    ["Minutes [DLM=Sensitive]", { sec: "OFFICIAL:Sensitive" }, "Minutes [SEC=OFFICIAL:Sensitive]"],
    ["", official, "[SEC=OFFICIAL]"],
    ["   ", official, "[SEC=OFFICIAL]"],
    ["[SEC=PROTECTED]", official, "[SEC=OFFICIAL]"],
    ["Budget [SEC=OFFICIAL]", null, "Budget"],
    ["Re: [SEC=OFFICIAL] Budget", null, "Re: Budget"],
    ["Budget [SECRET] [SEC] [SEC =x]", official, "Budget [SECRET] [SEC] [SEC =x] [SEC=OFFICIAL]"],
    // A marking cut short at the end would otherwise swallow ours.
    ["Budget [SEC=OFFICIAL:Sensi", protectedM, "Budget [SEC=PROTECTED]"],
    // One regex pass would leave "[SEC=OFFICIAL]" here, to the left of ours.
    ["Q3 [SE[SEC=x]C=OFFICIAL]", protectedM, "Q3 [SEC=PROTECTED]"],
    ["[SE[SE[SEC=x]C=y]C=OFFICIAL] tail", protectedM, "tail [SEC=PROTECTED]"],
  ])("%j with %j → %j", (subject, m, expected) => {
    expect(applySubjectMarking(subject, m)).toBe(expected);
  });

  it("strips exactly what ASD's regex strips when one pass suffices", () => {
    expect(stripSubjectMarking("Hello [SEC=OFFICIAL] world")).toBe("Hello world");
    expect(stripSubjectMarking("a\n[SEC=OFFICIAL]b")).toBe("ab");
    expect(stripSubjectMarking("[SEC=a\nb]")).toBe("[SEC=a\nb]");
    const subjects = fc.string({
      unit: fc.constantFrom("[", "]", "SEC=", "sec=", "DLM=", "S", "E", "C", "=", " ", "\t", "\n", "a", ","),
      maxLength: 40,
    });
    fc.assert(
      fc.property(subjects, (s) => {
        const once = s.replace(ASD, "");
        const ours = stripSubjectMarking(s);
        expect(asdMatches(ours)).toBe(0);
        if (asdMatches(once) === 0) expect(ours).toBe(once);
      }),
      { numRuns: 1500 },
    );
  });

  it("never duplicates: one marking, ours, whatever the subject; applying twice changes nothing", () => {
    const subjects = fc.string({
      unit: fc.constantFrom(
        "[",
        "]",
        "[SEC=",
        "[sec=",
        "[DLM=",
        "OFFICIAL",
        "SE",
        "C=",
        " ",
        "\n",
        "Re: ",
        "x",
      ),
      maxLength: 30,
    });
    fc.assert(
      fc.property(subjects, validMarking, validMarking, (s, m1, m2) => {
        const once = applySubjectMarking(s, m1);
        expect(applySubjectMarking(once, m1)).toBe(once);
        const relabelled = applySubjectMarking(once, m2);
        expect(asdMatches(relabelled)).toBe(1);
        expect(parseEpmsSubject(relabelled)).toEqual(withoutNote(m2));
        expect(relabelled.endsWith(renderEpmsSubjectSuffix(m2))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("parseEpmsSubject", () => {
  it.each<[string, ReturnType<typeof parseEpmsSubject>]>([
    ["This is an example subject line [SEC=OFFICIAL]", { sec: "OFFICIAL" }],
    [
      "Advice [SEC=OFFICIAL:Sensitive, ACCESS=Legal-Privilege]",
      { sec: "OFFICIAL:Sensitive", access: ["Legal-Privilege"] },
    ],
    [
      "x [SEC=PROTECTED, EXPIRES=2019-07-01, DOWNTO=OFFICIAL]",
      { sec: "PROTECTED", expires: "2019-07-01", downTo: "OFFICIAL" },
    ],
    [
      "x [SEC=SECRET, CAVEAT=SH:ACCOUNTABLE-MATERIAL, CAVEAT=RI:AUSTEO]",
      { sec: "SECRET", caveats: ["SH:ACCOUNTABLE-MATERIAL", "RI:AUSTEO"] },
    ],
    ["leftmost wins [SEC=OFFICIAL] then [SEC=PROTECTED]", { sec: "OFFICIAL" }],
    ["[SEC=BANANA] is no marking, [SEC=PROTECTED] is", { sec: "PROTECTED" }],
    ["broken [SEC=OFFICIAL [SEC=PROTECTED]", { sec: "PROTECTED" }],
    ["typed by hand [sec=official: sensitive]", { sec: "OFFICIAL:Sensitive" }],
    ["[SEC=OFFICIAL, NOTE=not in subjects]", { sec: "OFFICIAL" }],
    [
      "[SEC=OFFICIAL:Sensitive, EXPIRES=end of budget\\, then, DOWNTO=official]",
      {
        sec: "OFFICIAL:Sensitive",
        expires: "end of budget, then",
        downTo: "OFFICIAL",
      },
    ],
    [
      "2012 [DLM=Sensitive:Legal]",
      { sec: "OFFICIAL:Sensitive", access: ["Legal-Privilege"], legacy: { dlm: "Sensitive:Legal" } },
    ],
    [
      "2012 [SEC=UNCLASSIFIED, DLM=For-Official-Use-Only]",
      { sec: "OFFICIAL:Sensitive", legacy: { sec: "UNCLASSIFIED", dlm: "For-Official-Use-Only" } },
    ],
    ["no marking", null],
    ["[SEC=OFFICIAL", null],
    ["[SEC=OFFICIAL\n]", null],
    ["[SEC=]", null],
    ["[SEC=OFFICIAL, ACCESS=Gossip]", null],
  ])("%j → %j", (subject, expected) => {
    expect(parseEpmsSubject(subject)).toEqual(expected);
  });
});

describe("parseEpmsHeader", () => {
  it("reads the spec's folded example", () => {
    const folded =
      "VER=2024.1, NS=gov.au,\r\n SEC=OFFICIAL:Sensitive,\r\n ACCESS=Legal-Privilege,\r\n ORIGIN=neville.jones@entity.gov.au";
    expect(parseEpmsHeader(folded)).toEqual({
      ver: "2024.1",
      ns: "gov.au",
      sec: "OFFICIAL:Sensitive",
      access: ["Legal-Privilege"],
      origin: "neville.jones@entity.gov.au",
    });
  });

  it("reads ACCESS and EXPIRES in either order", () => {
    const expected: EpmsHeader = {
      ver: "2024.1",
      ns: "gov.au",
      sec: "PROTECTED",
      access: ["Personal-Privacy"],
      expires: "2030-01-01",
      downTo: "OFFICIAL:Sensitive",
      origin: "a@b.gov.au",
    };
    const abnf =
      "VER=2024.1, NS=gov.au, SEC=PROTECTED, ACCESS=Personal-Privacy, EXPIRES=2030-01-01, DOWNTO=OFFICIAL:Sensitive, ORIGIN=a@b.gov.au";
    const regexTable =
      "VER=2024.1, NS=gov.au, SEC=PROTECTED, EXPIRES=2030-01-01, DOWNTO=OFFICIAL:Sensitive, ACCESS=Personal-Privacy, ORIGIN=a@b.gov.au";
    expect(parseEpmsHeader(abnf)).toEqual(expected);
    expect(parseEpmsHeader(regexTable)).toEqual(expected);
  });

  it.each<[string, EpmsHeader]>([
    [
      "X-Protective-Marking: VER=2018.4, NS=GOV.AU, SEC=UNOFFICIAL, ORIGIN=x@y.gov.au\r\n",
      { ver: "2018.4", ns: "gov.au", sec: "UNOFFICIAL", origin: "x@y.gov.au" },
    ],
    [
      "VER=2012.3, NS=gov.au, SEC=UNCLASSIFIED, DLM=For-Official-Use-Only, ORIGIN=old@agency.gov.au",
      {
        ver: "2012.3",
        ns: "gov.au",
        sec: "OFFICIAL:Sensitive",
        origin: "old@agency.gov.au",
        legacy: { sec: "UNCLASSIFIED", dlm: "For-Official-Use-Only" },
      },
    ],
    [
      "VER=2012.3, NS=gov.au, DLM=Sensitive:Cabinet, ORIGIN=cab@pmc.gov.au",
      {
        ver: "2012.3",
        ns: "gov.au",
        sec: "PROTECTED",
        caveats: ["SH:CABINET"],
        origin: "cab@pmc.gov.au",
        legacy: { dlm: "Sensitive:Cabinet" },
      },
    ],
    [
      "VER=2012.3, NS=gov.au, SEC=CONFIDENTIAL, ORIGIN=c@d.gov.au",
      { ver: "2012.3", ns: "gov.au", sec: "SECRET", origin: "c@d.gov.au", legacy: { sec: "CONFIDENTIAL" } },
    ],
    [
      "VER=2012.3, NS=gov.au, SEC=X-IN-CONFIDENCE",
      { ver: "2012.3", ns: "gov.au", sec: "PROTECTED", legacy: { sec: "X-IN-CONFIDENCE" } },
    ],
    [
      "VER=2024.1, NS=ivanti.example, SEC=TOP SECRET, CAVEAT=C:ALPHA\\, BRAVO, NOTE=a\\\\b\\, c, ORIGIN=e@f.example, FUTURE=ignored",
      {
        ver: "2024.1",
        ns: "ivanti.example",
        sec: "TOP-SECRET",
        caveats: ["C:ALPHA, BRAVO"],
        note: "a\\b, c",
        origin: "e@f.example",
      },
    ],
    [
      "sec=official:sensitive, access=legal-privilege,",
      { ver: "", ns: "", sec: "OFFICIAL:Sensitive", access: ["Legal-Privilege"] },
    ],
  ])("tolerates %j", (value, expected) => {
    expect(parseEpmsHeader(value)).toEqual(expected);
  });

  it.each([
    ["", "X-Protective-Marking is empty"],
    [" \r\n ", "X-Protective-Marking is empty"],
    ["hello world", 'X-Protective-Marking "hello world": "hello world" is not FIELD=value'],
    ["=OFFICIAL", 'X-Protective-Marking "=OFFICIAL": "=OFFICIAL" has no field name'],
    ["VER=2024.1, NS=gov.au", 'X-Protective-Marking "VER=2024.1, NS=gov.au": there is no SEC field'],
    ["SEC=BANANA", 'X-Protective-Marking "SEC=BANANA": SEC="BANANA" is not a classification'],
    [
      "SEC=OFFICIAL, SEC=PROTECTED",
      'X-Protective-Marking "SEC=OFFICIAL, SEC=PROTECTED": SEC appears more than once',
    ],
    [
      "SEC=OFFICIAL:Sensitive, ACCESS=Gossip",
      'X-Protective-Marking "SEC=OFFICIAL:Sensitive, ACCESS=Gossip": ACCESS="Gossip" is not Personal-Privacy, Legal-Privilege, Legislative-Secrecy',
    ],
  ])("refuses %j with a clear error", (value, message) => {
    expect(() => parseEpmsHeader(value)).toThrow(EpmsError);
    expect(() => parseEpmsHeader(value)).toThrow(message);
  });

  it("round-trips every valid marking: parse(render(m)) equals m", () => {
    const version = fc.constantFrom("2024.1", "2025.1", "2018.4");
    const origin = fc.option(fc.emailAddress(), { nil: undefined });
    fc.assert(
      fc.property(validMarking, version, origin, (m, ver, sender) => {
        expect(validateProtectiveMarking(m, "", { version: ver, origin: sender })).toEqual([]);
        const expected: EpmsHeader = { ver, ns: "gov.au", ...m };
        if (sender !== undefined) expected.origin = sender;
        expect(parseEpmsHeader(renderEpmsHeader(m, { version: ver, origin: sender }))).toEqual(expected);
        // And the same marking folded as a mail system would fold it.
        const folded = renderEpmsHeader(m, { version: ver, origin: sender }).replace(/, /g, ",\r\n ");
        expect(parseEpmsHeader(folded)).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it("round-trips every valid marking through a subject", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), validMarking, (subject, m) => {
        expect(parseEpmsSubject(applySubjectMarking(subject, m))).toEqual(withoutNote(m));
      }),
      { numRuns: 1000 },
    );
  });
});

describe("real X-Protective-Marking headers (test/fixtures/protective-markings)", () => {
  const dir = join(__dirname, "..", "..", "fixtures", "protective-markings");
  const expected = JSON.parse(
    readFileSync(join(dir, "protective_marking_headers.expected.json"), "utf8"),
  ) as Array<Record<string, unknown>>;
  const blocks = readFileSync(join(dir, "protective_marking_headers.txt"), "utf8").split(/^-----$/m);

  /** The header the way the spec names its fields. */
  const asFields = (h: EpmsHeader): Record<string, unknown> => {
    const out: Record<string, unknown> = { VER: h.ver, NS: h.ns, SEC: h.sec };
    if (h.caveats) out.CAVEAT = h.caveats;
    if (h.access) out.ACCESS = h.access;
    if (h.expires !== undefined) out.EXPIRES = h.expires;
    if (h.downTo !== undefined) out.DOWNTO = h.downTo;
    if (h.note !== undefined) out.NOTE = h.note;
    if (h.origin !== undefined) out.ORIGIN = h.origin;
    return out;
  };

  it("has one expected record per header block", () => {
    expect(blocks).toHaveLength(expected.length);
  });

  it.each(blocks.map((block, i) => [i, block] as const))("block %i reads as expected", (i, block) => {
    // RFC 5322 unfolding, then the X-Protective-Marking field.
    const unfolded = block.replace(/\r?\n(?=[ \t])/g, "");
    const line = unfolded.split(/\r?\n/).find((l) => /^X-Protective-Marking:/i.test(l));
    expect(line).toBeDefined();
    const value = (line as string).slice((line as string).indexOf(":") + 1);
    expect(asFields(parseEpmsHeader(value))).toEqual(expected[i]);
    // The name may be left on, too.
    expect(asFields(parseEpmsHeader(line as string))).toEqual(expected[i]);
  });
});

describe("validateProtectiveMarking", () => {
  const rules = (m: ProtectiveMarking): string[] => validateProtectiveMarking(m).map((i) => i.rule);

  it.each<[ProtectiveMarking, string[]]>([
    [{ sec: "OFFICIAL" }, []],
    [{ sec: "OFFICIAL:Sensitive", access: ["Legal-Privilege"] }, []],
    [{ sec: "OFFICIAL", access: ["Legal-Privilege"] }, ["access-needs-sensitive"]],
    [{ sec: "UNOFFICIAL", access: ["Personal-Privacy"] }, ["access-needs-sensitive"]],
    [{ sec: "PROTECTED", caveats: ["RI:AUSTEO"] }, []],
    [{ sec: "OFFICIAL:Sensitive", caveats: ["RI:AUSTEO"] }, ["caveat-needs-classification"]],
    [{ sec: "OFFICIAL:Sensitive", caveats: ["SH:NATIONAL-CABINET"] }, []],
    [{ sec: "OFFICIAL", caveats: ["SH:NATIONAL-CABINET"] }, ["caveat-needs-classification"]],
    [{ sec: "PROTECTED", expires: "2030-01-01", downTo: "OFFICIAL" }, []],
    [{ sec: "PROTECTED", expires: "end of the election", downTo: "OFFICIAL" }, []],
    [{ sec: "PROTECTED", downTo: "OFFICIAL" }, ["downto-needs-expires"]],
    [{ sec: "PROTECTED", expires: "2030-01-01" }, ["expires-needs-downto"]],
    [{ sec: "PROTECTED", expires: "2030-01-01", downTo: "PROTECTED" }, ["downto-lower"]],
    [{ sec: "PROTECTED", expires: "2030-01-01", downTo: "SECRET" }, ["downto-lower"]],
    [{ sec: "PROTECTED", expires: "2030-01-01", downTo: "UNCLASSIFIED" }, ["classification"]],
    [{ sec: "PROTECTED", expires: "2030-13", downTo: "OFFICIAL" }, ["expires-date"]],
    [{ sec: "PROTECTED", expires: "after [review]", downTo: "OFFICIAL" }, ["subject-bracket"]],
    [{ sec: "RESTRICTED" as EpmsClassification }, ["classification"]],
    [{ sec: "PROTECTED", caveats: ["RI:REL aus"] }, ["caveat-format"]],
    [{ sec: "PROTECTED", caveats: ["RI:REL AUS/NZL"] }, []],
    [{ sec: "PROTECTED", caveats: ["XX:thing"] }, ["caveat-format"]],
    [{ sec: "PROTECTED", caveats: ["C:"] }, ["caveat-format"]],
    [{ sec: "PROTECTED", caveats: ["SH:SECRETIVE"] }, ["caveat-format"]],
    [{ sec: "PROTECTED", caveats: ["SH:DELICATE SOURCE", "SH:EXCLUSIVE-FOR Director-General"] }, []],
    [{ sec: "PROTECTED", caveats: ["C:[x]"] }, ["subject-bracket"]],
    [{ sec: "PROTECTED", caveats: ["RI:AUSTEO", "RI:AUSTEO"] }, ["duplicate"]],
    [{ sec: "PROTECTED", access: ["Legal-Privilege", "Legal-Privilege"] }, ["duplicate"]],
    [{ sec: "PROTECTED", access: ["Gossip" as never] }, ["access-value"]],
    [{ sec: "OFFICIAL", note: "n".repeat(128) }, []],
    [{ sec: "OFFICIAL", note: "n".repeat(129) }, ["free-text"]],
    [{ sec: "OFFICIAL", note: "" }, ["free-text"]],
    [{ sec: "OFFICIAL", note: "café" }, ["free-text"]],
    [{ sec: "OFFICIAL", note: " padded" }, ["free-text"]],
    [{ sec: "OFFICIAL", note: "tab\there" }, ["free-text"]],
    [{ sec: "OFFICIAL", note: 5 as never }, ["free-text"]],
    [{ sec: "PROTECTED", caveats: ["C:" + "c".repeat(127)] }, ["free-text"]],
    [{ sec: "PROTECTED", expires: "e".repeat(129), downTo: "OFFICIAL" }, ["free-text"]],
  ])("%j → %j", (m, expected) => {
    expect(rules(m)).toEqual(expected);
  });

  it("gives relative paths by default and full ones under a path, with messages naming them", () => {
    const m: ProtectiveMarking = {
      sec: "OFFICIAL",
      access: ["Legal-Privilege"],
      caveats: ["RI:AUSTEO"],
      downTo: "UNOFFICIAL",
    };
    expect(validateProtectiveMarking(m)).toEqual([
      {
        path: "access[0]",
        rule: "access-needs-sensitive",
        message: "access[0]: ACCESS=Legal-Privilege needs OFFICIAL:Sensitive or higher, not OFFICIAL",
      },
      {
        path: "caveats[0]",
        rule: "caveat-needs-classification",
        message: "caveats[0]: CAVEAT=RI:AUSTEO needs PROTECTED or higher, not OFFICIAL",
      },
      {
        path: "downTo",
        rule: "downto-needs-expires",
        message: "downTo: DOWNTO is only allowed after EXPIRES",
      },
    ]);
    expect(validateProtectiveMarking(m, "labels[2].protectiveMarking").map((i) => i.message)).toEqual([
      "labels[2].protectiveMarking.access[0]: ACCESS=Legal-Privilege needs OFFICIAL:Sensitive or higher, not OFFICIAL",
      "labels[2].protectiveMarking.caveats[0]: CAVEAT=RI:AUSTEO needs PROTECTED or higher, not OFFICIAL",
      "labels[2].protectiveMarking.downTo: DOWNTO is only allowed after EXPIRES",
    ]);
  });

  it("limits the whole marking to 998 characters", () => {
    const caveats = Array.from({ length: 8 }, (_, i) => `C:${String(i)}${"x".repeat(118)}`);
    const m: ProtectiveMarking = { sec: "SECRET", caveats };
    const length = renderEpmsHeader(m).length;
    expect(length).toBeGreaterThan(998);
    expect(validateProtectiveMarking(m)).toEqual([
      {
        path: "",
        rule: "max-length",
        message: `the protective marking is ${length} characters; the limit is 998`,
      },
    ]);
    expect(validateProtectiveMarking(m, "pm")[0].path).toBe("pm");
    const fits: ProtectiveMarking = { sec: "SECRET", caveats: caveats.slice(0, 7) };
    expect(validateProtectiveMarking(fits)).toEqual([]);
    // ORIGIN counts too.
    const origin = `${"o".repeat(64)}@${"d".repeat(60)}.gov.au`;
    const near: ProtectiveMarking = { sec: "SECRET", caveats: caveats.slice(0, 7), note: "n".repeat(40) };
    expect(renderEpmsHeader(near).length).toBeLessThanOrEqual(998);
    expect(validateProtectiveMarking(near, "", { origin }).map((i) => i.rule)).toEqual(["max-length"]);
  });

  it("reports an origin that cannot go into a header", () => {
    expect(validateProtectiveMarking({ sec: "OFFICIAL" }, "", { origin: "a@b\r\nBcc: x" })).toEqual([
      {
        path: "",
        rule: "header-value",
        message: 'ORIGIN="a@b\\r\\nBcc: x": only printable ASCII (32–126) may appear in a marking',
      },
    ]);
  });
});

describe("renderDocumentMarking", () => {
  it.each<[ProtectiveMarking, string]>([
    [{ sec: "UNOFFICIAL" }, "UNOFFICIAL"],
    [{ sec: "OFFICIAL" }, "OFFICIAL"],
    [{ sec: "OFFICIAL:Sensitive", access: ["Legal-Privilege"] }, "OFFICIAL: Sensitive//LEGAL PRIVILEGE"],
    [{ sec: "SECRET", caveats: ["RI:AUSTEO", "SH:CABINET"] }, "SECRET//AUSTEO//CABINET"],
    [
      {
        sec: "TOP-SECRET",
        caveats: ["C:BRAVO", "FG:UK EYES ONLY", "SH:EXCLUSIVE-FOR Director-General", "RI:REL AUS/NZL"],
      },
      "TOP SECRET//BRAVO//UK EYES ONLY//EXCLUSIVE FOR Director-General//REL AUS/NZL",
    ],
    [
      {
        sec: "OFFICIAL:Sensitive",
        caveats: ["SH:NATIONAL-CABINET"],
        access: ["Personal-Privacy", "Legislative-Secrecy"],
      },
      "OFFICIAL: Sensitive//NATIONAL CABINET//PERSONAL PRIVACY//LEGISLATIVE SECRECY",
    ],
    [
      {
        sec: "PROTECTED",
        caveats: ["SH:DELICATE-SOURCE", "SH:ACCOUNTABLE-MATERIAL", "SH:ORCON", "RI:AGAO", "odd"],
      },
      "PROTECTED//DELICATE SOURCE//ACCOUNTABLE MATERIAL//ORCON//AGAO//odd",
    ],
    [{ sec: "PROTECTED", expires: "2030-01-01", downTo: "OFFICIAL", note: "n" }, "PROTECTED"],
  ])("%j → %s", (m, expected) => {
    expect(renderDocumentMarking(m)).toBe(expected);
  });
});

// Speed is measured in bench/core/hostile.ts; the timeouts only stop a hang.
describe("hostile input (1 MB)", () => {
  const MB = 1 << 20;
  const hostileSubjects: Array<[string, string]> = [
    ["[SEC= repeated", "[SEC=".repeat(MB / 5)],
    ["[SEC=] repeated", "[SEC=]".repeat(MB / 6)],
    ["near-markings repeated", "[SEC=OFFICIAL, ACCESS=x]".repeat(MB / 25)],
    ["2012 near-markings repeated", "[DLM=, SEC=x]".repeat(MB / 14)],
    ["[SEC=OFFICIAL then [ repeated", "[SEC=OFFICIAL" + "[".repeat(MB)],
    ["] repeated", "]".repeat(MB)],
    ["nested joins", "[SE".repeat(MB / 8) + "[SEC=x]" + "C=y]".repeat(MB / 8)],
    ["openers across lines", "[SEC=a\n".repeat(MB / 7)],
    ["spaces then a marking", " ".repeat(MB) + "[SEC=OFFICIAL]"],
  ];

  it.each(hostileSubjects)(
    "subject: %s (1 MB)",
    (_name, subject) => {
      const applied = applySubjectMarking(subject, { sec: "PROTECTED" });
      expect(parseEpmsSubject(applied)).toEqual({ sec: "PROTECTED" });
      expect(asdMatches(applied)).toBe(1);
      expect(asdMatches(stripSubjectMarking(applied))).toBe(0);
    },
    30_000,
  );

  it.each<[string, string]>([
    ["commas", ",".repeat(MB)],
    ["backslashes", "\\".repeat(MB)],
    ["fields", "SEC=OFFICIAL, ".repeat(MB / 14)],
    ["caveats", "SEC=PROTECTED" + ", CAVEAT=RI:AUSTEO".repeat(MB / 18)],
  ])(
    "header: %s (1 MB)",
    (_name, value) => {
      try {
        parseEpmsHeader(value);
      } catch (e) {
        expect(e).toBeInstanceOf(EpmsError);
      }
    },
    30_000,
  );
});
