/** Configuration: defaults for `npm start`, and every bad value refused with the variable's name. */
import { DEVELOPMENT_SITE_ID } from "../../src/core/policy";
import { ConfigError, loadConfig } from "../../src/server/config";

describe("loadConfig", () => {
  test("a fresh clone: development auth on https://localhost:3000, SQLite under ./data, dev certificates", () => {
    const config = loadConfig({}, "/srv/labelbridge");
    expect(config).toMatchObject({
      host: "localhost",
      port: 3000,
      publicUrl: "https://localhost:3000",
      tls: "dev-certs",
      dataDir: "/srv/labelbridge/data",
      staticDir: "/srv/labelbridge/dist",
      databaseUrl: undefined,
      bodyLimitBytes: 1048576,
      rateLimit: { max: 600, windowMs: 60000 },
      auth: {
        mode: "dev",
        clientId: "labelbridge-dev",
        tenants: [DEVELOPMENT_SITE_ID],
        adminRole: "Labelbridge.Admin",
      },
    });
  });

  test("production: Entra with a client id and tenants, behind a proxy, PostgreSQL", () => {
    const config = loadConfig({
      HOST: "0.0.0.0",
      PORT: "8080",
      LABELBRIDGE_CLIENT_ID: "6f1c3c1e-3c0f-4f5e-9b0a-1f2e3d4c5b6a",
      LABELBRIDGE_TENANTS: "{72F988BF-86F1-41AF-91AB-2D7CD011DB47}, 0d814d60-469d-470c-8cb0-58434e2bf457",
      LABELBRIDGE_TLS: "off",
      LABELBRIDGE_TRUST_PROXY: "true",
      LABELBRIDGE_PUBLIC_URL: "https://labels.example.com/",
      DATABASE_URL: "postgres://lb:secret@db:5432/labelbridge",
    });
    expect(config.auth).toMatchObject({
      mode: "entra",
      tenants: ["72f988bf-86f1-41af-91ab-2d7cd011db47", "0d814d60-469d-470c-8cb0-58434e2bf457"],
      jwksUrlTemplate: "https://login.microsoftonline.com/{tid}/discovery/v2.0/keys",
    });
    expect(config.tls).toBeNull();
    expect(config.trustProxy).toBe(true);
    expect(config.publicUrl).toBe("https://labels.example.com");
  });

  test.each([
    [{ PORT: "http" }, "PORT=http: must be a whole number from 0 to 65535"],
    [{ LABELBRIDGE_AUTH: "saml" }, "LABELBRIDGE_AUTH=saml: must be entra or dev"],
    [{ LABELBRIDGE_AUTH: "entra" }, "LABELBRIDGE_AUTH=entra needs LABELBRIDGE_CLIENT_ID"],
    [{ LABELBRIDGE_CLIENT_ID: "abc" }, "LABELBRIDGE_TENANTS: list the tenant ids"],
    [
      { LABELBRIDGE_CLIENT_ID: "abc", LABELBRIDGE_TENANTS: "contoso.com" },
      "LABELBRIDGE_TENANTS: 'contoso.com' is not a tenant id (GUID)",
    ],
    [{ LABELBRIDGE_TLS_CERT: "cert.pem" }, "LABELBRIDGE_TLS_CERT and LABELBRIDGE_TLS_KEY go together"],
    [{ LABELBRIDGE_TLS: "maybe" }, "LABELBRIDGE_TLS=maybe: must be off or dev-certs"],
    [
      { LABELBRIDGE_ALLOWED_ORIGINS: "ftp://x" },
      "LABELBRIDGE_ALLOWED_ORIGINS: 'ftp://x' is not an http(s) URL",
    ],
    [{ LABELBRIDGE_TRUST_PROXY: "perhaps" }, "LABELBRIDGE_TRUST_PROXY=perhaps: must be true or false"],
    [
      { HOST: "0.0.0.0" },
      "LABELBRIDGE_CLIENT_ID is not set, so the server would use development tokens, which anyone who can read ./data can mint, and the server is configured to be reached from elsewhere: it listens on HOST=0.0.0.0",
    ],
  ])("%j is refused", (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  describe("development tokens are refused whenever the server is configured to be reached from elsewhere", () => {
    const proxied = {
      HOST: "127.0.0.1",
      LABELBRIDGE_TRUST_PROXY: "true",
      LABELBRIDGE_PUBLIC_URL: "https://labels.example.com",
    };

    test("the documented reverse-proxy setup with LABELBRIDGE_AUTH=dev", () => {
      expect(() => loadConfig({ ...proxied, LABELBRIDGE_AUTH: "dev" })).toThrow(
        "LABELBRIDGE_AUTH=dev means development tokens, which anyone who can read ./data can mint, and the server is configured to be reached from elsewhere: " +
          "LABELBRIDGE_TRUST_PROXY=true says a proxy forwards other machines' requests. " +
          "Set LABELBRIDGE_CLIENT_ID and LABELBRIDGE_TENANTS to use Microsoft Entra ID tokens (or, on a test machine only, LABELBRIDGE_ALLOW_DEV_AUTH_REMOTE=I-understand).",
      );
    });

    test.each([
      [{ LABELBRIDGE_TRUST_PROXY: "true" }, "LABELBRIDGE_TRUST_PROXY=true"],
      [
        { LABELBRIDGE_PUBLIC_URL: "https://labels.example.com" },
        "LABELBRIDGE_PUBLIC_URL=https://labels.example.com is not a localhost address",
      ],
      [{ HOST: "192.168.1.10" }, "HOST=192.168.1.10, which is not a loopback address"],
    ])("without LABELBRIDGE_CLIENT_ID, dev is not the silent default: %j", (env, reason) => {
      expect(() => loadConfig(env)).toThrow(ConfigError);
      expect(() => loadConfig(env)).toThrow(
        "LABELBRIDGE_CLIENT_ID is not set, so the server would use development tokens",
      );
      expect(() => loadConfig(env)).toThrow(reason);
    });

    test("only the exact override lets them through, and the config says so (the server logs it)", () => {
      expect(() =>
        loadConfig({ ...proxied, LABELBRIDGE_AUTH: "dev", LABELBRIDGE_ALLOW_DEV_AUTH_REMOTE: "yes" }),
      ).toThrow(ConfigError);
      const config = loadConfig({ ...proxied, LABELBRIDGE_ALLOW_DEV_AUTH_REMOTE: "I-understand" });
      expect(config.auth).toMatchObject({ mode: "dev", devRemoteOverride: true });
    });

    test("local development stays as it was: loopback, localhost public URL, no proxy", () => {
      for (const env of [{}, { HOST: "127.0.0.1", LABELBRIDGE_PUBLIC_URL: "https://localhost:3000" }]) {
        const config = loadConfig(env);
        expect(config.auth).toMatchObject({ mode: "dev", devRemoteOverride: false });
      }
    });
  });
});
