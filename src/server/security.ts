/**
 * Security headers: helmet's default set, computed once. (@fastify/helmet builds a new helmet
 * middleware on every request — `helmet(configuration)(req, res)` in its onRequest hook — which cost
 * more than the whole policy route; the header values never change, so they are precomputed here.) The add-in's pages run inside Office, which frames them: X-Frame-Options would
 * blank the task pane in Office on the web, so framing is limited by CSP `frame-ancestors` to
 * Office's own origins instead.
 */
export const OFFICE_FRAME_ANCESTORS = [
  "'self'",
  "https://*.officeapps.live.com",
  "https://*.office.com",
  "https://*.office365.com",
  "https://*.microsoft365.com",
  "https://*.cloud.microsoft",
  "https://*.sharepoint.com",
  "https://outlook.live.com",
];

export function contentSecurityPolicy(connectOrigins: string[]): Record<string, string[]> {
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'", "https://appsforoffice.microsoft.com"],
    // Fluent UI (Griffel) inserts <style> elements at run time.
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", "data:"],
    fontSrc: ["'self'", "data:"],
    connectSrc: ["'self'", ...connectOrigins, "https://login.microsoftonline.com"],
    frameSrc: ["'self'", "https://login.microsoftonline.com"],
    frameAncestors: OFFICE_FRAME_ANCESTORS,
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
  };
}

const dashed = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

export function cspHeader(connectOrigins: string[]): string {
  return Object.entries(contentSecurityPolicy(connectOrigins))
    .map(([name, values]) => `${dashed(name)} ${values.join(" ")}`)
    .join("; ");
}

/** Every response's security headers. No X-Frame-Options: see frame-ancestors above. */
export function securityHeaders(connectOrigins: string[], https: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    "content-security-policy": cspHeader(connectOrigins),
    // MSAL's popup fallback needs its opener.
    "cross-origin-opener-policy": "same-origin-allow-popups",
    "cross-origin-resource-policy": "same-origin",
    "origin-agent-cluster": "?1",
    "referrer-policy": "no-referrer",
    "x-content-type-options": "nosniff",
    "x-dns-prefetch-control": "off",
    "x-download-options": "noopen",
    "x-permitted-cross-domain-policies": "none",
    "x-xss-protection": "0",
  };
  if (https) headers["strict-transport-security"] = "max-age=31536000; includeSubDomains";
  return headers;
}

/**
 * API responses are JSON, never rendered: a short policy that forbids everything says the same as
 * the page policy, and each header costs on every one of the add-in's policy polls. The API answers
 * CORS by origin (cors.ts), so every answer varies by Origin, with or without one in the request.
 */
export const API_HEADERS: Record<string, string> = {
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  vary: "Origin",
};
