/** `labelbridge token` prints a token the development server accepts, with the claims asked for. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeJwt } from "jose";
import { DEVELOPMENT_SITE_ID } from "../../src/core/policy";
import { main } from "../../src/cli/main";
import { createDevVerifier, devUserId, loadOrCreateDevKey } from "../../src/server/auth/dev";
import { loadConfig } from "../../src/server/config";

async function run(args: string[]): Promise<{ code: number; out: string }> {
  let out = "";
  const spy = jest.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    return { code: await main(args), out };
  } finally {
    spy.mockRestore();
  }
}

test("token --user --groups --admin: a development token the server verifies", async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "lb-token-"));
  const { code, out } = await run([
    "token",
    "--user",
    "dana@contoso.com",
    "--groups",
    "g1, g2",
    "--admin",
    "--data-dir",
    dataDir,
  ]);
  expect(code).toBe(0);
  const token = out.trim();
  expect(decodeJwt(token)).toMatchObject({
    tid: DEVELOPMENT_SITE_ID,
    oid: devUserId(DEVELOPMENT_SITE_ID, "dana@contoso.com"),
    preferred_username: "dana@contoso.com",
    groups: ["g1", "g2"],
    roles: ["Labelbridge.Admin"],
    scp: "access_as_user",
  });
  const config = loadConfig({ HOST: "127.0.0.1", LABELBRIDGE_DATA_DIR: dataDir });
  const principal = await createDevVerifier(config.auth, await loadOrCreateDevKey(dataDir)).verify(token);
  expect(principal).toMatchObject({
    tenantId: DEVELOPMENT_SITE_ID,
    isAdmin: true,
    groups: ["g1", "g2"],
    upn: "dana@contoso.com",
  });
});

test("a bad tenant or lifetime is a clear failure", async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "lb-token-"));
  const errors: string[] = [];
  const spy = jest.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    errors.push(String(chunk));
    return true;
  });
  try {
    expect((await run(["token", "--user", "x@y.z", "--tenant", "contoso", "--data-dir", dataDir])).code).toBe(
      1,
    );
    expect((await run(["token", "--user", "x@y.z", "--hours", "0", "--data-dir", dataDir])).code).toBe(1);
  } finally {
    spy.mockRestore();
  }
  expect(errors.join("")).toContain("--tenant: 'contoso' is not a tenant id (GUID)");
  expect(errors.join("")).toContain("--hours must be a number of hours from 0 to 720");
});
