/**
 * `npm start` as a newcomer runs it (issue 11 items 10 and 11): it rebuilds only what changed —
 * a second start does not rebuild at all — and SIGTERM or SIGINT sent to the npm process stops the
 * server (npm's shell does not pass signals on; the server used to stay on its port).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from "node:fs";
import { createServer, connect } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { staleParts } = require("../../scripts/buildState") as {
  staleParts(root: string): { name: string; script: string; why: string }[];
};

const ROOT = join(__dirname, "..", "..");

describe("which parts npm start rebuilds", () => {
  const files = {
    sources: [
      "src/core/a.ts",
      "src/server/b.ts",
      "src/server/admin/ui/c.tsx",
      "src/cli/d.ts",
      "src/addin/e.tsx",
      "assets/icon.png",
      "manifest.xml",
      "manifest.office.xml",
      "tsconfig.json",
      "tsconfig.build.json",
      "webpack.config.js",
      "webpack.admin.config.js",
      "package-lock.json",
    ],
    outputs: [
      "build/server/main.js",
      "build/cli/main.js",
      "dist/taskpane.html",
      "dist/manifest.xml",
      "dist/manifest.office.xml",
      "dist/admin/console.html",
    ],
  };
  const tree = (sourceTime: number, outputTime: number) => {
    const root = mkdtempSync(join(tmpdir(), "lb-buildstate-"));
    for (const [list, time] of [
      [files.sources, sourceTime],
      [files.outputs, outputTime],
    ] as const)
      for (const f of list) {
        mkdirSync(dirname(join(root, f)), { recursive: true });
        writeFileSync(join(root, f), "x");
        utimesSync(join(root, f), time, time);
      }
    return root;
  };
  const touch = (root: string, file: string, time: number) => utimesSync(join(root, file), time, time);

  test("after a full build (npm install's prepare), nothing", () => {
    expect(staleParts(tree(1000, 2000))).toEqual([]);
  });

  test("a changed source rebuilds the parts made from it, and only those", () => {
    const root = tree(1000, 2000);
    touch(root, "src/server/b.ts", 3000);
    expect(staleParts(root).map((p) => p.script)).toEqual(["build:node"]);
    touch(root, "src/server/admin/ui/c.tsx", 3000);
    expect(staleParts(root).map((p) => p.script)).toEqual(["build:node", "build:admin"]);
    const other = tree(1000, 2000);
    touch(other, "src/core/a.ts", 3000);
    expect(staleParts(other).map((p) => p.script)).toEqual(["build:node", "build:addin", "build:admin"]);
  });

  test("the admin console's sources do not rebuild the server; a missing output builds its part", () => {
    const root = tree(1000, 2000);
    touch(root, "src/server/admin/ui/c.tsx", 3000);
    expect(staleParts(root).map((p) => p.script)).toEqual(["build:admin"]);
    const fresh = mkdtempSync(join(tmpdir(), "lb-buildstate-empty-"));
    expect(staleParts(fresh).map((p) => `${p.script}: ${p.why}`)).toEqual([
      "build:node: not built yet",
      "build:addin: not built yet",
      "build:admin: not built yet",
    ]);
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as { port: number };
  await new Promise((ok) => server.close(ok));
  return port;
}

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });

interface Started {
  npm: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** `npm start` as a person types it, on a free port, plain HTTP, its own data directory. */
async function npmStart(port: number): Promise<Started> {
  const npm = spawn("npm", ["start"], {
    cwd: ROOT,
    env: {
      ...process.env,
      HOST: "127.0.0.1",
      PORT: String(port),
      LABELBRIDGE_TLS: "off",
      LABELBRIDGE_DATA_DIR: mkdtempSync(join(tmpdir(), "lb-npmstart-")),
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  npm.stdout!.on("data", (d: Buffer) => (text += d.toString()));
  npm.stderr!.on("data", (d: Buffer) => (text += d.toString()));
  const exited = new Promise<number | null>((ok) => npm.once("exit", (code) => ok(code)));
  const banner = `Labelbridge backend: http://127.0.0.1:${port}`;
  await new Promise<void>((ok, fail) => {
    const timer = setInterval(() => {
      if (text.includes(banner)) {
        clearInterval(timer);
        ok();
      }
    }, 100);
    void exited.then(() => {
      clearInterval(timer);
      fail(new Error(`npm start exited before serving:\n${text}`));
    });
  });
  return { npm, output: () => text, exited };
}

async function closedWithin(port: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!(await accepts(port))) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

describe("npm start", () => {
  // The first start may have to build (a fresh checkout): up to a few minutes on a busy machine.
  jest.setTimeout(600_000);

  test.each(["SIGTERM", "SIGINT"] as const)(
    "%s to the npm process stops the server: nothing is left on the port",
    async (signal) => {
      const port = await freePort();
      const started = await npmStart(port);
      expect(await accepts(port)).toBe(true);
      started.npm.kill(signal);
      await started.exited;
      expect(await closedWithin(port, 5000)).toBe(true);
    },
  );

  test("a second start does not rebuild anything", async () => {
    const port = await freePort();
    const started = await npmStart(port);
    expect(started.output()).not.toMatch(/labelbridge: building/);
    started.npm.kill("SIGTERM");
    await started.exited;
    expect(await closedWithin(port, 5000)).toBe(true);
  });
});
