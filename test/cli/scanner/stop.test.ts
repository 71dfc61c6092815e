/**
 * SIGTERM reaches a node while its backend does not answer: the node stops at once, exit 0, rather
 * than wait through the retries meant for a backend that is restarting (about 50 s of them). The
 * built CLI against a backend that refuses connections, and against one that registers the node and
 * then answers 503. Needs `npm run build:node` first.
 */
import { spawn } from "node:child_process";
import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { waitFor } from "../../server/scanJobs/support";
import { REPO, requireFreshBuild } from "../support/helpers";

beforeAll(() => requireFreshBuild());

const servers: Server[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

/** A backend that registers any node and then answers every other request 503. */
async function registersThenFails(): Promise<{ url: string; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    req.resume();
    if (req.method === "POST" && req.url === "/api/v1/scanner/nodes") {
      res.writeHead(201, { "content-type": "application/json" });
      res.end(JSON.stringify({ node: "n", heartbeatSeconds: 60, nodeTimeoutSeconds: 120 }));
    } else {
      res.writeHead(503, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: "unavailable", message: "down for maintenance" }));
    }
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

/** The URL of a port nothing listens on (a server opened and closed). */
async function refusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

function startScanner(url: string, name: string) {
  const child = spawn(
    process.execPath,
    [join(REPO, "bin", "labelbridge.js"), "scanner", "--server", url, "--node", name, "--jobs", "1"],
    { env: { ...process.env, LABELBRIDGE_TOKEN: "t" }, stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  return { child, stderr: () => stderr, exited };
}

/** Resolves to the exit code, or "still running" after `ms`. */
const within = (exited: Promise<number | null>, ms: number) =>
  Promise.race([
    exited,
    new Promise<string>((resolve) => setTimeout(() => resolve("still running"), ms).unref()),
  ]);

test("stopped while registering with a backend that refuses connections: exits 0 at once", async () => {
  const node = startScanner(await refusedUrl(), "stop-refused");
  try {
    // Between retries of its registration: the first waits are 0.5 and 1 s.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    node.child.kill("SIGTERM");
    expect(await within(node.exited, 5_000)).toBe(0);
    expect(node.stderr()).toContain("stopping: finishing the files being read");
    expect(node.stderr()).toContain("stop-refused: stopped after 0 files");
  } finally {
    node.child.kill("SIGKILL");
  }
}, 30_000);

test("stopped while its claims get 503: exits 0 at once, after telling the backend it leaves", async () => {
  const backend = await registersThenFails();
  const node = startScanner(backend.url, "stop-503");
  try {
    await waitFor("a claim to be refused", async () => backend.requests.some((r) => r.endsWith("/claim")));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    node.child.kill("SIGTERM");
    expect(await within(node.exited, 5_000)).toBe(0);
    expect(node.stderr()).toContain("stop-503: stopped after 0 files");
    // One try to leave, not its retries.
    expect(backend.requests.filter((r) => r.endsWith("/leave"))).toHaveLength(1);
  } finally {
    node.child.kill("SIGKILL");
  }
}, 30_000);
