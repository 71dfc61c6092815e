/**
 * quickAuditEvent (src/core/audit/fastParse.ts) must never accept what auditEventSchema rejects, and
 * must return exactly what the schema returns (keys, order, defaults) for what it accepts: checked
 * on valid events and on each of them broken in every field, one way after another.
 */
import { auditEventSchema } from "../../src/core/audit";
import { z } from "zod";
import { quickAuditEvent, stringRule } from "../../src/core/audit/fastParse";

const GUID = "0d9a3c4e-1b2f-4c5d-8e9f-a0b1c2d3e4f5";

const VALID: Record<string, unknown>[] = [
  { id: "abcdefgh", type: "label-applied", time: "2026-06-10T10:00:00.000Z", app: "Word" },
  {
    id: "0d9a3c4e-1b2f-4c5d-8e9f-a0b1c2d3e4f5",
    type: "label-changed",
    time: "2026-06-10T10:00:00+02:00",
    app: "Outlook",
    labelId: GUID,
    oldLabelId: null,
    method: "Privileged",
    actionSource: "manual",
    downgrade: true,
    justification: { reason: "Other", text: "because" },
    itemName: "Budget.xlsx",
    reason: "x",
  },
  {
    id: "A_b-0123",
    type: "send-blocked",
    time: "2024-02-29T23:59:59Z",
    app: "Excel",
    justification: { reason: "r" },
    reason: "mandatory-label-missing",
  },
  { id: "scan-0001", type: "scan-result", time: "2026-06-10T10:00Z", app: "Scanner", itemName: "" },
];

const BROKEN_VALUES: unknown[] = [
  undefined,
  null,
  "",
  "x",
  "abc",
  "a".repeat(65),
  "a b c d e f",
  "2026-02-30T10:00:00Z",
  "2026-06-10T24:00:00Z",
  "2026-06-10 10:00:00Z",
  "2026-06-10T10:00:00",
  "2025-02-29T10:00:00Z",
  "2026-06-10T10:00:00+0200",
  GUID.toUpperCase(),
  GUID,
  0,
  1,
  true,
  false,
  [],
  {},
  { reason: "" },
  { reason: "r", text: 1 },
  { reason: "r", extra: 1 },
  { reason: "r".repeat(201) },
  { reason: "r", text: "t".repeat(1001) },
  "Standard",
  "label-applied",
  "Word",
  "manual",
  "n".repeat(101),
  "n".repeat(401),
];

/** Every valid event with each field set to each value, removed, or an unknown field added. */
function variants(): unknown[] {
  const out: unknown[] = [...VALID, null, [], "event", 1, Object.create({ id: "abcdefgh" })];
  const fields = Object.keys(auditEventSchema.shape);
  for (const base of VALID) {
    for (const field of fields) {
      const { [field]: _removed, ...without } = base;
      out.push(without);
      for (const value of BROKEN_VALUES) out.push({ ...base, [field]: value });
    }
    out.push(
      { ...base, unknown: 1 },
      { ...base, details: { a: 1 } },
      JSON.parse(`{"__proto__": {}, "id": "abcdefgh"}`),
    );
  }
  return out;
}

test("the quick check accepts only what the schema accepts, and returns what it returns", () => {
  let quick = 0;
  for (const input of variants()) {
    const fast = quickAuditEvent(input);
    const parsed = auditEventSchema.safeParse(input);
    if (fast === null) continue;
    quick++;
    expect({ input, success: parsed.success }).toEqual({ input, success: true });
    // Key order too: the stored body is the event's JSON.
    expect(JSON.stringify(fast)).toBe(JSON.stringify(parsed.data));
  }
  // It does take the common events (else the route would gain nothing).
  expect(quick).toBeGreaterThan(100);
  for (const e of VALID.filter((v) => !("details" in v))) expect(quickAuditEvent(e)).not.toBeNull();
});

test("the quick check reads each string rule from the schema, so a changed limit cannot drift", () => {
  const rule = stringRule(z.string().min(2).max(5).regex(/^a+$/).optional());
  expect(["aa", "aaaaa"].map(rule)).toEqual([true, true]);
  expect(["a", "aaaaaa", "ab", 3, undefined].map(rule)).toEqual([false, false, false, false, false]);
  const time = stringRule(z.string().datetime({ offset: true }).nullable().default(null));
  expect([time("2026-06-10T10:00:00+02:00"), time("2026-06-10T10:00:00")]).toEqual([true, false]);
  // A rule it does not know is refused when the module loads, not ignored.
  expect(() => stringRule(z.string().email())).toThrow("the schema's 'email' rule is not known here");
});

test("at each length limit the schema holds, the quick check agrees with it", () => {
  const base = VALID[1];
  const limits: [string, number][] = [
    ["id", 64],
    ["itemName", 400],
    ["reason", 100],
  ];
  for (const [field, max] of limits)
    for (const length of [max, max + 1]) {
      const input = { ...base, [field]: "a".repeat(length) };
      expect({ field, length, quick: quickAuditEvent(input) !== null }).toEqual({
        field,
        length,
        quick: auditEventSchema.safeParse(input).success,
      });
    }
  for (const [key, max] of [
    ["reason", 200],
    ["text", 1000],
  ] as const)
    for (const length of [max, max + 1]) {
      const input = { ...base, justification: { reason: "r", [key]: "j".repeat(length) } };
      expect(quickAuditEvent(input) !== null).toBe(auditEventSchema.safeParse(input).success);
    }
});
