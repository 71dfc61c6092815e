/**
 * `"engines": {"node": ...}` is a promise: every package the lock file installs must run on the
 * oldest Node it admits, or `npm ci` warns EBADENGINE (cookie 2 wants Node 22; it reached us through
 * Fastify's light-my-request, pinned back to cookie 1 by an `overrides` entry). The pinned cookie
 * must still do what light-my-request asks of it: `inject({cookies})` sends a Cookie header.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Fastify from "fastify";

interface Semver {
  minVersion(range: string): { version: string } | null;
  satisfies(version: string, range: string): boolean;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const semver = require("semver") as Semver;

const root = join(__dirname, "..", "..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8")) as {
  packages: Record<string, { engines?: { node?: string } | string[] }>;
};

describe("Node support", () => {
  const oldest = semver.minVersion(pkg.engines.node)!.version;

  test("the oldest Node our engines admit is a Node 20", () => {
    expect(oldest.startsWith("20.")).toBe(true);
  });

  test("every locked package runs on the oldest Node our engines admit (no EBADENGINE)", () => {
    const refusing = Object.entries(lock.packages)
      .filter(([path]) => path !== "")
      .map(([path, entry]) => [path, Array.isArray(entry.engines) ? undefined : entry.engines?.node])
      .filter(([, range]) => range !== undefined && !semver.satisfies(oldest, range))
      .map(([path, range]) => `${path} wants node ${range}`);
    expect(refusing).toEqual([]);
  });

  test("light-my-request still sends cookies with the cookie version pinned for Node 20", async () => {
    const app = Fastify();
    app.get("/", async (request) => ({ cookie: request.headers.cookie }));
    const res = await app.inject({ method: "GET", url: "/", cookies: { session: "a b", theme: "dark" } });
    expect(res.json()).toEqual({ cookie: "session=a%20b; theme=dark" });
    await app.close();
  });
});
