/**
 * A node the backend declared lost registers again; when that registration fails (the backend is
 * down longer than the client's retries), the node keeps going and tries again, whether the claim
 * or the heartbeat found it lost. Before, the claim loop threw the failure out of run(), and the
 * heartbeat's timer left it unhandled (which ends a Node 20 process) and never registered again.
 * A fake backend in the shapes of src/server/scanJobs/wire.ts, through the client's `fetch` option.
 */
import { ScannerClient } from "../../../src/cli/scanner/client";
import { ScannerNode } from "../../../src/cli/scanner/node";

type Answer = { status: number; body?: unknown };

const json = ({ status, body }: Answer) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json" },
  });

const registered: Answer = {
  status: 201,
  body: { node: "n1", heartbeatSeconds: 0.05, nodeTimeoutSeconds: 1 },
};
const notRegistered: Answer = {
  status: 409,
  body: { error: "node-not-registered", message: "node n1 is not registered; register it again" },
};
const down: Answer = { status: 503, body: { error: "unavailable", message: "down for maintenance" } };

/**
 * A backend answering each kind of request from its own script (the last answer repeats), and
 * recording every request as "kind" in order.
 */
function fakeBackend(script: Record<"register" | "claim" | "heartbeat", Answer[]>) {
  const seen: string[] = [];
  const fetch = async (url: string) => {
    const path = new URL(url).pathname.replace("/api/v1/scanner/", "");
    const kind = path === "nodes" ? "register" : path.split("/").at(-1)!;
    seen.push(kind);
    const answers = script[kind as keyof typeof script];
    if (!answers) return json({ status: 204 });
    return json(answers.length > 1 ? answers.shift()! : answers[0]);
  };
  return { fetch, seen };
}

function nodeOn(fetch: (url: string) => Promise<Response>, log: string[]): ScannerNode {
  return new ScannerNode({
    client: new ScannerClient({ server: "http://backend.test", token: "t", node: "n1", fetch, retries: 0 }),
    jobs: 1,
    exitWhenIdle: true,
    pollMs: 20,
    version: "test",
    log: (line) => log.push(line),
    makeScanner: () => {
      throw new Error("no unit is handed out in these tests");
    },
  });
}

const idle: Answer = { status: 200, body: { unit: null, runningRuns: 0 } };
const busy: Answer = { status: 200, body: { unit: null, runningRuns: 1 } };

test("the claim finds the node lost and registering again fails: it tries again, then goes on", async () => {
  const backend = fakeBackend({
    register: [registered, down, registered],
    claim: [notRegistered, idle],
    heartbeat: [{ status: 200, body: { dropUnits: [] } }],
  });
  const log: string[] = [];
  await nodeOn(backend.fetch, log).run();

  const work = backend.seen.filter((k) => k !== "heartbeat");
  // Lost at the first claim; the failed registration is tried again before any claim.
  expect(work).toEqual(["register", "claim", "register", "register", "claim", "leave"]);
  expect(log).toContainEqual(
    expect.stringMatching(/^registering n1 again failed: .* answered 503: down for/),
  );
});

test("the heartbeat finds the node lost and registering again fails: it tries again, then goes on", async () => {
  // Claims find nothing while a run goes on, so the node polls and its heartbeat runs.
  const claims = Array.from({ length: 20 }, () => busy);
  const backend = fakeBackend({
    register: [registered, down, down, registered],
    claim: [...claims, idle],
    heartbeat: [notRegistered, { status: 200, body: { dropUnits: [] } }],
  });
  const log: string[] = [];
  await nodeOn(backend.fetch, log).run();

  expect(backend.seen.filter((k) => k === "register")).toHaveLength(4);
  expect(log.filter((l) => l.startsWith("registering n1 again failed"))).toHaveLength(2);
  expect(backend.seen.at(-1)).toBe("leave");
});

test("a token refused while registering again ends the node with the server's answer", async () => {
  const refused: Answer = { status: 401, body: { error: "unauthorized", message: "token revoked" } };
  const backend = fakeBackend({
    register: [registered, refused],
    claim: [notRegistered],
    heartbeat: [{ status: 200, body: { dropUnits: [] } }],
  });
  await expect(nodeOn(backend.fetch, []).run()).rejects.toThrow(/answered 401 .*token revoked/);
  expect(backend.seen.at(-1)).toBe("leave");
});
