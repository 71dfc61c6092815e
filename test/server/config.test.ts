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
      "LABELBRIDGE_AUTH=dev accepts tokens anyone with ./data can mint, so it only listens on loopback",
    ],
  ])("%j is refused", (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
