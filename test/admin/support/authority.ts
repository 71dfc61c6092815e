/**
 * A stand-in for the Microsoft identity platform's authorize and token endpoints (v2.0), on loopback:
 * /authorize answers at once with a code (or an error) in the redirect URI's fragment; /token redeems
 * the code only with the PKCE verifier that matches the challenge, for the same client and redirect
 * URI, and returns an Entra-shaped access token signed with the JWKS it also serves. CORS like Entra's
 * SPA endpoints.
 */
import { createHash, randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { entraToken, signingKey, type EntraClaims } from "../../server/support/entra";

export interface FakeAuthority {
  /** LABELBRIDGE_ADMIN_AUTHORITY: http://127.0.0.1:port/<tenant>. */
  authority: string;
  jwksTemplate: string;
  /** The next /authorize answers with this error instead of a code. */
  failNext: { error: string; description: string } | null;
  authorizeRequests: URLSearchParams[];
  tokenRequests: URLSearchParams[];
  close(): Promise<void>;
}

const b64url = (buf: Buffer) =>
  buf.toString("base64").replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

export async function startFakeAuthority(
  tenant: string,
  claims: Omit<EntraClaims, "tid">,
): Promise<FakeAuthority> {
  const key = await signingKey("authority-key");
  const codes = new Map<string, { challenge: string; clientId: string; redirectUri: string }>();
  const state: Omit<FakeAuthority, "authority" | "jwksTemplate" | "close"> = {
    failNext: null,
    authorizeRequests: [],
    tokenRequests: [],
  };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const cors = { "access-control-allow-origin": req.headers.origin ?? "*", vary: "Origin" };
    if (req.method === "OPTIONS") {
      res
        .writeHead(204, {
          ...cors,
          "access-control-allow-headers": "content-type",
          "access-control-allow-methods": "POST",
        })
        .end();
      return;
    }
    if (url.pathname === `/${tenant}/discovery/v2.0/keys`) {
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ keys: [key.publicJwk] }));
      return;
    }
    if (url.pathname === `/${tenant}/oauth2/v2.0/authorize`) {
      const q = url.searchParams;
      state.authorizeRequests.push(q);
      const back = new URL(q.get("redirect_uri")!);
      const answer = new URLSearchParams({ state: q.get("state") ?? "" });
      if (state.failNext) {
        answer.set("error", state.failNext.error);
        answer.set("error_description", state.failNext.description);
        state.failNext = null;
      } else {
        const code = b64url(randomBytes(24));
        codes.set(code, {
          challenge: q.get("code_challenge")!,
          clientId: q.get("client_id")!,
          redirectUri: q.get("redirect_uri")!,
        });
        answer.set("code", code);
      }
      res.writeHead(302, { location: `${back.origin}${back.pathname}#${answer}` }).end();
      return;
    }
    if (url.pathname === `/${tenant}/oauth2/v2.0/token` && req.method === "POST") {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        void (async () => {
          const q = new URLSearchParams(body);
          state.tokenRequests.push(q);
          const grant = codes.get(q.get("code") ?? "");
          codes.delete(q.get("code") ?? "");
          const verifier = q.get("code_verifier") ?? "";
          const ok =
            grant !== undefined &&
            q.get("grant_type") === "authorization_code" &&
            q.get("client_id") === grant.clientId &&
            q.get("redirect_uri") === grant.redirectUri &&
            b64url(createHash("sha256").update(verifier).digest()) === grant.challenge;
          if (!ok) {
            res.writeHead(400, { ...cors, "content-type": "application/json" }).end(
              JSON.stringify({
                error: "invalid_grant",
                error_description: "AADSTS50148: the code_verifier does not match",
              }),
            );
            return;
          }
          const access = await entraToken(key, { ...claims, tid: tenant });
          res
            .writeHead(200, { ...cors, "content-type": "application/json" })
            .end(JSON.stringify({ token_type: "Bearer", expires_in: 3600, access_token: access }));
        })();
      });
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const fake = state as FakeAuthority;
  fake.authority = `http://127.0.0.1:${port}/${tenant}`;
  fake.jwksTemplate = `http://127.0.0.1:${port}/{tid}/discovery/v2.0/keys`;
  fake.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return fake;
}
