/**
 * Security headers. The add-in's pages run inside Office, which frames them: X-Frame-Options would
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
