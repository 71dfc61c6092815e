/**
 * App-only tokens for Graph: the OAuth 2.0 client credentials grant at
 * `{login}/{tenant}/oauth2/v2.0/token`, scope `{graph}/.default`, authenticated by a client secret
 * or by a client assertion — a JWT signed with the certificate's key (PS256, header `x5t#S256` =
 * the certificate's SHA-256 thumbprint; claims aud = the token endpoint, iss = sub = client id, jti,
 * nbf, iat, exp). Tokens are kept per tenant until a minute before they expire.
 */
import { createHash, createPrivateKey, randomUUID, X509Certificate, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import { SignJWT } from "jose";
import type { GraphConfig } from "./config";
import { GraphError, graphErrorText } from "./errors";

export type FetchLike = typeof fetch;

interface Signer {
  key: KeyObject;
  thumbprint: string;
}

function loadSigner(certificateFile: string, keyFile: string): Signer {
  let cert: X509Certificate;
  let key: KeyObject;
  try {
    cert = new X509Certificate(readFileSync(certificateFile));
  } catch (err) {
    throw new Error(`LABELBRIDGE_GRAPH_CERTIFICATE ${certificateFile}: ${(err as Error).message}`);
  }
  try {
    key = createPrivateKey(readFileSync(keyFile));
  } catch (err) {
    throw new Error(`LABELBRIDGE_GRAPH_CERTIFICATE_KEY ${keyFile}: ${(err as Error).message}`);
  }
  if (!cert.checkPrivateKey(key))
    throw new Error(`LABELBRIDGE_GRAPH_CERTIFICATE_KEY ${keyFile} is not the key of ${certificateFile}`);
  return { key, thumbprint: createHash("sha256").update(cert.raw).digest("base64url") };
}

export class GraphTokenProvider {
  private readonly tokens = new Map<string, { token: string; until: number }>();
  private readonly pending = new Map<string, Promise<string>>();
  private readonly signer: Signer | null;

  constructor(
    private readonly config: GraphConfig,
    private readonly fetchImpl: FetchLike = fetch,
    private readonly now: () => number = Date.now,
  ) {
    const c = config.credential;
    this.signer = c.kind === "certificate" ? loadSigner(c.certificateFile, c.keyFile) : null;
  }

  tokenUrl(tenantId: string): string {
    return `${this.config.loginUrl}/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`;
  }

  /** A valid token for the tenant; `fresh` skips the cached one (Graph said it expired). */
  token(tenantId: string, fresh = false): Promise<string> {
    const cached = this.tokens.get(tenantId);
    if (!fresh && cached && cached.until > this.now()) return Promise.resolve(cached.token);
    if (fresh) this.tokens.delete(tenantId);
    let pending = this.pending.get(tenantId);
    if (!pending) {
      pending = this.request(tenantId).finally(() => this.pending.delete(tenantId));
      this.pending.set(tenantId, pending);
    }
    return pending;
  }

  private async assertion(tenantId: string): Promise<string> {
    const signer = this.signer!;
    const now = Math.floor(this.now() / 1000);
    return new SignJWT({})
      .setProtectedHeader({ alg: "PS256", typ: "JWT", "x5t#S256": signer.thumbprint })
      .setAudience(this.tokenUrl(tenantId))
      .setIssuer(this.config.clientId)
      .setSubject(this.config.clientId)
      .setJti(randomUUID())
      .setNotBefore(now)
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .sign(signer.key);
  }

  private async request(tenantId: string): Promise<string> {
    const form = new URLSearchParams({
      client_id: this.config.clientId,
      scope: `${new URL(this.config.graphUrl).origin}/.default`,
      grant_type: "client_credentials",
    });
    const c = this.config.credential;
    if (c.kind === "secret") form.set("client_secret", c.secret);
    else {
      form.set("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
      form.set("client_assertion", await this.assertion(tenantId));
    }
    const url = this.tokenUrl(tenantId);
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: form.toString(),
        signal: AbortSignal.timeout(this.config.timeoutMs),
      });
    } catch (err) {
      throw new GraphError(
        "unreachable",
        `the token endpoint ${url} did not answer: ${(err as Error).message}`,
      );
    }
    const body = (await response.json().catch(() => null)) as {
      access_token?: unknown;
      expires_in?: unknown;
    } | null;
    if (!response.ok || typeof body?.access_token !== "string")
      throw new GraphError(
        response.status >= 500 ? "unreachable" : "token",
        `the token endpoint refused the app (HTTP ${response.status}${body ? `: ${graphErrorText(body)}` : ""}); check LABELBRIDGE_GRAPH_CLIENT_ID, its credential and the tenant's admin consent`,
        response.status,
      );
    const seconds = Number(body.expires_in);
    const lifetime = Number.isFinite(seconds) && seconds > 0 ? seconds : 3600;
    this.tokens.set(tenantId, {
      token: body.access_token,
      until: this.now() + Math.max(0, lifetime - 60) * 1000,
    });
    return body.access_token;
  }
}
