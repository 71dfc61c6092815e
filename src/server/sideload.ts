/**
 * How to sideload the add-in, written once: the start banner and the home page print these steps,
 * and a test holds README.md to the same words.
 */
export interface SideloadStep {
  host: string;
  manifest: "manifest.xml" | "manifest.office.xml";
  steps: string;
  then: string;
}

export const SIDELOAD: readonly SideloadStep[] = [
  {
    host: "Outlook on the web and new Outlook",
    manifest: "manifest.xml",
    steps:
      "open https://aka.ms/olksideload → My add-ins → Add a custom add-in → Add from File… → manifest.xml → Install",
    then: "Write a new mail and open Sensitivity.",
  },
  {
    host: "Word and Excel on the web",
    manifest: "manifest.office.xml",
    steps:
      "open a document → Home → Add-ins → More add-ins → My add-ins → Upload My Add-in → manifest.office.xml",
    then: "Open Sensitivity on the Home tab.",
  },
];

/** Where the add-in's pages are, relative to the server's URL. */
export const PAGES = {
  admin: "/admin",
  taskpane: "/taskpane.html",
  docs: "/docs",
  health: "/healthz",
} as const;

/** The development CA `npm start` creates (office-addin-dev-certs). */
export const DEV_CA_HINT = "~/.office-addin-dev-certs/ca.crt";
