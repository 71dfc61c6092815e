/**
 * The `naa` build setting: what webpack bakes in (webpack.config.js DefinePlugin), what the add-in
 * reads from it (defaultConfig), the scope MSAL asks for (apiScope), and the order the token chain
 * asks its providers in each mode. MSAL itself runs in test/browser/naa.test.ts.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { apiScope, defaultConfig, defaultApiResource } from "../../src/addin/services/config";
import { tokenChain, type TokenProvider, type TokenRequest } from "../../src/addin/ports/tokens";
import { EVENT_BUNDLE_CEILING } from "./outlook/bundleBudget";

const CLIENT_ID = "6f1c3c1e-3c0f-4f5e-9b0a-1f2e3d4c5b6a";
const BUILD_KEYS = [
  "__LABELBRIDGE_AUTH__",
  "__LABELBRIDGE_CLIENT_ID__",
  "__LABELBRIDGE_API_RESOURCE__",
  "__LABELBRIDGE_API_BASE__",
] as const;
const ENV_KEYS = [
  "LABELBRIDGE_ADDIN_AUTH",
  "LABELBRIDGE_AUTH",
  "LABELBRIDGE_CLIENT_ID",
  "LABELBRIDGE_API_RESOURCE",
  "LABELBRIDGE_API_BASE",
];

const g = globalThis as Record<string, unknown>;
const savedEnv = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));

afterEach(() => {
  for (const k of BUILD_KEYS) delete g[k];
  for (const k of ENV_KEYS) {
    if (savedEnv[k] === undefined) delete process.env[k];
    else process.env[k] = savedEnv[k];
  }
});

describe("defaultConfig reads the build's auth settings", () => {
  test("an naa build: mode and client id as built; resource empty means derived", () => {
    // What DefinePlugin puts in place of these identifiers, set as globals for ts-jest.
    g.__LABELBRIDGE_AUTH__ = "naa";
    g.__LABELBRIDGE_CLIENT_ID__ = CLIENT_ID;
    g.__LABELBRIDGE_API_RESOURCE__ = "";
    g.__LABELBRIDGE_API_BASE__ = "https://labels.example.com/";
    const config = defaultConfig();
    expect(config).toMatchObject({
      auth: "naa",
      clientId: CLIENT_ID,
      apiResource: "",
      apiBase: "https://labels.example.com",
    });
    expect(apiScope(config)).toBe(`api://labels.example.com/${CLIENT_ID}/access_as_user`);
  });

  test("sso and dev builds; anything else is dev", () => {
    g.__LABELBRIDGE_AUTH__ = "sso";
    expect(defaultConfig().auth).toBe("sso");
    g.__LABELBRIDGE_AUTH__ = "entra";
    expect(defaultConfig().auth).toBe("dev");
    delete g.__LABELBRIDGE_AUTH__;
    expect(defaultConfig()).toMatchObject({ auth: "dev", clientId: "", apiResource: "" });
  });
});

describe("the API scope MSAL asks for", () => {
  test("api://<host with port>/<client id>/access_as_user, as the manifest's WebApplicationInfo Resource", () => {
    expect(defaultApiResource("https://localhost:3000", CLIENT_ID)).toBe(`api://localhost:3000/${CLIENT_ID}`);
    expect(defaultApiResource("https://apps.example.org/labelbridge", "abc")).toBe(
      "api://apps.example.org/abc",
    );
    expect(apiScope(defaultConfig({ clientId: CLIENT_ID }))).toBe(
      `api://localhost:3000/${CLIENT_ID}/access_as_user`,
    );
  });

  test("a configured resource wins (a trailing slash is not doubled)", () => {
    const config = defaultConfig({ clientId: CLIENT_ID, apiResource: `api://contoso.com/${CLIENT_ID}/` });
    expect(apiScope(config)).toBe(`api://contoso.com/${CLIENT_ID}/access_as_user`);
  });
});

describe("tokenChain: which providers each mode asks, in order", () => {
  function provider(kind: string, answer: string | null, asked: string[]): TokenProvider {
    return {
      kind,
      token: async (request: TokenRequest) => {
        asked.push(`${kind}:${request.interactive ? "interactive" : "silent"}`);
        if (answer === "throw") throw new Error(`${kind} failed`);
        return answer;
      },
    };
  }

  test("naa: NAA, then Office SSO, then the development token", async () => {
    const asked: string[] = [];
    const chain = tokenChain("naa", {
      naa: provider("naa", null, asked),
      sso: provider("sso", "throw", asked),
      dev: [provider("dev", "dev-token", asked)],
    });
    await expect(chain.token({ interactive: true })).resolves.toBe("dev-token");
    expect(asked).toEqual(["naa:interactive", "sso:interactive", "dev:interactive"]);
    expect(chain.kind).toBe("naa+sso+dev");
  });

  test("naa build without an NAA provider (the event handlers): Office SSO, then development tokens", async () => {
    const asked: string[] = [];
    const chain = tokenChain("naa", {
      sso: provider("sso", "sso-token", asked),
      dev: [provider("dev", "dev-token", asked), provider("roaming-dev", null, asked)],
    });
    await expect(chain.token({ interactive: false })).resolves.toBe("sso-token");
    expect(chain.kind).toBe("sso+dev+roaming-dev");
  });

  test("sso ignores an NAA provider; dev asks only the development token", async () => {
    const asked: string[] = [];
    const naa = provider("naa", "naa-token", asked);
    expect(tokenChain("sso", { naa, sso: provider("sso", null, asked), dev: [] }).kind).toBe("sso");
    const dev = tokenChain("dev", { naa, sso: provider("sso", "sso-token", asked), dev: [] });
    await expect(dev.token({ interactive: true })).resolves.toBeNull();
    expect(asked).toEqual([]);
  });
});

describe("webpack.config.js", () => {
  type Configs = Array<{ name: string; plugins: unknown[] }>;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const webpack = require("webpack") as typeof import("webpack");
  const load = (): Configs => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const build = require("../../webpack.config.js") as (env: unknown, argv: unknown) => Configs;
    return build({}, { mode: "production" });
  };
  const defines = (config: Configs[number]) =>
    (
      config.plugins.find((p) => p instanceof webpack.DefinePlugin) as InstanceType<
        typeof webpack.DefinePlugin
      >
    ).definitions;

  test("LABELBRIDGE_ADDIN_AUTH=naa without LABELBRIDGE_CLIENT_ID stops the build; an unknown mode too", () => {
    process.env.LABELBRIDGE_ADDIN_AUTH = "naa";
    delete process.env.LABELBRIDGE_CLIENT_ID;
    expect(load).toThrow("LABELBRIDGE_ADDIN_AUTH=naa needs LABELBRIDGE_CLIENT_ID");
    process.env.LABELBRIDGE_ADDIN_AUTH = "entra";
    expect(load).toThrow("LABELBRIDGE_ADDIN_AUTH=entra: must be dev, sso or naa");
  });

  test("unset, the add-in follows the server's auth: Entra ID settings build Office SSO, dev builds dev", () => {
    const built = () => defines(load()[0]).__LABELBRIDGE_AUTH__;
    for (const k of ENV_KEYS) delete process.env[k];
    process.env.LABELBRIDGE_AUTH = "entra";
    expect(built()).toBe('"sso"');
    process.env.LABELBRIDGE_AUTH = "dev";
    process.env.LABELBRIDGE_CLIENT_ID = CLIENT_ID;
    expect(built()).toBe('"dev"');
    delete process.env.LABELBRIDGE_AUTH; // a client id alone makes the server use Entra ID
    expect(built()).toBe('"sso"');
    process.env.LABELBRIDGE_ADDIN_AUTH = "dev"; // an explicit add-in setting wins
    expect(built()).toBe('"dev"');
  });

  test("an naa build bakes the mode, client id and resource into the pane and both event bundles", () => {
    process.env.LABELBRIDGE_ADDIN_AUTH = "naa";
    process.env.LABELBRIDGE_AUTH = "entra";
    process.env.LABELBRIDGE_CLIENT_ID = ` ${CLIENT_ID} `;
    process.env.LABELBRIDGE_API_RESOURCE = "api://labels.example.com/x";
    const configs = load();
    expect(configs.map((c) => c.name)).toEqual(["taskpane", "events", "document-events"]);
    for (const config of configs)
      expect(defines(config)).toMatchObject({
        __LABELBRIDGE_AUTH__: '"naa"',
        __LABELBRIDGE_CLIENT_ID__: JSON.stringify(CLIENT_ID),
        __LABELBRIDGE_API_RESOURCE__: '"api://labels.example.com/x"',
      });
  });

  test("no setting: dev, no client id", () => {
    for (const k of ENV_KEYS) delete process.env[k];
    expect(defines(load()[0])).toMatchObject({
      __LABELBRIDGE_AUTH__: '"dev"',
      __LABELBRIDGE_CLIENT_ID__: '""',
      __LABELBRIDGE_API_RESOURCE__: '""',
    });
  });

  test("an naa build's event bundles carry no MSAL (Office SSO only) and stay under the event bundle ceiling", async () => {
    process.env.LABELBRIDGE_ADDIN_AUTH = "naa";
    process.env.LABELBRIDGE_CLIENT_ID = CLIENT_ID;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const config = require("../../webpack.config.js") as Record<
      "eventsConfig" | "documentEventsConfig",
      (o: { outputPath: string }) => import("webpack").Configuration
    >;
    const out = mkdtempSync(join(tmpdir(), "lb-naa-events-"));
    await new Promise<void>((done, fail) =>
      webpack(
        [config.eventsConfig({ outputPath: out }), config.documentEventsConfig({ outputPath: out })],
        (e, st) => (e || !st || st.hasErrors() ? fail(e ?? new Error(st?.toString("errors-only"))) : done()),
      ),
    );
    for (const file of ["events/launchevent.js", "document-events.js"]) {
      const code = readFileSync(join(out, file));
      expect(code.includes(CLIENT_ID)).toBe(true); // it is the naa build
      expect(code.includes("msal.js.browser")).toBe(false);
      expect(code.includes("nestedAppAuthBridge")).toBe(false);
      expect(gzipSync(code, { level: 9 }).length).toBeLessThanOrEqual(EVENT_BUNDLE_CEILING);
    }
  }, 120_000);
});
