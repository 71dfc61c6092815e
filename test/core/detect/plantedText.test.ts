import { detectSensitiveInfo } from "../../../src/core/detect";
import { plantedText, seededRandom } from "../../../bench/lib/plantedText";

/** The benchmark's figures are only as good as its ground truth. */
describe("bench plantedText generator", () => {
  const sample = plantedText({ seed: 7, chars: 100_000 });

  test("same seed, same text and plants; another seed, another text", () => {
    expect(plantedText({ seed: 7, chars: 100_000 })).toEqual(sample);
    expect(plantedText({ seed: 8, chars: 100_000 }).text).not.toBe(sample.text);
    expect(seededRandom(1)()).toBe(seededRandom(1)());
  });

  test("has the requested length, ASCII only, and plants at the recorded offsets", () => {
    expect(sample.text.length).toBe(100_000);
    expect(/^[\x20-\x7e\n]*$/.test(sample.text)).toBe(true);
    expect(sample.planted.length).toBeGreaterThan(20);
    for (const item of sample.planted) expect(sample.text.slice(item.start, item.end)).toBe(item.value);
  });

  test("every planted number is detected as each type it is planted as", () => {
    const { detections } = detectSensitiveInfo(sample.text);
    const found = new Set(
      detections.flatMap((d) => d.instances.map((i) => `${d.sitId}:${i.start}:${i.end}`)),
    );
    const missed = sample.planted.flatMap((p) =>
      p.sitIds
        .filter((id) => !found.has(`${id}:${p.start}:${p.end}`))
        .map((id) => `${p.kind} ${p.value} as ${id}`),
    );
    expect(missed).toEqual([]);
  });
});
