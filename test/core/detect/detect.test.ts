import {
  DEFAULT_MAX_CHARS,
  detectSensitiveInfo,
  findSensitiveInfoType,
  meetsCondition,
  SENSITIVE_INFO_TYPES,
  SIT_IDS,
} from "../../../src/core/detect";
import { filler } from "./helpers";

describe("catalog", () => {
  test("holds the six types of docs/reference/label-policy.md §9 and the national ones, with their Microsoft entity ids", () => {
    expect(SENSITIVE_INFO_TYPES.map((t) => t.id)).toEqual([
      "50842eb7-edc8-4019-85dd-5a5c1f2bb085",
      "a44669fe-0d48-453d-a9b1-2cc83f2cba77",
      "e7dc4711-11b7-4cb0-b88b-2c394a771f0e",
      "cb353f78-2b72-4c3c-8827-92ebe4f69fdf",
      "178ec42a-18b4-47cc-85c7-d62c92fd67f8",
      "0e9b3178-9678-47dd-a509-37222ca96b42",
      "e29bc95f-ff70-4a37-aa01-04d17360a4c5",
      "104a99a0-3d3b-4542-a40d-ab0b9e1efe63",
      "76e83b3b-01ee-4530-aced-e667a6609f49",
      "dd0fe2bc-7bcf-455f-bac1-83b1e3eb25fd",
      "2b71c1c8-d14e-4430-82dc-fd1ed6bf05c7",
      "16c07343-c26f-49d2-a987-3daf717e94cc",
      "3192014e-2a16-44e9-aa69-4b20375c9a78",
      "a2f29c85-ecb8-4514-a610-364790c0773e",
      "e577372f-c42e-47a0-9d85-bebed1c237d4",
      "71f62b97-efe0-4aa1-aa49-e14de253619d",
      "4cd79172-8da9-4ff5-9188-98b1e7e2eca6",
      "8e6251b9-47b4-40e8-a42b-0f80876be192",
      "e3aaf206-4297-412f-9e06-ba8487e22456",
      "c5f54253-ef7e-44f6-a578-440ed67e946d",
    ]);
  });

  test("lookup by id ignores case and surrounding space", () => {
    expect(findSensitiveInfoType(" 50842EB7-EDC8-4019-85DD-5A5C1F2BB085 ")?.name).toBe("Credit Card Number");
    expect(findSensitiveInfoType("00000000-0000-0000-0000-000000000000")).toBeUndefined();
  });
});

