"use strict";
/**
 * Draws the add-in icons (a white label tag on a blue rounded square) as real PNGs in the sizes
 * Office asks for: 16, 32, 80 (ribbon), 25, 32, 48 (Outlook mobile), 64 and 128 (IconUrl,
 * HighResolutionIconUrl).
 * `node assets/make-icons.cjs` rewrites assets/icon-<size>.png; no image library needed.
 */
const fs = require("node:fs");
const path = require("node:path");
const zlib = require("node:zlib");

const CRC_TABLE = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** Coverage of the shapes at a point in unit coordinates: 0 outside, 1 background, 2 tag. */
function shapeAt(x, y) {
  const r = 0.2;
  const inRounded = (px, py) => {
    const cx = Math.min(Math.max(px, r), 1 - r);
    const cy = Math.min(Math.max(py, r), 1 - r);
    return (px - cx) ** 2 + (py - cy) ** 2 <= r * r;
  };
  if (!inRounded(x, y)) return 0;
  // The tag: a rectangle with a pointed right end, and a hole near the point.
  const inBody = x >= 0.18 && x <= 0.62 && y >= 0.3 && y <= 0.7;
  const inPoint = x > 0.62 && x <= 0.84 && Math.abs(y - 0.5) <= 0.2 * (1 - (x - 0.62) / 0.22);
  const inHole = (x - 0.66) ** 2 + (y - 0.5) ** 2 <= 0.045 ** 2;
  return (inBody || inPoint) && !inHole ? 2 : 1;
}

function draw(size) {
  const rgba = Buffer.alloc(size * size * 4);
  const ss = 4; // 4×4 supersampling for smooth edges
  const blue = [0x0f, 0x5c, 0xa8];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let bg = 0;
      let tag = 0;
      for (let sy = 0; sy < ss; sy++)
        for (let sx = 0; sx < ss; sx++) {
          const s = shapeAt((x + (sx + 0.5) / ss) / size, (y + (sy + 0.5) / ss) / size);
          if (s === 1) bg++;
          else if (s === 2) tag++;
        }
      const n = ss * ss;
      const alpha = (bg + tag) / n;
      const white = alpha === 0 ? 0 : tag / (bg + tag);
      const i = (y * size + x) * 4;
      for (let c = 0; c < 3; c++) rgba[i + c] = Math.round(blue[c] * (1 - white) + 255 * white);
      rgba[i + 3] = Math.round(alpha * 255);
    }
  }
  return png(size, rgba);
}

for (const size of [16, 25, 32, 48, 64, 80, 128])
  fs.writeFileSync(path.join(__dirname, `icon-${size}.png`), draw(size));
