/**
 * `--server URL` and `--upload` against a stand-in backend on localhost that speaks the two
 * endpoints the CLI uses: GET /api/v1/policy (bearer token → effective policy) and
 * POST /api/v1/audit (≤ 500 events, each checked with the shared audit schema).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { Command, CommanderError } from "commander";
import { buildDocx } from "../../bench/scanner/ooxml";
import { type ScanCommandOptions, runScanCommand } from "../../src/cli/commands/scan";
import { runLabelChange } from "../../src/cli/commands/label";
import type { Io } from "../../src/cli/scan/cliOptions";
import { inProcessScanner } from "../../src/cli/scan/pool";
import { tokenFrom } from "../../src/cli/scan/policySource";
import { AUDIT_BATCH_SIZE, retryAfterMs, uploadAudit } from "../../src/cli/scan/server";
import { runAuditUpload } from "../../src/cli/commands/audit";
import { type AuditEvent, auditEventSchema } from "../../src/core/audit";
import { L, cardText, cleanup, effective, tempDir, write } from "./support/helpers";

interface Backend {
  url: string;
  batches: AuditEvent[][];
  requests: string[];
  failNext: number;
  /** The failing answer: its status and Retry-After header. */
  failWith: { status: number; retryAfter?: string };
  close(): Promise<void>;
}

