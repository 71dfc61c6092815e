import { detectSensitiveInfo, SIT_IDS } from "../../../src/core/detect";

/**
 * Hostile or degenerate 1 MiB inputs give the right answer. Their speed is measured in
 * bench/core/detect.ts, not asserted here; the per-test timeout only stops a hang (catastrophic
 * backtracking would take minutes, not the seconds a busy machine might need).
 */
const ONE_MIB = 1024 * 1024;
const HANG_MS = 30_000;

function mib(unit: string): string {
  return unit.repeat(Math.ceil(ONE_MIB / unit.length)).slice(0, ONE_MIB);
}

describe("pathological 1 MiB inputs", () => {
  test.each([
    ["one long digit run", mib("1")],
    ["repeated separators 1-1-1-…", mib("1-")],
    ["digits and spaces 1 1 1 …", mib("1 ")],
    ["card-like groups without Luhn 4111 4111 …", mib("4111 ")],
    ["dash groups 4111-1111-…", mib("4111-1111-")],
    ["SSN-shaped chains 123-45-123-45-…", mib("123-45-")],
    ["IBAN starts DE89 DE89 …", mib("DE89 ")],
    ["IBAN groups DE89 3704 3704 …", "DE89" + mib(" 3704")],
    ["expiry-like 12/12/12/…", mib("12/")],
    ["nine-digit runs glued by letters", mib("123456789A")],
  ])(
    "%s: nothing found",
    (_name, text) => {
      const result = detectSensitiveInfo(text);
      expect(result.detections).toEqual([]);
    },
    HANG_MS,
  );

  test.each([
    ["SSN keyword spam", mib("SSN "), "123-45-6789", SIT_IDS.usSsn],
    ["passport keyword spam", mib("passport number "), "A12345678", SIT_IDS.usUkPassport],
    [
      "mixed keyword spam",
      mib("SSN routing number passport# cvv2 date of issue visa "),
      "123-45-6789",
      SIT_IDS.usSsn,
    ],
  ])(
    "%s with one number in the middle",
    (_name, spam, number, sitId) => {
      const text = `${spam} ${number} ${spam}`;
      const result = detectSensitiveInfo(text);
      const detection = result.detections.find((d) => d.sitId === sitId);
      expect(detection?.instances.map((i) => [i.start, i.end])).toEqual([
        [spam.length + 1, spam.length + 1 + number.length],
      ]);
    },
    HANG_MS,
  );

  test.each([
    ["valid cards with keywords", mib("credit card 4111111111111111 ")],
    ["valid SSNs with keyword", mib("SSN 123-45-6789 ")],
    ["valid routing numbers", mib("RTN 021000021 ")],
    ["valid IBANs", mib("DE89370400440532013000 ")],
    ["passports with both keywords", mib("passport number A12345678 date of issue ")],
  ])(
    "%s: capped at the default instance limit",
    (_name, text) => {
      const result = detectSensitiveInfo(text);
      expect(result.cappedTypes.length).toBeGreaterThanOrEqual(1);
      for (const detection of result.detections) expect(detection.count).toBeLessThanOrEqual(10_000);
    },
    HANG_MS,
  );
});
