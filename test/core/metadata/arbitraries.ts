/** fast-check generators for label writes, in every spelling a caller might hand us. */
import fc from "fast-check";
import type { LabelWrite } from "../../../src/core/metadata";

/** A GUID as a caller might spell it: lower or upper case, with or without braces. */
export const anyGuidSpelling = (): fc.Arbitrary<string> =>
  fc.tuple(fc.uuid(), fc.boolean(), fc.boolean()).map(([g, upper, braced]) => {
    const cased = upper ? g.toUpperCase() : g;
    return braced ? `{${cased}}` : cased;
  });

/** A label Name that every medium can carry: no ';', no controls, no surrounding whitespace. */
export const labelName = (): fc.Arbitrary<string> =>
  fc
    .string({ unit: "grapheme", minLength: 1, maxLength: 60 })
    .filter((s) => !s.includes(";") && !/[\u0000-\u001f\u007f]/.test(s) && s === s.trim());

const setDateString = (): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.date({
        min: new Date("2000-01-01T00:00:00Z"),
        max: new Date("2099-12-31T23:59:59Z"),
        noInvalidDate: true,
      }),
      fc.constantFrom("Z", "-0800", "+05:30", ".1453932Z"),
    )
    .map(([d, zone]) => d.toISOString().slice(0, 19) + zone);

export const labelWrite = (): fc.Arbitrary<LabelWrite> =>
  fc.record({
    labelId: anyGuidSpelling(),
    siteId: anyGuidSpelling(),
    method: fc.constantFrom("Standard" as const, "Privileged" as const),
    name: labelName(),
    contentBits: fc.integer({ min: 0, max: 0xffffffff }),
    setDate: fc.oneof(
      fc.date({
        min: new Date("1970-01-01T00:00:00Z"),
        max: new Date("9999-12-31T23:59:59Z"),
        noInvalidDate: true,
      }),
      setDateString(),
    ),
    actionId: anyGuidSpelling(),
  });

export function canonical(guid: string): string {
  return guid.toLowerCase().replace(/[{}]/g, "");
}
