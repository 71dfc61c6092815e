/** `labelbridge scanner` on the command line: what it refuses before starting, and a refused token. */
import { main } from "../../../src/cli/main";
import { sqliteEngine } from "../../server/support/engines";
import { type Backend, startBackend } from "../../server/scanJobs/support";

let b: Backend;
let stderr: string;
let spy: jest.SpyInstance;

beforeAll(async () => {
  b = await startBackend(sqliteEngine);
});
afterAll(async () => b?.close());

beforeEach(() => {
  stderr = "";
  spy = jest.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  delete process.env.LABELBRIDGE_TOKEN;
  process.exitCode = undefined;
});
afterEach(() => {
  spy.mockRestore();
  process.exitCode = undefined;
});

test("a node name the backend would refuse is a usage error (exit 2), before anything is sent", async () => {
  expect(await main(["scanner", "--server", b.server.url, "--node", "fs scan/01", "--token", "t"])).toBe(2);
  expect(stderr).toMatch(/--node "fs scan\/01": letters, digits/);
});

test("without --token or LABELBRIDGE_TOKEN: exit 2, saying where the token comes from", async () => {
  expect(await main(["scanner", "--server", b.server.url, "--node", "fs-01"])).toBe(2);
  expect(stderr).toMatch(/--token TOKEN or the LABELBRIDGE_TOKEN environment variable/);
});

test("a token the backend refuses: exit 1 with the status and the hint", async () => {
  expect(await main(["scanner", "--server", b.server.url, "--node", "fs-01", "--token", "not.a.jwt"])).toBe(
    1,
  );
  expect(stderr).toMatch(
    /POST http:\/\/127\.0\.0\.1:\d+\/api\/v1\/scanner\/nodes answered 401 \(the token was refused/,
  );
});

test("a user token without the scanner role: exit 1, naming the role", async () => {
  expect(await main(["scanner", "--server", b.server.url, "--node", "fs-01", "--token", b.user])).toBe(1);
  expect(stderr).toMatch(/answered 403 .*'Labelbridge\.Scanner'/);
});
