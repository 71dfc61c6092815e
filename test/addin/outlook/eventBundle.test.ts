/**
 * The built event bundle (dist/events/launchevent.js) as classic Outlook on Windows runs it: one
 * file in a JavaScript-only runtime — no window, document or localStorage, OfficeRuntime.storage
 * instead, no globalThis, none of the ES2017+ built-ins, a regex engine without lookbehind. It must
 * parse as ES2016, associate every handler while it loads, and decide a send there.
 */
import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import * as vm from "node:vm";
import { gzipSync } from "node:zlib";
import * as acorn from "acorn";
import { decodeMsipLabelsHeader } from "../../../src/core/metadata";
import { HANDLER_NAMES } from "../../../src/addin/events/outlookHandlers";
import type { EffectivePolicy } from "../../../src/core/policy";
import { EMPLOYEE_ID_TYPE, EMPLOYEE_TEXT, effectiveWithEmployeeIds } from "../../support/customTypeFixtures";
import { composeFake, header, L, policyWith, SITE } from "./setup";
import { ES2016_RUNTIME, runtimeGlobals } from "../jsOnlyRuntime";
import { EVENT_BUNDLE_CEILING } from "./bundleBudget";

const BUNDLE = join(__dirname, "..", "..", "..", "dist", "events", "launchevent.js");
const TOKEN = "a.b.c";

function bundle(): string {
  if (!existsSync(BUNDLE))
    throw new Error("dist/events/launchevent.js is not built: run `npm run build:addin` first.");
  return readFileSync(BUNDLE, "utf8");
}

const defaultPolicy = policyWith({
  mandatoryMail: true,
  defaultMailLabel: L.general,
  justificationRequired: true,
});

function runtime(
  fake: ReturnType<typeof composeFake>,
  storage: Map<string, string>,
  fetchLog: string[],
  policy: EffectivePolicy = defaultPolicy,
  warnings: unknown[][] = [],
) {
  const globals = runtimeGlobals(storage);
  const context = vm.createContext({
    Office: fake.Office,
    ...globals,
    console: { ...globals.console, warn: (...args: unknown[]) => warnings.push(args) },
    fetch: async (url: string, init: { method: string; headers: Record<string, string>; body?: string }) => {
      fetchLog.push(`${init.method} ${url}`);
      const body = init.method === "GET" ? JSON.stringify(policy) : "{}";
      return {
        status: init.method === "GET" ? 200 : 202,
        headers: { get: () => null },
        text: async () => body,
      };
    },
  });
  vm.runInContext(ES2016_RUNTIME, context);
  return context;
}

describe("the event bundle in a classic-Outlook-like runtime", () => {
  it("parses as ES2016 script: one file, no import/export, no module syntax", () => {
    const source = bundle();
    expect(() => acorn.parse(source, { ecmaVersion: 2016, sourceType: "script" })).not.toThrow();
    expect(source).not.toMatch(/document\.currentScript|\bimport\(/);
  });

  it("leaves out what only the task pane uses: read mode's header parsers and the pane's text", () => {
    const source = bundle();
    // Every handler runs on mail being written; received mail's classification headers are the pane's.
    expect(source).not.toMatch(/x-titus-metadata|X-Microsoft-Classification/i);
    // The handlers speak English and French (decision messages, the send dialog), not the pane's words.
    expect(source).toContain("Open **Labelbridge** to choose a label.");
    expect(source).toContain("Ouvrez **Labelbridge** pour choisir une");
    expect(source).not.toContain("Paste the token printed by");
    expect(source).not.toContain("Collez le jeton");
  });

  it("stays under its gzip ceiling (Outlook's ~5 s send budget includes loading it; bundleBudget.ts)", () => {
    expect(gzipSync(Buffer.from(bundle()), { level: 9 }).length).toBeLessThanOrEqual(EVENT_BUNDLE_CEILING);
  });

  it("associates every manifest handler synchronously while it loads, even without lookbehind or ES2017 built-ins", () => {
    const fake = composeFake(policyWith());
    const context = runtime(fake, new Map(), []);
    expect(vm.runInContext("typeof globalThis", context)).toBe("undefined");
    vm.runInContext(bundle(), context, { filename: "launchevent.js" });
    expect([...fake.actions.keys()].sort()).toEqual(Object.values(HANDLER_NAMES).sort());
    // The bundle shims globalThis and nothing else: it needs no ES2017+ built-in (eventRuntime.test.ts).
    expect(
      vm.runInContext(
        "typeof globalThis + typeof Object.hasOwn + typeof ''.padStart + typeof [].flat + typeof Object.fromEntries",
        context,
      ),
    ).toBe("objectundefinedundefinedundefinedundefined");
  });

  it("labels a new mail by default, then blocks sending an unlabeled one, from OfficeRuntime.storage", async () => {
    const storage = new Map<string, string>([["labelbridge.devToken", TOKEN]]);
    const fetchLog: string[] = [];

    const fresh = composeFake(policyWith(), { labelsEnabled: false });
    const context = runtime(fresh, storage, fetchLog);
    vm.runInContext(bundle(), context);
    const completions: unknown[] = [];
    await fresh.actions.get("onNewMessageCompose")!({
      completed: (o?: unknown) => completions.push(o ?? null),
    });
    expect(completions).toEqual([null]);
    const value = fresh.state.headers.get("msip_labels")!;
    expect(decodeMsipLabelsHeader(value).find((r) => r.siteId === SITE)?.labelId).toBe(L.general);
    expect(fetchLog[0]).toBe("GET https://localhost:3000/api/v1/policy");
    expect([...storage.keys()]).toEqual(
      expect.arrayContaining(["labelbridge.policy.v1:sam@contoso.com", "labelbridge.audit.v1"]),
    );

    // Another mail, the person removed the label (no header): send decides from the stored policy.
    const unlabeled = composeFake(policyWith(), { labelsEnabled: false });
    const second = runtime(unlabeled, storage, fetchLog);
    vm.runInContext(bundle(), second);
    const before = fetchLog.filter((f) => f.startsWith("GET")).length;
    const sent: unknown[] = [];
    await unlabeled.actions.get("onMessageSend")!({ completed: (o?: unknown) => sent.push(o) });
    expect(sent).toEqual([
      expect.objectContaining({
        allowEvent: false,
        errorMessage: "Select a sensitivity label before sending.",
        commandId: "lbComposeOpenPane",
      }),
    ]);
    expect(fetchLog.filter((f) => f.startsWith("GET")).length).toBe(before);
  });

  it("reports a condition naming a custom type it cannot evaluate, and lets the send go on", async () => {
    // The bundle leaves the custom-type engine out: the pane and the scanner evaluate custom types.
    const policy = effectiveWithEmployeeIds({ mandatoryMail: true });
    const storage = new Map<string, string>([["labelbridge.devToken", TOKEN]]);
    const fake = composeFake(policy, {
      labelsEnabled: false,
      body: `<p>${EMPLOYEE_TEXT}</p>`,
      headers: { msip_labels: header(L.general) },
    });
    const warnings: unknown[][] = [];
    const context = runtime(fake, storage, [], policy, warnings);
    vm.runInContext(bundle(), context);
    const sent: unknown[] = [];
    await fake.actions.get("onMessageSend")!({ completed: (o?: unknown) => sent.push(o ?? null) });
    expect(sent).toEqual([expect.objectContaining({ allowEvent: true })]);
    expect(warnings.map(([where, error]) => [where, (error as Error).message])).toEqual([
      ["Labelbridge send:", `information types not evaluated here: ${EMPLOYEE_ID_TYPE}`],
    ]);
  });
});
