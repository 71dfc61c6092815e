import { detectSensitiveInfo } from "../../../src/core/detect";
import type { DetectOptions } from "../../../src/core/detect";

/** The matched text and confidence of every instance of `sitId` in `text`. */
export function found(text: string, sitId: string, options: DetectOptions = {}): Array<[string, number]> {
  const { detections } = detectSensitiveInfo(text, options);
  const detection = detections.find((d) => d.sitId === sitId);
  return (detection?.instances ?? []).map((i) => [text.slice(i.start, i.end), i.confidence]);
}

/** Exactly `n` (≥ 2) characters of neutral prose: no digits, no keywords, space at both ends. */
export function filler(n: number): string {
  if (n < 2) throw new RangeError("filler needs at least 2 characters");
  return " " + "lorem ipsum dolor amet ".repeat(Math.ceil(n / 23)).slice(0, n - 2) + " ";
}
