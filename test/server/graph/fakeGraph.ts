/**
 * A stand-in for Microsoft Graph and the Entra token endpoint on one loopback HTTP server, speaking
 * the documented shapes: the client credentials grant (secret or certificate-signed assertion,
 * verified here), collections in pages joined by `@odata.nextLink`, Graph's error body
 * `{error: {code, message}}`, 401 for an expired token, 429 with `Retry-After`, and "down"
 * (connections dropped).
 */
import { createHash, randomUUID, X509Certificate, type KeyObject } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { jwtVerify, decodeProtectedHeader } from "jose";

export const FIXTURES = join(__dirname, "../../fixtures/graph");
export const fixture = (name: string) => JSON.parse(readFileSync(join(FIXTURES, name), "utf8"));
export const APP_ID = "3d2f5a1c-7b4e-4c1a-9f0e-8a7b6c5d4e3f";
export const APP_SECRET = "fake~secret.value-1234";

export interface Tenant {
  labels: unknown[];
  /** v1.0 list (served under /v1.0/security/dataSecurityAndGovernance). */
  labelsV1?: unknown[];
  settings?: unknown | null;
  users?: Record<string, { labels: unknown[]; settings?: unknown }>;
  /** oid → group ids (transitiveMemberOf). */
  groups?: Record<string, string[]>;
}

export interface FakeGraph {
  url: string;
  tenants: Map<string, Tenant>;
  /** Every request: method, path with query, and selected headers. */
  requests: Array<{ method: string; path: string; consistencyLevel?: string }>;
  tokenRequests: number;
  pageSize: number;
  /** The next n Graph requests answer 429 with this Retry-After. */
  throttle(n: number, retryAfter: string): void;
  /** Tokens issued so far stop working (Graph answers 401). */
  expireTokens(): void;
  /** Drop every connection until set back. */
  down: boolean;
  /** Answers a Graph path with this instead (after the token check), when it returns something. */
  override:
    | ((path: string) => { status: number; body: unknown; headers?: Record<string, string> } | undefined)
    | null;
  /** Certificate credential: the public key assertions must be signed with. */
  trustCertificate(pem: string): void;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
}

