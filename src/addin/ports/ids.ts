/**
 * Fresh GUIDs for ActionId and audit event ids. Audit ids are made on the client so that a retried
 * batch is stored once (the backend treats a known id as already received).
 */

type RandomSource = (bytes: Uint8Array) => Uint8Array;

function defaultRandom(): RandomSource {
  const c = (globalThis as { crypto?: { getRandomValues?: (b: Uint8Array) => Uint8Array } }).crypto;
  if (c && typeof c.getRandomValues === "function") return (b) => c.getRandomValues!(b);
  // The classic Outlook JavaScript runtime may lack Web Crypto; ids need uniqueness, not secrecy.
  return (b) => {
    for (let i = 0; i < b.length; i++) b[i] = Math.floor(Math.random() * 256);
    return b;
  };
}

const HEX: string[] = [];
for (let i = 0; i < 256; i++) HEX.push((i + 0x100).toString(16).slice(1));

/** An RFC 4122 version 4 GUID, lower case. */
export function newGuid(random: RandomSource = defaultRandom()): string {
  const b = random(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => HEX[x]);
  return (
    h.slice(0, 4).join("") +
    "-" +
    h.slice(4, 6).join("") +
    "-" +
    h.slice(6, 8).join("") +
    "-" +
    h.slice(8, 10).join("") +
    "-" +
    h.slice(10, 16).join("")
  );
}
