/** LABELBRIDGE_GRAPH_* settings: defaults, both credentials, and every bad combination named. */
import { ConfigError, loadConfig } from "../../../src/server/config";

const base = { LABELBRIDGE_AUTH: "dev", HOST: "127.0.0.1" };
const app = { ...base, LABELBRIDGE_GRAPH_CLIENT_ID: "3d2f5a1c-7b4e-4c1a-9f0e-8a7b6c5d4e3f" };

describe("Graph settings", () => {
  test("no client id: no Graph", () => {
    expect(loadConfig(base).graph).toBeNull();
  });

  test("a client secret, with Microsoft's endpoints and hourly syncs by default", () => {
    expect(loadConfig({ ...app, LABELBRIDGE_GRAPH_CLIENT_SECRET: "s3cret" }, "/srv").graph).toEqual({
      graphUrl: "https://graph.microsoft.com",
      loginUrl: "https://login.microsoftonline.com",
      clientId: app.LABELBRIDGE_GRAPH_CLIENT_ID,
      credential: { kind: "secret", secret: "s3cret" },
      apiVersion: "beta",
      syncIntervalMinutes: 60,
      groupCacheSeconds: 900,
      groupCacheSize: 10000,
      timeoutMs: 10000,
    });
  });

  test("a certificate and key (relative to the working directory), elsewhere-pointing URLs, v1.0", () => {
    const graph = loadConfig(
      {
        ...app,
        LABELBRIDGE_GRAPH_CERTIFICATE: "certs/app.pem",
        LABELBRIDGE_GRAPH_CERTIFICATE_KEY: "certs/app.key",
        LABELBRIDGE_GRAPH_URL: "https://graph.microsoft.us/",
        LABELBRIDGE_LOGIN_URL: "https://login.microsoftonline.us",
        LABELBRIDGE_GRAPH_API: "v1.0",
        LABELBRIDGE_GRAPH_SYNC_MINUTES: "0",
      },
      "/srv",
    ).graph;
    expect(graph).toMatchObject({
      graphUrl: "https://graph.microsoft.us",
      loginUrl: "https://login.microsoftonline.us",
      credential: {
        kind: "certificate",
        certificateFile: "/srv/certs/app.pem",
        keyFile: "/srv/certs/app.key",
      },
      apiVersion: "v1.0",
      syncIntervalMinutes: 0,
    });
  });

  test.each([
    [{ ...app }, "LABELBRIDGE_GRAPH_CLIENT_ID needs a credential"],
    [
      { ...app, LABELBRIDGE_GRAPH_CLIENT_SECRET: "s", LABELBRIDGE_GRAPH_CERTIFICATE: "c" },
      "give one credential, not both",
    ],
    [
      { ...app, LABELBRIDGE_GRAPH_CERTIFICATE: "c" },
      "LABELBRIDGE_GRAPH_CERTIFICATE and LABELBRIDGE_GRAPH_CERTIFICATE_KEY go together",
    ],
    [{ ...base, LABELBRIDGE_GRAPH_CLIENT_SECRET: "s" }, "without LABELBRIDGE_GRAPH_CLIENT_ID"],
    [
      { ...app, LABELBRIDGE_GRAPH_CLIENT_SECRET: "s", LABELBRIDGE_GRAPH_API: "v2" },
      "LABELBRIDGE_GRAPH_API=v2: must be beta or v1.0",
    ],
    [
      { ...app, LABELBRIDGE_GRAPH_CLIENT_SECRET: "s", LABELBRIDGE_GRAPH_URL: "ftp://x" },
      "LABELBRIDGE_GRAPH_URL: 'ftp://x' is not an http(s) URL",
    ],
    [
      { ...app, LABELBRIDGE_GRAPH_CLIENT_SECRET: "s", LABELBRIDGE_GRAPH_SYNC_MINUTES: "-5" },
      "LABELBRIDGE_GRAPH_SYNC_MINUTES=-5: must be a whole number",
    ],
  ])("refused: %j", (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