const graphError = (code: string, message: string) => ({
  error: { code, message, innerError: { date: new Date().toISOString(), "request-id": randomUUID() } },
});

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function startFakeGraph(): Promise<FakeGraph> {
  const tokens = new Map<string, string>(); // token → tenant
  let throttled = 0;
  let retryAfter = "1";
  let certificate: { key: KeyObject; thumbprint: string } | null = null;
  const sockets = new Set<Socket>();

  const fake: FakeGraph = {
    url: "",
    tenants: new Map(),
    requests: [],
    tokenRequests: 0,
    pageSize: 100,
    throttle: (n, after) => {
      throttled = n;
      retryAfter = after;
    },
    expireTokens: () => tokens.clear(),
    down: false,
    override: null,
    trustCertificate: (pem) => {
      const cert = new X509Certificate(pem);
      certificate = {
        key: cert.publicKey,
        thumbprint: createHash("sha256").update(cert.raw).digest("base64url"),
      };
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };

  async function token(req: IncomingMessage, res: ServerResponse, tenantId: string) {
    fake.tokenRequests++;
    const form = new URLSearchParams(await readBody(req));
    const invalid = (description: string) =>
      send(res, 401, { error: "invalid_client", error_description: description, error_codes: [7000215] });
    if (form.get("grant_type") !== "client_credentials")
      return send(res, 400, { error: "unsupported_grant_type", error_description: "AADSTS70003" });
    if (form.get("client_id") !== APP_ID)
      return send(res, 400, {
        error: "unauthorized_client",
        error_description: "AADSTS700016: Application not found",
      });
    if (form.get("scope") !== `${fake.url}/.default`)
      return send(res, 400, {
        error: "invalid_scope",
        error_description: `AADSTS70011: ${form.get("scope")}`,
      });
    const assertion = form.get("client_assertion");
    if (assertion !== null) {
      if (!certificate) return invalid("AADSTS700027: no certificate registered");
      const header = decodeProtectedHeader(assertion);
      if (header["x5t#S256"] !== certificate.thumbprint) return invalid("AADSTS700027: unknown thumbprint");
      try {
        await jwtVerify(assertion, certificate.key, {
          algorithms: ["PS256"],
          audience: `${fake.url}/${tenantId}/oauth2/v2.0/token`,
          issuer: APP_ID,
          subject: APP_ID,
          requiredClaims: ["jti", "exp", "nbf", "iat"],
        });
      } catch (err) {
        return invalid(`AADSTS700027: ${(err as Error).message}`);
      }
    } else if (form.get("client_secret") !== APP_SECRET)
      return invalid("AADSTS7000215: Invalid client secret provided.");
    const issued = `tok-${randomUUID()}`;
    tokens.set(issued, tenantId);
    send(res, 200, { token_type: "Bearer", expires_in: 3599, ext_expires_in: 3599, access_token: issued });
  }

  function page(res: ServerResponse, path: string, query: URLSearchParams, items: unknown[]) {
    const skip = Number(query.get("$skiptoken") ?? "0");
    const size = Math.min(fake.pageSize, Number(query.get("$top") ?? fake.pageSize));
    const body: Record<string, unknown> = {
      "@odata.context": `${fake.url}/$metadata#collection`,
      value: items.slice(skip, skip + size),
    };
    if (skip + size < items.length) {
      const next = new URLSearchParams(query);
      next.set("$skiptoken", String(skip + size));
      body["@odata.nextLink"] = `${fake.url}${path}?${next.toString()}`;
    }
    send(res, 200, body);
  }

  function graph(req: IncomingMessage, res: ServerResponse, url: URL) {
    const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? "");
    const tenantId = auth ? tokens.get(auth[1]) : undefined;
    if (!tenantId)
      return send(
        res,
        401,
        graphError("InvalidAuthenticationToken", "Access token has expired or is not yet valid."),
      );
    if (throttled > 0) {
      throttled--;
      return send(res, 429, graphError("TooManyRequests", "Too many requests"), {
        "retry-after": retryAfter,
      });
    }
    const forced = fake.override?.(`${url.pathname}${url.search}`);
    if (forced) return send(res, forced.status, forced.body, forced.headers);
    const tenant = fake.tenants.get(tenantId);
    if (!tenant) return send(res, 404, graphError("ResourceNotFound", `no tenant ${tenantId}`));
    const p = url.pathname;
    const ip = "/security/informationProtection";
    let m: RegExpExecArray | null;
    if (p === `/beta${ip}/sensitivityLabels`) return page(res, p, url.searchParams, tenant.labels);
    if (p === `/beta${ip}/labelPolicySettings`)
      return tenant.settings
        ? send(res, 200, tenant.settings)
        : send(res, 404, graphError("itemNotFound", "no label policy"));
    if (p === "/v1.0/security/dataSecurityAndGovernance/sensitivityLabels")
      return page(res, p, url.searchParams, tenant.labelsV1 ?? []);
    if (
      (m =
        /^\/beta\/users\/([^/]+)\/security\/informationProtection\/(sensitivityLabels|labelPolicySettings)$/.exec(
          p,
        ))
    ) {
      const user = tenant.users?.[decodeURIComponent(m[1])];
      if (!user) return send(res, 404, graphError("Request_ResourceNotFound", `user ${m[1]} does not exist`));
      return m[2] === "sensitivityLabels"
        ? page(res, p, url.searchParams, user.labels)
        : send(res, 200, user.settings);
    }
    if ((m = /^\/v1\.0\/users\/([^/]+)\/transitiveMemberOf\/microsoft\.graph\.group$/.exec(p))) {
      if (req.headers.consistencylevel !== "eventual")
        return send(
          res,
          400,
          graphError("Request_UnsupportedQuery", "OData cast needs ConsistencyLevel: eventual"),
        );
      const groups = tenant.groups?.[m[1]];
      if (!groups)
        return send(res, 404, graphError("Request_ResourceNotFound", `user ${m[1]} does not exist`));
      return page(
        res,
        p,
        url.searchParams,
        groups.map((id) => ({ id })),
      );
    }
    send(res, 404, graphError("BadRequest", `Resource not found for the segment '${p}'.`));
  }

  const server: Server = createServer((req, res) => {
    if (fake.down) {
      req.socket.destroy();
      return;
    }
    const url = new URL(req.url ?? "/", fake.url);
    fake.requests.push({
      method: req.method ?? "GET",
      path: `${url.pathname}${url.search}`,
      consistencyLevel: req.headers.consistencylevel as string | undefined,
    });
    const t = /^\/([0-9a-f-]{36})\/oauth2\/v2\.0\/token$/.exec(url.pathname);
    if (t && req.method === "POST") void token(req, res, t[1]);
    else graph(req, res, url);
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

/** The server settings that point the backend at the fake (Graph and login on the same server). */
export function graphEnv(fake: FakeGraph, extra: Record<string, string> = {}): Record<string, string> {
  return {
    LABELBRIDGE_GRAPH_URL: fake.url,
    LABELBRIDGE_LOGIN_URL: fake.url,
    LABELBRIDGE_GRAPH_CLIENT_ID: APP_ID,
    LABELBRIDGE_GRAPH_CLIENT_SECRET: APP_SECRET,
    LABELBRIDGE_GRAPH_SYNC_MINUTES: "0",
    ...extra,
  };
}
