import { readMail } from "../../src/cli/formats/eml";
import { htmlToText } from "../../src/cli/formats/html";
import {
  decodeEncodedWords,
  decodeQuotedPrintable,
  leafParts,
  parseMessage,
  parseStructuredValue,
} from "../../src/cli/formats/mime";

const enc = new TextEncoder();
const dec = new TextDecoder();

describe("MIME decoding", () => {
  test("quoted-printable: escapes, soft line breaks (CRLF, LF, trailing blanks), literal '=' kept when not an escape", () => {
    expect(dec.decode(decodeQuotedPrintable("Caf=C3=A9 4111=\r\n 1111=\n1111 =  \n1111 a=b"))).toBe(
      "Café 4111 11111111 1111 a=b",
    );
  });

  test("RFC 2047 encoded words, B and Q, adjacent words joined", () => {
    expect(decodeEncodedWords("=?UTF-8?B?UmVwb3J0IOKCrA==?= =?iso-8859-1?Q?caf=E9_au_lait?= done")).toBe(
      "Report €café au lait done",
    );
    expect(decodeEncodedWords("=?bogus?X?abc?= plain")).toBe("=?bogus?X?abc?= plain");
  });

  test("structured values: quoted parameters with ';', RFC 2231 charsets and continuations", () => {
    expect(parseStructuredValue('multipart/mixed; boundary="a;b"; x=1')).toEqual({
      value: "multipart/mixed",
      params: { boundary: "a;b", x: "1" },
    });
    expect(parseStructuredValue("attachment; filename*=UTF-8''Gr%C3%BC%C3%9Fe.docx").params.filename).toBe(
      "Grüße.docx",
    );
    expect(
      parseStructuredValue('attachment; filename*0="long"; filename*1="-name.xlsx"').params.filename,
    ).toBe("long-name.xlsx");
  });

  test("HTML bodies: scripts and styles dropped, cells and blocks separated, entities decoded", () => {
    expect(
      htmlToText(
        "<style>p{}</style><p>Card&nbsp;4111</p><table><tr><td>1111</td><td>2222</td></tr></table><script>x=1</script>&#x41;",
      ),
    ).toBe("\nCard 4111\n\n\n\t1111\t\t2222\t\n\nA");
  });
});

describe("messages", () => {
  const message = [
    "From: Sam <sam@example.com>",
    "Subject: =?UTF-8?Q?Quarterly_=E2=82=AC_numbers?=",
    "msip_labels: MSIP_Label_9590c712-8dee-4bc8-9bb6-3dbbe7abdccf_Enabled=true;",
    " MSIP_Label_9590c712-8dee-4bc8-9bb6-3dbbe7abdccf_SiteId=b07492d7-d98e-4130-802b-b50692f074c5;",
    " MSIP_Label_9590c712-8dee-4bc8-9bb6-3dbbe7abdccf_Method=Privileged",
    "MIME-Version: 1.0",
    'Content-Type: multipart/mixed; boundary="outer"',
    "",
    "preamble is ignored",
    "--outer",
    'Content-Type: multipart/alternative; boundary="inner"',
    "",
    "--inner",
    "Content-Type: text/plain; charset=iso-8859-1",
    "Content-Transfer-Encoding: quoted-printable",
    "",
    "Caf=E9 card 4111 1111 =",
    "1111 1111",
    "--inner",
    "Content-Type: text/html; charset=utf-8",
    "Content-Transfer-Encoding: base64",
    "",
    Buffer.from("<p>IBAN&nbsp;DE89 3704 0044 0532 0130 00</p>").toString("base64"),
    "--inner--",
    "--outer",
    'Content-Type: text/csv; name="list.csv"',
    'Content-Disposition: attachment; filename="list.csv"',
    "",
    "name,ssn",
    "--outer",
    "Content-Type: message/rfc822",
    "",
    "Subject: forwarded",
    "",
    "inner body",
    "--outer--",
    "epilogue",
  ].join("\r\n");

  test("headers, body parts in order (charsets and encodings undone) and attachments (nested mail included)", () => {
    const mail = readMail(enc.encode(message));
    expect(mail.subject).toBe("Quarterly € numbers");
    expect(mail.labelError).toBeNull();
    expect(mail.headerLabels.map((l) => [l.labelId, l.siteId, l.method])).toEqual([
      ["9590c712-8dee-4bc8-9bb6-3dbbe7abdccf", "b07492d7-d98e-4130-802b-b50692f074c5", "Privileged"],
    ]);
    expect(mail.texts).toEqual([
      "Quarterly € numbers",
      "Café card 4111 1111 1111 1111",
      "\nIBAN DE89 3704 0044 0532 0130 00\n",
    ]);
    expect(mail.attachments.map((a) => [a.name, a.contentType, a.message, dec.decode(a.bytes)])).toEqual([
      ["list.csv", "text/csv", false, "name,ssn"],
      ["part-4.eml", "message/rfc822", true, "Subject: forwarded\r\n\r\ninner body"],
    ]);
  });

  test("a missing closing boundary ends at the end of the body; nothing throws on malformed input", () => {
    const broken =
      'Content-Type: multipart/mixed; boundary="x"\n\n--x\nContent-Type: text/plain\n\nhello 4111';
    expect(readMail(enc.encode(broken)).texts).toEqual(["hello 4111"]);
    for (const junk of [
      "",
      "\n\n\n",
      "Content-Type: multipart/mixed\n\nno boundary",
      "::::\n\x00\x01",
      "--x--",
    ]) {
      expect(() => readMail(enc.encode(junk))).not.toThrow();
    }
  });

  test("nesting deeper than the limit stops there and says so", () => {
    let body = "leaf";
    for (let i = 0; i < 30; i++)
      body = `Content-Type: multipart/mixed; boundary="b${i}"\n\n--b${i}\n${body}\n--b${i}--\n`;
    const parsed = parseMessage(enc.encode(body));
    expect(parsed.truncated).toBe(true);
    expect(leafParts(parsed.root)).toEqual([]);
  });

  test("malformed label headers are reported, and the body is still read", () => {
    const mail = readMail(enc.encode("msip_labels: MSIP_Label_not-a-guid_Enabled=true\n\nbody 123"));
    expect(mail.labelError).toContain("is not a GUID");
    expect(mail.texts).toEqual(["body 123"]);
  });
});
