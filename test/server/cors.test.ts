/**
 * CORS answered by the app's one onRequest hook (app.ts, cors.ts): an allowed page can read the
 * API's 404 as it reads any other answer, and another origin gets no Access-Control-* header.
 */
import { startDevServer, type DevTestServer } from "./support/server";

let server: DevTestServer;
beforeAll(async () => {
  server = await startDevServer();
});
afterAll(() => server.close());

test("a 404 under /api/v1 carries CORS headers for an allowed origin only", async () => {
  const allowed = await fetch(`${server.url}/api/v1/no-such-route`, {
    headers: { origin: server.config.publicUrl },
  });
  expect(allowed.status).toBe(404);
  expect(allowed.headers.get("access-control-allow-origin")).toBe(server.config.publicUrl);
  expect(allowed.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(await allowed.text()).toContain("/api/v1/no-such-route is not here");

  const other = await fetch(`${server.url}/api/v1/no-such-route`, {
    headers: { origin: "https://evil.example" },
  });
  expect(other.status).toBe(404);
  expect(other.headers.get("access-control-allow-origin")).toBeNull();
});
