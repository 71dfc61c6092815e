/**
 * Rule packages arrive as Purview and Exchange export them: UTF-16LE with a byte-order mark,
 * sometimes UTF-16 without one, or UTF-8. The text is decoded here from bytes (src/core has no
 * TextDecoder), guided by the BOM or, without one, by where the zero bytes of `<` fall.
 */

function utf16(bytes: Uint8Array, from: number, littleEndian: boolean): string {
  const chunks: string[] = [];
  const units: number[] = [];
  for (let i = from; i + 1 < bytes.length; i += 2) {
    units.push(littleEndian ? bytes[i] | (bytes[i + 1] << 8) : (bytes[i] << 8) | bytes[i + 1]);
    if (units.length === 8192) {
      chunks.push(String.fromCharCode.apply(null, units));
      units.length = 0;
    }
  }
  chunks.push(String.fromCharCode.apply(null, units));
  return chunks.join("");
}

function utf8(bytes: Uint8Array, from: number): string {
  const units: number[] = [];
  const chunks: string[] = [];
  for (let i = from; i < bytes.length;) {
    const b = bytes[i];
    let code: number;
    let extra: number;
    if (b < 0x80) [code, extra] = [b, 0];
    else if (b >= 0xf0) [code, extra] = [b & 0x07, 3];
    else if (b >= 0xe0) [code, extra] = [b & 0x0f, 2];
    else if (b >= 0xc0) [code, extra] = [b & 0x1f, 1];
    else [code, extra] = [0xfffd, 0];
    i++;
    for (let k = 0; k < extra; k++, i++) code = (code << 6) | ((bytes[i] ?? 0x80) & 0x3f);
    if (code > 0xffff) {
      code -= 0x10000;
      units.push(0xd800 + (code >> 10), 0xdc00 + (code & 0x3ff));
    } else units.push(code);
    if (units.length >= 8192) {
      chunks.push(String.fromCharCode.apply(null, units));
      units.length = 0;
    }
  }
  chunks.push(String.fromCharCode.apply(null, units));
  return chunks.join("");
}

export function decodeRulePackage(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16(bytes, 2, true);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16(bytes, 2, false);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return utf8(bytes, 3);
  if (bytes[0] === 0x3c && bytes[1] === 0) return utf16(bytes, 0, true);
  if (bytes[0] === 0 && bytes[1] === 0x3c) return utf16(bytes, 0, false);
  return utf8(bytes, 0);
}

/** UTF-16LE with a BOM, as Purview's own exports are (and as New-DlpSensitiveInformationTypeRulePackage reads). */
export function encodeUtf16le(text: string): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out[0] = 0xff;
  out[1] = 0xfe;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 + 2 * i] = c & 0xff;
    out[3 + 2 * i] = c >> 8;
  }
  return out;
}
