/**
 * The PDF filters other than Flate (which node:zlib decodes), written to decode streaming so that a
 * stream's decoded size can be measured without holding it: LZW and RunLength, which expand, and
 * the two ASCII encodings, which only shrink. ISO 32000-1 §7.4.
 */
const OUT_CHUNK = 64 * 1024;

class OutBuffer {
  private buf = new Uint8Array(OUT_CHUNK);
  private used = 0;
  constructor(private readonly out: (b: Uint8Array) => void) {}

  byte(b: number): void {
    if (this.used === OUT_CHUNK) this.flush();
    this.buf[this.used++] = b;
  }

  flush(): void {
    if (this.used === 0) return;
    this.out(this.buf.slice(0, this.used));
    this.used = 0;
  }
}

/** LZWDecode with EarlyChange 1 (the default): 9- to 12-bit codes, 256 clears, 257 ends. */
export class LzwDecoder {
  private readonly first = new Uint8Array(4096);
  private readonly last = new Uint8Array(4096);
  private readonly lengths = new Uint16Array(4096);
  private readonly prevCodes = new Int16Array(4096);
  private nextCode = 258;
  private codeLength = 9;
  private prevCode = -1;
  private bits = 0;
  private bitCount = 0;
  private ended = false;
  private readonly sequence = new Uint8Array(4096);

  constructor(private readonly earlyChange = 1) {
    for (let i = 0; i < 256; i++) {
      this.first[i] = i;
      this.last[i] = i;
      this.lengths[i] = 1;
      this.prevCodes[i] = -1;
    }
  }

  push(input: Uint8Array, out: (b: Uint8Array) => void): void {
    const sink = new OutBuffer(out);
    for (let i = 0; i < input.length && !this.ended; i++) {
      this.bits = ((this.bits << 8) | input[i]) >>> 0;
      this.bitCount += 8;
      while (this.bitCount >= this.codeLength && !this.ended) {
        this.bitCount -= this.codeLength;
        const code = (this.bits >>> this.bitCount) & ((1 << this.codeLength) - 1);
        this.bits &= (1 << this.bitCount) - 1;
        this.code(code, sink);
      }
    }
    sink.flush();
  }

  private code(code: number, sink: OutBuffer): void {
    if (code === 256) {
      this.nextCode = 258;
      this.codeLength = 9;
      this.prevCode = -1;
      return;
    }
    if (code === 257 || code > this.nextCode || (code === this.nextCode && this.prevCode < 0)) {
      this.ended = true; // end of data, or a code no encoder could have written
      return;
    }
    if (this.prevCode >= 0 && this.nextCode < 4096) {
      const n = this.nextCode;
      this.prevCodes[n] = this.prevCode;
      this.first[n] = this.first[this.prevCode];
      this.last[n] = code === n ? this.first[this.prevCode] : this.first[code];
      this.lengths[n] = this.lengths[this.prevCode] + 1;
      this.nextCode++;
      if (this.nextCode + this.earlyChange >= 1 << this.codeLength && this.codeLength < 12) this.codeLength++;
    }
    this.emit(code, sink);
    this.prevCode = code;
  }

  private emit(code: number, sink: OutBuffer): void {
    const length = this.lengths[code];
    let c = code;
    for (let i = length - 1; i >= 0; i--) {
      this.sequence[i] = this.last[c];
      c = this.prevCodes[c];
    }
    for (let i = 0; i < length; i++) sink.byte(this.sequence[i]);
  }
}

/** RunLengthDecode: a length byte, then n+1 literal bytes (n < 128) or one byte repeated 257-n times. */
export class RunLengthDecoder {
  private literal = 0;
  private repeat = 0;
  private ended = false;

  push(input: Uint8Array, out: (b: Uint8Array) => void): void {
    const sink = new OutBuffer(out);
    for (let i = 0; i < input.length && !this.ended; i++) {
      const b = input[i];
      if (this.literal > 0) {
        sink.byte(b);
        this.literal--;
      } else if (this.repeat > 0) {
        for (let k = 0; k < this.repeat; k++) sink.byte(b);
        this.repeat = 0;
      } else if (b === 128) this.ended = true;
      else if (b < 128) this.literal = b + 1;
      else this.repeat = 257 - b;
    }
    sink.flush();
  }
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

export function decodeAsciiHex(input: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(input.length / 2));
  let n = 0;
  let high = -1;
  for (const c of input) {
    if (c === 0x3e) break;
    const v = hexValue(c);
    if (v < 0) continue;
    if (high < 0) high = v;
    else {
      out[n++] = (high << 4) | v;
      high = -1;
    }
  }
  if (high >= 0) out[n++] = high << 4;
  return out.subarray(0, n);
}

export function decodeAscii85(input: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil((input.length * 4) / 5) + 4 * countZ(input));
  let n = 0;
  let group = 0;
  let count = 0;
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (c === 0x7e) break; // "~>"
    if (c === 0x7a && count === 0) {
      n += 4; // "z": four zero bytes (already zero)
      continue;
    }
    if (c < 0x21 || c > 0x75) continue;
    group = group * 85 + (c - 0x21);
    if (++count === 5) {
      for (let k = 3; k >= 0; k--) out[n + 3 - k] = (group >>> (8 * k)) & 0xff;
      n += 4;
      group = 0;
      count = 0;
    }
  }
  if (count > 1) {
    for (let k = count; k < 5; k++) group = group * 85 + 84;
    for (let k = 0; k < count - 1; k++) out[n++] = (group >>> (24 - 8 * k)) & 0xff;
  }
  return out.subarray(0, n);
}

function countZ(input: Uint8Array): number {
  let z = 0;
  for (const c of input) if (c === 0x7a) z++;
  return z;
}
