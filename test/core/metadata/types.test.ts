import fc from "fast-check";
import { MetadataFormatError, canonicalGuid, formatSetDate, parseSetDate } from "../../../src/core/metadata";

describe("SetDate", () => {
  it.each([
    ["2018-11-08T21:13:16-0800", "2018-11-09T05:13:16.000Z"],
    ["2022-10-03T18:32:59Z", "2022-10-03T18:32:59.000Z"],
    ["2020-04-12T03:33:41.1453932Z", "2020-04-12T03:33:41.145Z"],
    ["2021-01-11T23:15:54.099Z", "2021-01-11T23:15:54.099Z"],
    ["2024-02-29T00:00:00+05:30", "2024-02-28T18:30:00.000Z"],
    ["2024-02-29t00:00:00.5z", "2024-02-29T00:00:00.500Z"],
  ])("reads %s", (text, iso) => {
    expect(parseSetDate(text)?.toISOString()).toBe(iso);
  });

  it.each([
    "",
    "2018-11-08",
    "2018-11-08 21:13:16Z",
    "2018-11-08T21:13:16",
    "2023-02-29T00:00:00Z",
    "1900-02-29T00:00:00Z",
    "2018-13-01T00:00:00Z",
    "2018-11-08T24:00:00Z",
    "2018-11-08T21:60:00Z",
    "2018-11-08T21:13:16+2400",
    "2018-11-08T21:13:16.1234567890Z",
    "x".repeat(1_000_000),
  ])("refuses %j", (text) => {
    expect(parseSetDate(text)).toBeNull();
  });

  it("reads leap days in years below 100 correctly", () => {
    expect(parseSetDate("0004-02-29T00:00:00Z")?.getUTCFullYear()).toBe(4);
    expect(parseSetDate("0100-02-29T00:00:00Z")).toBeNull();
  });

  it("writes YYYY-MM-DDTHH:MM:SSZ in UTC, whole seconds", () => {
    expect(formatSetDate(new Date("2018-11-08T21:13:16.987-08:00"))).toBe("2018-11-09T05:13:16Z");
    expect(formatSetDate(new Date(Date.UTC(5, 0, 2, 3, 4, 5)))).toMatch(/^\d{4}-/);
    expect(() => formatSetDate(new Date(NaN))).toThrow(MetadataFormatError);
    expect(() => formatSetDate(new Date(Date.UTC(10000, 0, 1)))).toThrow(/year 10000/);
  });

  it("format → parse is the identity at second precision", () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date("0001-01-01T00:00:00Z"),
          max: new Date("9999-12-31T23:59:59Z"),
          noInvalidDate: true,
        }),
        (d) => {
          expect(parseSetDate(formatSetDate(d))?.getTime()).toBe(Math.floor(d.getTime() / 1000) * 1000);
        },
      ),
    );
  });
});

describe("canonicalGuid", () => {
  it("accepts bare or braced GUIDs in any case and refuses the rest", () => {
    expect(canonicalGuid("{F42AA342-8706-4288-BD11-EBB85995028C}")).toBe(
      "f42aa342-8706-4288-bd11-ebb85995028c",
    );
    expect(canonicalGuid("f42aa342-8706-4288-bd11-ebb85995028c")).toBe(
      "f42aa342-8706-4288-bd11-ebb85995028c",
    );
    for (const bad of [
      "",
      "f42aa342",
      "{f42aa342-8706-4288-bd11-ebb85995028c",
      "f42aa34287064288bd11ebb85995028c",
      "g42aa342-8706-4288-bd11-ebb85995028c",
      "(f42aa342-8706-4288-bd11-ebb85995028c)",
    ]) {
      expect(canonicalGuid(bad)).toBeNull();
    }
  });

  it("MetadataFormatError says where and what", () => {
    const e = new MetadataFormatError("docMetadata/LabelInfo.xml label 2", "siteId is missing");
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe("MetadataFormatError");
    expect(e.where).toBe("docMetadata/LabelInfo.xml label 2");
    expect(e.message).toBe("docMetadata/LabelInfo.xml label 2: siteId is missing");
  });
});
