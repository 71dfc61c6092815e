/**
 * Time of the send decision on a 100 KB mail body, two ways:
 * - the pure core (detect on subject + body, then decideSend) — the part that is ours to keep fast;
 * - the whole OnMessageSend handler against the fake Outlook host with the cached policy (reading
 *   the label, recipients, attachments and body through the adapter, then completing the event).
 * Outlook starts its "taking longer" dialog after ~5 s, script load included.
 *
 * `node bench/run.cjs bench/addin/sendDecision.ts [runs]` — writes bench/.out/addin-send.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { decideSend } from "../../src/core/decide/send";
import { detectSensitiveInfo } from "../../src/core/detect/detect";
import { handlersFor, recordingEvent } from "../../test/addin/outlook/handlerHarness";
import { composeFake, L, policyWith } from "../../test/addin/outlook/setup";
import { itemDecisionContext } from "../../src/core/decide/context";

const runs = Number(process.argv[2] ?? 30);
const policy = policyWith({ mandatoryMail: true, defaultMailLabel: "none" });

function body100k(): string {
  const words =
    "quarterly revenue forecast meeting agenda customer invoice delivery schedule budget review".split(" ");
  let text = "";
  let i = 0;
  while (text.length < 100 * 1024) {
    text += `${words[i % words.length]} ${words[(i * 7) % words.length]} ${i} `;
    if (i % 40 === 0) text += "\n";
    i++;
  }
  // One card number near the end: the detectors have to read it all.
  return `${text}\nPlease charge Visa 4111 1111 1111 1111, expiry 12/28.`;
}

function stats(samples: number[]): { median: number; p95: number; min: number; max: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { median: at(0.5), p95: at(0.95), min: s[0], max: s[s.length - 1] };
}

const ms = (n: number) => `${n.toFixed(1)} ms`;

async function main(): Promise<void> {
  const text = body100k();
  const info = {
    kind: "email" as const,
    mode: "compose" as const,
    name: "Budget",
    location: "Budget",
    user: { name: "Sam Lee", principalName: "sam@contoso.com" },
    sender: "sam@contoso.com",
  };

  const core: number[] = [];
  for (let r = 0; r < runs + 3; r++) {
    const t0 = performance.now();
    const detections = detectSensitiveInfo(text).detections;
    const d = decideSend(
      policy,
      {
        kind: "email",
        current: { labelId: L.general, method: "Privileged" },
        recipients: ["lee@contoso.com"],
        attachments: [],
        detections,
      },
      itemDecisionContext("Outlook", info, new Date(), () => "00000000-0000-4000-8000-000000000001"),
    );
    const t1 = performance.now();
    if (d.outcome !== "warn") throw new Error(`expected the card to be found, got ${d.outcome}`);
    if (r >= 3) core.push(t1 - t0); // the first runs warm the JIT
  }

  const handler: number[] = [];
  for (let r = 0; r < Math.min(runs, 20); r++) {
    const fake = composeFake(policy, {
      labelsEnabled: false,
      body: `<p>${text.replace(/\n/g, "<br>")}</p>`,
      headers: {},
    });
    const run = await handlersFor(fake, { policy, cached: policy });
    const event = recordingEvent();
    const t0 = performance.now();
    await new Promise<void>((resolve) => {
      const original = event.completed.bind(event);
      event.completed = (o) => {
        original(o);
        resolve();
      };
      void run.handlers.onMessageSend(event);
    });
    handler.push(performance.now() - t0);
  }

  const result = { bodyChars: text.length, runs, core: stats(core), handler: stats(handler) };
  mkdirSync(join(__dirname, "..", ".out"), { recursive: true });
  writeFileSync(join(__dirname, "..", ".out", "addin-send.json"), JSON.stringify(result, null, 2));
  console.log(`send decision on a ${(text.length / 1024).toFixed(0)} KB body (${runs} runs)`);
  console.log("| measure | median | p95 | max |");
  console.log("|---|---|---|---|");
  console.log(
    `| detect + decideSend (core) | ${ms(result.core.median)} | ${ms(result.core.p95)} | ${ms(result.core.max)} |`,
  );
  console.log(
    `| OnMessageSend handler, fake host, cached policy | ${ms(result.handler.median)} | ${ms(result.handler.p95)} | ${ms(result.handler.max)} |`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