async function backend(phase: "discover" | "enforce" = "enforce"): Promise<Backend> {
  const batches: AuditEvent[][] = [];
  const requests: string[] = [];
  const state = { failNext: 0, failWith: { status: 503 } as Backend["failWith"] };
  const server: Server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url} ${req.headers.authorization ?? ""}`);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== "Bearer good-token")
      return send(401, { error: "unauthorized", message: "token expired" });
    if (req.method === "GET" && req.url === "/api/v1/policy")
      return send(200, { policyVersion: 7, ...effective({ phase }) });
    if (req.method === "POST" && req.url === "/api/v1/audit") {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        if (state.failNext > 0) {
          state.failNext--;
          const { status, retryAfter } = state.failWith;
          return send(status, { message: "try later" }, retryAfter ? { "retry-after": retryAfter } : {});
        }
        const events = (JSON.parse(body) as { events: unknown[] }).events;
        if (events.length > 500) return send(400, { message: "too many" });
        batches.push(events.map((e) => auditEventSchema.parse(e)));
        send(202, { stored: events.length, duplicates: 0 });
      });
      return;
    }
    send(404, { message: "no route" });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    batches,
    requests,
    get failNext() {
      return state.failNext;
    },
    set failNext(n: number) {
      state.failNext = n;
    },
    get failWith() {
      return state.failWith;
    },
    set failWith(f: Backend["failWith"]) {
      state.failWith = f;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

let dir: string;
let api: Backend;
beforeEach(async () => {
  dir = tempDir();
  api = await backend();
});
afterEach(async () => {
  await api.close();
  cleanup(dir);
});

function io() {
  const o = { out: "", err: "" };
  const sink: Io = {
    out: (t) => void (o.out += t),
    err: (t) => void (o.err += t),
    progress: { write: () => true },
  };
  return { o, sink };
}

async function scan(paths: string[], options: Partial<ScanCommandOptions>) {
  const { o, sink } = io();
  const cmd = new Command("scan").exitOverride().configureOutput({ writeErr: (t) => void (o.err += t) });
  const opts: ScanCommandOptions = {
    mode: "discover",
    report: [],
    include: [],
    exclude: [],
    progress: false,
    fileTimeout: 60,
    ...options,
  };
  try {
    return {
      code: await runScanCommand(cmd, paths, opts, { io: sink, scanner: (s) => inProcessScanner(s) }),
      ...o,
    };
  } catch (e) {
    if (e instanceof CommanderError) return { code: e.exitCode, ...o };
    throw e;
  }
}

describe("--server and --upload", () => {
  test("enforce with the server's policy; results go up as audit events the backend accepts", async () => {
    const files = join(dir, "share");
    write(join(files, "cards.docx"), buildDocx([[cardText(12)]]));
    write(join(files, "clean.docx"), buildDocx([["nothing"]]));
    const r = await scan([files], { mode: "enforce", server: api.url, token: "good-token", upload: true });
    expect(r.code).toBe(0);
    expect(api.requests[0]).toBe("GET /api/v1/policy Bearer good-token");
    const events = api.batches.flat();
    expect(events.map((e) => [e.type, e.app, e.labelId, e.itemName])).toEqual([
      ["scan-result", "Scanner", null, "cards.docx"],
      ["label-applied", "Scanner", L.highlyConfidentialAllEmployees, "cards.docx"],
    ]);
    expect(events[0].details).toMatchObject({
      action: "labeled",
      mode: "enforce",
      proposedLabelId: L.highlyConfidentialAllEmployees,
      infoTypes: expect.arrayContaining([expect.objectContaining({ name: "Credit Card Number", count: 12 })]),
    });
    expect(events[1]).toMatchObject({ method: "Standard", actionSource: "automatic", downgrade: false });
    expect(r.out).toContain(`Uploaded 2 audit events to ${api.url}`);
  });

  test("more than 500 events are sent in batches of at most 500", async () => {
    const files = join(dir, "many");
    for (let i = 0; i < 501; i++)
      write(join(files, `f${i}.txt`), `Credit card 4111 1111 1111 1111 exp 12/29 #${i}`);
    const r = await scan([files], { server: api.url, token: "good-token", upload: true });
    expect(r.code).toBe(0);
    expect(api.batches.map((b) => b.length)).toEqual([AUDIT_BATCH_SIZE, 1]);
    expect(new Set(api.batches.flat().map((e) => e.id)).size).toBe(501);
  });

  test("a refused token: exit 1 and a message naming the request, the status and the fix", async () => {
    write(join(dir, "a.txt"), "x");
    const r = await scan([dir], { server: api.url, token: "stale-token" });
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      `labelbridge scan: GET ${api.url}/api/v1/policy answered 401 (the token was refused: check --token or LABELBRIDGE_TOKEN): token expired\n`,
    );
  });

  test("an unreachable server is a failure with the reason; --server without a token is refused", async () => {
    write(join(dir, "a.txt"), "x");
    const closed = await backend();
    await closed.close(); // a port nobody listens on any more
    const down = await scan([dir], { server: closed.url, token: "good-token" });
    expect(down.code).toBe(1);
    expect(down.err).toBe(`labelbridge scan: GET ${closed.url}/api/v1/policy failed: ECONNREFUSED\n`);
    const saved = process.env.LABELBRIDGE_TOKEN;
    delete process.env.LABELBRIDGE_TOKEN;
    try {
      const noToken = await scan([dir], { server: api.url });
      expect(noToken.code).toBe(1);
      expect(noToken.err).toContain(
        "--server needs a token: --token TOKEN or the LABELBRIDGE_TOKEN environment variable",
      );
    } finally {
      if (saved !== undefined) process.env.LABELBRIDGE_TOKEN = saved;
    }
  });

  test("the token comes from --token, else LABELBRIDGE_TOKEN", () => {
    expect(tokenFrom({ token: "a" }, { LABELBRIDGE_TOKEN: "b" })).toBe("a");
    expect(tokenFrom({}, { LABELBRIDGE_TOKEN: "b" })).toBe("b");
    expect(tokenFrom({}, {})).toBeUndefined();
  });

  test("a batch the backend cannot take right now is retried with the same ids (stored once)", async () => {
    const events: AuditEvent[] = [
      auditEventSchema.parse({
        id: "evt-00000001",
        type: "scan-result",
        time: "2026-01-01T00:00:00Z",
        app: "Scanner",
      }),
    ];
    api.failNext = 2;
    const sent = await uploadAudit(api.url, "good-token", events, { retryDelaysMs: [1, 1, 1] });
    expect(sent).toEqual({ sent: 1, batches: 1 });
    expect(api.batches).toEqual([events]);
    expect(api.requests.filter((r) => r.startsWith("POST"))).toHaveLength(3);
  });

  test("label --upload sends the label-changed event with its justification", async () => {
    const path = write(join(dir, "a.docx"), buildDocx([["x"]]));
    const { o, sink } = io();
    const cmd = new Command("label").exitOverride();
    expect(
      await runLabelChange(
        cmd,
        [path],
        { server: api.url, token: "good-token", upload: true },
        sink,
        "Public",
      ),
    ).toBe(0);
    expect(o.err).toBe("");
    expect(api.batches.flat().map((e) => [e.type, e.labelId, e.method, e.actionSource])).toEqual([
      ["label-applied", L.public, "Privileged", "manual"],
    ]);
  });
});

