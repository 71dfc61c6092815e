import { randomBytes } from "node:crypto";
import { loadConfig } from "../../../src/server/config";
import { Keyring, KeyringError, keyringFromEnv } from "../../../src/server/keys/keyring";

const material = () => randomBytes(32).toString("base64");

describe("key-encryption keys", () => {
  const ring = new Keyring({ current: { id: "k1", key: randomBytes(32) }, retired: [] });

  it("wraps a file key so that only the same tenant and key id unwrap it", () => {
    const { kekId, wrapped } = ring.wrap("tenant-a", "00".repeat(16), "password-123");
    expect(kekId).toBe("k1");
    expect(ring.unwrap("tenant-a", "00".repeat(16), kekId, wrapped)).toBe("password-123");
    expect(() => ring.unwrap("tenant-b", "00".repeat(16), kekId, wrapped)).toThrow(KeyringError);
    expect(() => ring.unwrap("tenant-a", "11".repeat(16), kekId, wrapped)).toThrow(
      "the stored key does not unwrap with KEK 'k1' (wrong KEK, or the row was altered)",
    );
  });

  it("names a KEK the server does not have", () => {
    const { wrapped } = ring.wrap("t", "k", "p");
    expect(() => ring.unwrap("t", "k", "old", wrapped)).toThrow(
      "the key was wrapped with KEK 'old', which this server does not have (add it to LABELBRIDGE_KEK_RETIRED)",
    );
  });

  it("reads LABELBRIDGE_KEK and LABELBRIDGE_KEK_RETIRED, refusing bad values by name", () => {
    expect(keyringFromEnv({})).toBeNull();
    const config = keyringFromEnv({
      LABELBRIDGE_KEK: `new:${material()}`,
      LABELBRIDGE_KEK_RETIRED: `old:${material()}`,
    });
    expect([config?.current.id, config?.retired.map((k) => k.id)]).toEqual(["new", ["old"]]);
    expect(() => keyringFromEnv({ LABELBRIDGE_KEK: material() })).toThrow(
      /^LABELBRIDGE_KEK: expected <id>:<base64/,
    );
    expect(() => keyringFromEnv({ LABELBRIDGE_KEK: "k:c2hvcnQ=" })).toThrow(
      "LABELBRIDGE_KEK: the key of 'k' must be 32 bytes in base64 (openssl rand -base64 32)",
    );
    expect(() => keyringFromEnv({ LABELBRIDGE_KEK_RETIRED: `old:${material()}` })).toThrow(
      /needs LABELBRIDGE_KEK/,
    );
    const same = `a:${material()}`;
    expect(() => keyringFromEnv({ LABELBRIDGE_KEK: same, LABELBRIDGE_KEK_RETIRED: same })).toThrow(
      /listed twice/,
    );
  });

  it("stops the server at start when the KEK setting is wrong", () => {
    expect(() => loadConfig({ LABELBRIDGE_KEK: "nonsense" }, "/tmp")).toThrow(/LABELBRIDGE_KEK: expected/);
  });
});
