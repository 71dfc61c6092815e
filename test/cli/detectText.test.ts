import { plantedText } from "../../bench/lib/plantedText";
import { detectSensitiveInfo } from "../../src/core/detect";
import { StreamingDetector, detectText } from "../../src/cli/scan/detectText";

function summary(
  ds: Array<{
    sitId: string;
    count: number;
    confidence: number;
    instances: Array<{ start: number; end: number; confidence: number }>;
  }>,
) {
  return ds.map((d) => ({
    sitId: d.sitId,
    count: d.count,
    confidence: d.confidence,
    instances: d.instances,
  }));
}

describe("windowed detection", () => {
  test("small windows find exactly what one pass over the whole text finds (offsets, confidence, counts)", () => {
    const { text } = plantedText({ seed: 7, chars: 200_000, plantEvery: 600 });
    const whole = detectSensitiveInfo(text, { maxChars: text.length });
    const d = new StreamingDetector(8192, 600);
    // Arbitrary chunk sizes, so chunk and window boundaries fall inside numbers and keywords.
    for (let at = 0, step = 1; at < text.length; at += step, step = (step * 7 + 13) % 5000)
      d.push(text.slice(at, at + step));
    const windowed = d.finish();
    expect(windowed.scannedChars).toBe(text.length);
    expect(summary(windowed.detections)).toEqual(summary(whole.detections));
    expect(whole.detections.length).toBeGreaterThan(3);
  });

  test("a number cut by a window edge is found once, with its keyword evidence from the window before", () => {
    const filler = "word ".repeat(1637); // 8185 characters: the card starts just before the 8192-character edge
    const text = `${filler}Credit card 4111 1111 1111 1111 exp 12/29`;
    const d = new StreamingDetector(8192, 600);
    d.push(text);
    const found = d.finish().detections.find((x) => x.name === "Credit Card Number");
    expect(found?.count).toBe(1);
    expect(found?.confidence).toBe(85);
    expect(found?.instances[0].start).toBe(text.indexOf("4111"));
  });

  test("text far longer than core's single-pass limit is scanned to the end", () => {
    const tail = "Credit card 4012 8888 8888 1881 exp 10/28";
    const text = "x".repeat(9 * 1024 * 1024) + tail;
    const result = detectText(text);
    expect(result.scannedChars).toBe(text.length);
    expect(result.detections.find((x) => x.name === "Credit Card Number")?.instances[0].start).toBe(
      text.length - tail.length + 12,
    );
  });
});
