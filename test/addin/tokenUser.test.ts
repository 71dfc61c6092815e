/**
 * Who is signed in, from a token's claims: one parser for the task pane and the event handlers,
 * including the JavaScript-only runtime (no atob or TextDecoder there).
 */
import { signedInUser, userFromToken } from "../../src/addin/ports/tokenUser";
import { devTokenProvider, firstToken, ssoTokenProvider } from "../../src/addin/ports/tokens";
import { memoryStore } from "../../src/addin/ports/storage";

const token = (claims: object) =>
  `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.sig`;

describe("userFromToken", () => {
  it("reads name and principal name, non-ASCII names too", () => {
    expect(userFromToken(token({ name: "Zoë Dupré", preferred_username: "zoe@contoso.com" }))).toEqual({
      name: "Zoë Dupré",
      principalName: "zoe@contoso.com",
    });
    expect(userFromToken(token({ name: "李 小龍", upn: "li@contoso.com", tid: "t" }))).toEqual({
      name: "李 小龍",
      principalName: "li@contoso.com",
    });
  });

  it("takes the principal name from upn, email, unique_name or oid when preferred_username is absent", () => {
    expect(userFromToken(token({ name: "A", email: "a@contoso.com" }))?.principalName).toBe("a@contoso.com");
    expect(userFromToken(token({ name: "B", unique_name: "b@contoso.com" }))?.principalName).toBe(
      "b@contoso.com",
    );
    expect(userFromToken(token({ name: "C", oid: "5f0e…" }))?.principalName).toBe("5f0e…");
  });

  it("names the person by their principal name when the token carries no display name (so ${User.Name} is never empty)", () => {
    expect(userFromToken(token({ preferred_username: "sam@contoso.com" }))).toEqual({
      name: "sam@contoso.com",
      principalName: "sam@contoso.com",
    });
  });

  it("reads standard base64 with padding as well as base64url", () => {
    const payload = Buffer.from(JSON.stringify({ name: "Ünïcødé ?>", upn: "u@contoso.com" })).toString(
      "base64",
    );
    expect(payload).toMatch(/[+/=]/);
    expect(userFromToken(`h.${payload}.s`)).toEqual({ name: "Ünïcødé ?>", principalName: "u@contoso.com" });
  });

  it("refuses what is not a token naming someone", () => {
    expect(userFromToken(null)).toBeNull();
    expect(userFromToken("")).toBeNull();
    expect(userFromToken("garbage")).toBeNull();
    expect(userFromToken("a.b")).toBeNull();
    expect(userFromToken("a.!!!.c")).toBeNull();
    expect(userFromToken(`a.${Buffer.from("not json").toString("base64url")}.c`)).toBeNull();
    expect(userFromToken(`a.${Buffer.from("42").toString("base64url")}.c`)).toBeNull();
    expect(userFromToken(token({ name: "No id" }))).toBeNull();
  });
});

describe("signedInUser", () => {
  const dev = token({ name: "Dev Person", preferred_username: "dev@contoso.com" });
  const sso = token({ name: "Priya Shah", preferred_username: "priya@contoso.com", scp: "access_as_user" });

  it("under SSO names the person from the token Office gives, silently, ahead of a development token", async () => {
    const asked: unknown[] = [];
    const tokens = firstToken([
      ssoTokenProvider(async (options) => {
        asked.push(options);
        return sso;
      }),
      devTokenProvider(memoryStore({ "labelbridge.devToken": dev })),
    ]);
    await expect(signedInUser(tokens)).resolves.toEqual({
      name: "Priya Shah",
      principalName: "priya@contoso.com",
    });
    expect(asked).toEqual([{ allowSignInPrompt: false, allowConsentPrompt: false, forMSGraphAccess: false }]);
  });

  it("falls back to the development token when SSO fails, and is null without any token", async () => {
    const failing = ssoTokenProvider(async () => {
      throw Object.assign(new Error("consent required"), { code: 13012 });
    });
    await expect(
      signedInUser(firstToken([failing, devTokenProvider(memoryStore({ "labelbridge.devToken": dev }))])),
    ).resolves.toEqual({ name: "Dev Person", principalName: "dev@contoso.com" });
    await expect(signedInUser(firstToken([failing, devTokenProvider(memoryStore())]))).resolves.toBeNull();
  });
});
