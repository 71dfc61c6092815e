/**
 * The `\x06DataSpaces` storage an ECMA-376 encrypted package must carry ([MS-OFFCRYPTO] 2.3.4 refers
 * to 2.1.1): the version, the map saying the EncryptedPackage stream is in the
 * StrongEncryptionDataSpace, that data space's single transform, and the transform's description.
 * All structures are little-endian and padded to 4 bytes; strings are UNICODE-LP-P4 (2.1.2).
 */

/** UNICODE-LP-P4: byte length, UTF-16LE characters, zero padding to a multiple of 4. */
function unicodeLpP4(text: string): Buffer {
  const chars = Buffer.from(text, "utf16le");
  const padded = Buffer.alloc(4 + Math.ceil(chars.length / 4) * 4);
  padded.writeUInt32LE(chars.length, 0);
  chars.copy(padded, 4);
  return padded;
}

function u32(...values: number[]): Buffer {
  const b = Buffer.alloc(values.length * 4);
  values.forEach((v, i) => b.writeUInt32LE(v, i * 4));
  return b;
}

/** Version 1.0 as reader, updater and writer (2.1.4: major and minor, two bytes each). */
const VERSIONS_1_0 = Buffer.from([1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0]);

export const DATA_SPACE_NAME = "StrongEncryptionDataSpace";
export const TRANSFORM_NAME = "StrongEncryptionTransform";
export const ENCRYPTION_TRANSFORM_ID = "{FF9A3F03-56EF-4613-BDD5-5A41C1D07246}";

/** DataSpaceVersionInfo (2.1.5). */
export function versionStream(): Buffer {
  return Buffer.concat([unicodeLpP4("Microsoft.Container.DataSpaces"), VERSIONS_1_0]);
}

/** DataSpaceMap (2.1.6) with one entry: the EncryptedPackage stream → StrongEncryptionDataSpace. */
export function dataSpaceMapStream(): Buffer {
  const entryBody = Buffer.concat([
    u32(1, 0), // one reference component, of type stream
    unicodeLpP4("EncryptedPackage"),
    unicodeLpP4(DATA_SPACE_NAME),
  ]);
  return Buffer.concat([u32(8, 1), u32(entryBody.length + 4), entryBody]);
}

/** DataSpaceDefinition (2.1.7): the data space applies one transform. */
export function dataSpaceDefinitionStream(): Buffer {
  return Buffer.concat([u32(8, 1), unicodeLpP4(TRANSFORM_NAME)]);
}

/**
 * TransformInfoHeader (2.1.8) followed by EncryptionTransformInfo (2.1.9). TransformLength counts
 * the bytes before TransformName. The EncryptionTransformInfo fields are written as Office writes
 * them for agile encryption: no name, block size and cipher mode 0, reserved 4.
 */
export function primaryTransformStream(): Buffer {
  const head = Buffer.concat([u32(1), unicodeLpP4(ENCRYPTION_TRANSFORM_ID)]);
  return Buffer.concat([
    u32(head.length + 4),
    head,
    unicodeLpP4("Microsoft.Container.EncryptionTransform"),
    VERSIONS_1_0,
    u32(0, 0, 0, 4),
  ]);
}

/** The streams by path, as the container writes them. */
export function dataSpaceStreams(): [string, Buffer][] {
  return [
    ["\u0006DataSpaces/Version", versionStream()],
    ["\u0006DataSpaces/DataSpaceMap", dataSpaceMapStream()],
    [`\u0006DataSpaces/DataSpaceInfo/${DATA_SPACE_NAME}`, dataSpaceDefinitionStream()],
    [`\u0006DataSpaces/TransformInfo/${TRANSFORM_NAME}/\u0006Primary`, primaryTransformStream()],
  ];
}