describe("detectSensitiveInfo", () => {
  const sample =
    "Card 4111 1111 1111 1111 exp 12/27. SSN: 123-45-6789. Routing number 021000021. " +
    "IBAN DE89 3704 0044 0532 0130 00.";

  test("reports each type found once, in catalog order, with counts and highest confidence", () => {
    const result = detectSensitiveInfo(sample);
    expect(result.truncated).toBe(false);
    expect(result.scannedChars).toBe(sample.length);
    expect(result.cappedTypes).toEqual([]);
    expect(result.unsupportedTypes).toEqual([]);
    expect(result.detections.map((d) => [d.name, d.count, d.confidence])).toEqual([
      ["Credit Card Number", 1, 85],
      ["U.S. Social Security Number (SSN)", 1, 95],
      ["International Banking Account Number (IBAN)", 1, 85],
      ["ABA Routing Number", 1, 95],
      ["EU Debit Card Number", 1, 85],
    ]);
    const ssn = result.detections[1].instances[0];
    expect(sample.slice(ssn.start, ssn.end)).toBe("123-45-6789");
  });

  test("text without digits finds nothing", () => {
    expect(detectSensitiveInfo("credit card SSN passport number routing number").detections).toEqual([]);
    expect(detectSensitiveInfo("").detections).toEqual([]);
  });

  test("types restricts the scan; unknown ids are reported, not thrown", () => {
    const result = detectSensitiveInfo(sample, {
      types: [SIT_IDS.iban.toUpperCase(), "not-a-type", SIT_IDS.creditCard, SIT_IDS.iban],
    });
    expect(result.detections.map((d) => d.sitId)).toEqual([SIT_IDS.creditCard, SIT_IDS.iban]);
    expect(result.unsupportedTypes).toEqual(["not-a-type"]);
    expect(detectSensitiveInfo(sample, { types: [] }).detections).toEqual([]);
  });

  test("text beyond maxChars is not scanned and the result says so", () => {
    const text = `Visa 4111111111111111${filler(100)}5555555555554444`;
    const cut = text.indexOf("5555");
    const result = detectSensitiveInfo(text, { maxChars: cut + 10 });
    expect(result.truncated).toBe(true);
    expect(result.scannedChars).toBe(cut + 10);
    expect(result.detections.find((d) => d.sitId === SIT_IDS.creditCard)?.count).toBe(1);
  });

  test("a number cut by maxChars is not mistaken for a shorter one", () => {
    // The first 16 digits form a valid Visa number; the whole 19 do not pass Luhn.
    const text = "ref 4111111111111111234 end";
    expect(detectSensitiveInfo(text).detections).toEqual([]);
    const cut = detectSensitiveInfo(text, { maxChars: text.indexOf("234") });
    expect(cut.detections).toEqual([]);
    expect(cut.truncated).toBe(true);
  });

  test("the default bound is 8 Mi characters", () => {
    expect(DEFAULT_MAX_CHARS).toBe(8 * 1024 * 1024);
  });

  test("maxInstancesPerType caps a type and names it", () => {
    const text = "4111111111111111 5555555555554444 4012888888881881 5105105105105100 routing 021000021";
    const result = detectSensitiveInfo(text, { maxInstancesPerType: 3 });
    const cards = result.detections.find((d) => d.sitId === SIT_IDS.creditCard);
    expect(cards?.count).toBe(3);
    expect(cards?.instances.map((i) => text.slice(i.start, i.end))).toEqual([
      "4111111111111111",
      "5555555555554444",
      "4012888888881881",
    ]);
    expect(result.cappedTypes).toEqual([SIT_IDS.creditCard, SIT_IDS.euDebitCard]);
    expect(result.detections.find((d) => d.sitId === SIT_IDS.abaRouting)?.count).toBe(1);
  });

  test.each([
    [{ maxChars: -1 }],
    [{ maxChars: Number.NaN }],
    [{ maxInstancesPerType: 0 }],
    [{ maxInstancesPerType: Number.NaN }],
  ])("rejects %j", (options) => {
    expect(() => detectSensitiveInfo("4111111111111111", options)).toThrow(RangeError);
  });

  test("maxChars 0 scans nothing", () => {
    expect(detectSensitiveInfo("4111111111111111", { maxChars: 0 })).toEqual({
      detections: [],
      scannedChars: 0,
      truncated: true,
      cappedTypes: [],
      unsupportedTypes: [],
    });
  });
});

describe("meetsCondition", () => {
  const text = `Visa 4111111111111111${filler(400)}5555555555554444 and 6011111111111117`;
  const { detections } = detectSensitiveInfo(text);

  test("counts instances at or above the confidence asked for", () => {
    const cc = SIT_IDS.creditCard;
    expect(meetsCondition(detections, { sitId: cc, minCount: 3, minConfidence: 65 })).toBe(true);
    expect(meetsCondition(detections, { sitId: cc, minCount: 4, minConfidence: 65 })).toBe(false);
    expect(meetsCondition(detections, { sitId: cc, minCount: 1, minConfidence: 85 })).toBe(true);
    expect(meetsCondition(detections, { sitId: cc, minCount: 2, minConfidence: 85 })).toBe(false);
    expect(meetsCondition(detections, { sitId: cc, minCount: 1, minConfidence: 86 })).toBe(false);
  });

  test("matches the type id regardless of case; an absent type never meets a positive count", () => {
    expect(
      meetsCondition(detections, { sitId: SIT_IDS.creditCard.toUpperCase(), minCount: 1, minConfidence: 75 }),
    ).toBe(true);
    expect(meetsCondition(detections, { sitId: SIT_IDS.usSsn, minCount: 1, minConfidence: 55 })).toBe(false);
    expect(meetsCondition([], { sitId: SIT_IDS.usSsn, minCount: 0, minConfidence: 55 })).toBe(true);
  });
});