describe("when the server cannot take the audit events", () => {
  const oneEvent = (): AuditEvent[] => [
    auditEventSchema.parse({
      id: "evt-00000002",
      type: "scan-result",
      time: "2026-01-01T00:00:00Z",
      app: "Scanner",
    }),
  ];

  test("a 429's Retry-After (seconds or an HTTP date) is how long the upload waits", async () => {
    api.failNext = 1;
    api.failWith = { status: 429, retryAfter: "7" };
    const waits: number[] = [];
    const sleep = async (ms: number) => void waits.push(ms);
    await uploadAudit(api.url, "good-token", oneEvent(), { sleep, retryDelaysMs: [1, 1, 1] });
    expect(waits).toEqual([7000]);
    expect(api.batches).toEqual([oneEvent()]);
    const now = Date.parse("2026-12-06T10:00:00Z");
    expect(retryAfterMs("Sun, 06 Dec 2026 10:00:30 GMT", now)).toBe(30_000);
    expect(retryAfterMs("soon", now)).toBeNull();
    expect(retryAfterMs(null, now)).toBeNull();
  });

  test("a Retry-After longer than the upload waits is a failure that says how long was asked", async () => {
    api.failNext = 1;
    api.failWith = { status: 429, retryAfter: "3600" };
    await expect(uploadAudit(api.url, "good-token", oneEvent(), { sleep: async () => {} })).rejects.toThrow(
      `POST ${api.url}/api/v1/audit answered 429: try later (the server asks to wait 3600 s, longer than the 300 s this upload waits)`,
    );
    expect(api.batches).toEqual([]);
  });

  test("scan --upload keeps the events in a file it names; `audit upload` sends them later, each once", async () => {
    const files = join(dir, "share");
    write(join(files, "cards.txt"), cardText(3));
    write(join(files, "more.txt"), cardText(4));
    api.failNext = 1_000;
    api.failWith = { status: 503, retryAfter: "0" };
    const r = await scan([files], { server: api.url, token: "good-token", upload: true });
    expect(r.code).toBe(1);
    const kept = /kept in (\S+): send them with `labelbridge audit upload \1 --server (\S+)`/.exec(r.err);
    expect(kept?.[2]).toBe(api.url);
    const file = kept![1];
    const lines = readFileSync(file, "utf8").trim().split("\n");
    expect(lines.map((l) => (JSON.parse(l) as AuditEvent).itemName).sort()).toEqual([
      "cards.txt",
      "more.txt",
    ]);
    expect(r.err).toContain(
      `POST ${api.url}/api/v1/audit answered 503: try later; all 2 event(s) are kept in`,
    );

    api.failNext = 0;
    const cmd = new Command("upload").exitOverride();
    const first = io();
    expect(await runAuditUpload(cmd, file, { server: api.url, token: "good-token" }, first.sink)).toBe(0);
    expect(first.o.out).toBe(`Uploaded 2 audit events from ${file} to ${api.url}\n`);
    expect(
      api.batches
        .flat()
        .map((e) => e.itemName)
        .sort(),
    ).toEqual(["cards.txt", "more.txt"]);
    rmSync(dirname(file), { recursive: true, force: true });
  });

  test("`audit upload` checks every line first and names the bad one; nothing is sent", async () => {
    const file = write(
      join(dir, "events.jsonl"),
      JSON.stringify(oneEvent()[0]) + "\n" + JSON.stringify({ id: "x", type: "no-such-type" }) + "\n",
    );
    const bad = io();
    const cmd = new Command("upload").exitOverride();
    expect(await runAuditUpload(cmd, file, { server: api.url, token: "good-token" }, bad.sink)).toBe(1);
    expect(bad.o.err).toMatch(
      new RegExp(`^labelbridge audit upload: ${file} line 2: \\S+: .+; nothing was sent\\n$`),
    );
    expect(api.requests).toEqual([]);
  });
});
