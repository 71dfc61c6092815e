import { SIT_IDS } from "../../../src/core/detect";
import * as v from "../../../src/core/detect/rules/national/validators";
import { filler, found } from "./helpers";

/** Published or hand-computed real-format examples (docs/info-types.md), valid and not. */
describe.each([
  ["Australian TFN", v.isTfn, ["123456782", "12345677"], ["123456789", "12345678", "1234567820"]],
  [
    "Australian Medicare",
    v.isMedicare,
    ["2123456701", "21234567011"],
    ["2123456711", "7123456701", "2123456700"],
  ],
  ["Australian ABN", v.isAbn, ["51824753556"], ["51824753557", "01824753556", "5182475355"]],
  [
    "NZ IRD",
    v.isIrd,
    ["49091850", "35901981", "49098576", "136410132"],
    ["136410133", "9125568", "150000001"],
  ],
  ["NZ NHI", v.isNhi, ["ZZZ0016", "ZZZ0024", "ZZZ00AC"], ["ZZZ0017", "ZZI0016", "ZZZ00AD", "ZZZ00A1"]],
  ["UK NINO", v.isNino, ["AB123456C", "JG103759A"], ["QQ123456C", "GB123456A", "AB123456E", "AO123456A"]],
  ["UK NHS number", v.isNhs, ["9434765919", "4010232137"], ["9434765918", "943476591"]],
  ["Canadian SIN", v.isSin, ["130692544", "918640897"], ["130692545", "046454286", "817640897"]],
  [
    "German ID card",
    v.isPersonalausweis,
    ["T220001293", "T22000129"],
    ["T220001294", "A22000129", "TTTTTTTTT"],
  ],
  [
    "French NIR",
    v.isInsee,
    ["184127645108946", "255082A00400194", "177072B00400147"],
    ["184127645108947", "984127645108946", "184137645108946"],
  ],
  [
    "Italian codice fiscale",
    v.isCodiceFiscale,
    ["RSSMRA85T10A562S", "RSSMRA85T10A56NH"],
    ["RSSMRA85T10A562T", "RSSMRA85Z10A562S"],
  ],
  [
    "Spanish DNI/NIE",
    v.isDniOrNie,
    ["12345678Z", "X1234567L", "Y1234567X"],
    ["12345678A", "W1234567L", "1234567Z"],
  ],
  ["Polish PESEL", v.isPesel, ["44051401359", "02070803628"], ["44051401358", "44151401359"]],
  ["Dutch BSN", v.isBsn, ["111222333", "123456782", "12345672"], ["111222334", "000000000", "1234567890"]],
])("%s", (_name, valid, good, bad) => {
  test.each(good)("%s is valid", (value) => expect(valid(value)).toBe(true));
  test.each(bad)("%s is not", (value) => expect(valid(value)).toBe(false));
});

describe("national types in text: labelled 95, keyword in the window at Purview's level, alone only where Purview reports it alone", () => {
  test.each([
    [
      SIT_IDS.auTaxFileNumber,
      "TFN: 123 456 782",
      "123 456 782",
      "tax file number on the form is 123456782",
      85,
      undefined,
    ],
    [
      SIT_IDS.auMedicare,
      "Medicare card number 2123 45670 1",
      "2123 45670 1",
      "medicare details: 2123456701",
      85,
      undefined,
    ],
    [
      SIT_IDS.auBusinessNumber,
      "ABN 51 824 753 556",
      "51 824 753 556",
      "our australian business number is 51824753556",
      85,
      75,
    ],
    [
      SIT_IDS.nzInlandRevenue,
      "IRD number: 49-091-850",
      "49-091-850",
      "te tari taake asks for 136410132",
      85,
      undefined,
    ],
    [
      SIT_IDS.nzHealthNumber,
      "NHI ZZZ0016",
      "ZZZ0016",
      "national health index of the patient ZZZ00AC",
      85,
      75,
    ],
    [
      SIT_IDS.ukNino,
      "National Insurance number: AB 12 34 56 C",
      "AB 12 34 56 C",
      "your NINO is JG103759A",
      85,
      75,
    ],
    [
      SIT_IDS.ukNhsNumber,
      "NHS number 943 476 5919",
      "943 476 5919",
      "the NHS no. of the patient is 9434765919",
      85,
      undefined,
    ],
    [
      SIT_IDS.caSin,
      "SIN: 130 692 544",
      "130 692 544",
      "numéro d'assurance sociale du salarié 130692544",
      85,
      undefined,
    ],
    [
      SIT_IDS.deIdCard,
      "Personalausweis-Nr. T220001293",
      "T220001293",
      "Ausweisnummer des Inhabers T22000129",
      75,
      undefined,
    ],
    [
      SIT_IDS.frInsee,
      "N° de sécurité sociale : 1 84 12 76 451 089 46",
      "1 84 12 76 451 089 46",
      "carte vitale du patient 184127645108946",
      85,
      75,
    ],
    [
      SIT_IDS.itFiscalCode,
      "Codice fiscale: RSSMRA85T10A562S",
      "RSSMRA85T10A562S",
      "il codice fiscale del cliente è RSSMRA85T10A562S",
      85,
      75,
    ],
    [SIT_IDS.esDni, "DNI 12345678-Z", "12345678-Z", "NIE del titular: el número es X1234567L", 85, 75],
    [
      SIT_IDS.plPesel,
      "PESEL: 44051401359",
      "44051401359",
      "numer ewidencyjny osoby to 02070803628",
      85,
      undefined,
    ],
    [
      SIT_IDS.nlBsn,
      "BSN 1112.22.333",
      "1112.22.333",
      "het burgerservicenummer van de klant is 123456782",
      85,
      undefined,
    ],
  ])("%s", (sitId, labelledText, labelled, nearText, nearLevel, aloneLevel) => {
    expect(found(labelledText, sitId)).toEqual([[labelled, 95]]);
    const near = found(nearText, sitId);
    expect(near).toHaveLength(1);
    expect(near[0][1]).toBe(nearLevel);
    const alone = found(`Reference${filler(400)}${near[0][0]}${filler(400)}`, sitId);
    expect(alone).toEqual(aloneLevel === undefined ? [] : [[near[0][0], aloneLevel]]);
  });

  test("a failed checksum is never reported, labelled or not", () => {
    expect(found("TFN: 123 456 789", SIT_IDS.auTaxFileNumber)).toEqual([]);
    expect(found("BSN 111222334", SIT_IDS.nlBsn)).toEqual([]);
    expect(found("PESEL: 44051401358", SIT_IDS.plPesel)).toEqual([]);
  });

  test("a number inside a longer one is not taken", () => {
    expect(found("PESEL: 440514013591", SIT_IDS.plPesel)).toEqual([]);
    expect(found("BSN 1111222333", SIT_IDS.nlBsn)).toEqual([]);
  });
});
