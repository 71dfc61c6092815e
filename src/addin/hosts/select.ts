/**
 * The task pane's one door to Office: waits for office.js, and builds the adapter for the host
 * the page was opened in (Office.onReady's info.host) — Outlook, Word, Excel or PowerPoint — with
 * the extras the pane may use. Each adapter is its own chunk: Outlook never loads Word's code and
 * vice versa.
 * Outside Office (or when office.js did not load) there is no host.
 */
import type { LabelingHost } from "./types";

export interface ConnectedHost {
  host: LabelingHost;
  /** Session data, open context, item changes, "open with the document" — whatever this host has. */
  extras: {
    sessionGet?(name: string): Promise<string | null>;
    sessionSet?(name: string, value: string | null): Promise<void>;
    initializationContext?(): Promise<string | null>;
    onItemChanged?(listener: () => void): Promise<() => Promise<void>>;
    ensureOpensWithDocument?(on: boolean): Promise<void>;
  };
  /** The mailbox or account whose policy cache this is. */
  user: string;
  /** Keeps a development token where this host's other runtimes find it. */
  shareDevToken?: (token: string | null) => Promise<void>;
}

export interface ConnectOptions {
  /**
   * Who is signed in, for documents: Word, Excel and PowerPoint have no user profile (Outlook's
   * `mailbox.userProfile` serves mail), so the backend token's claims say it.
   */
  documentUser: () => { name: string; principalName: string };
  /**
   * Runs once Office is ready and before a document adapter is built, so `documentUser` can
   * be learnt first — under SSO the token comes from Office, which must be ready to give it.
   */
  beforeDocumentHost?: () => Promise<void>;
  timeoutMs?: number;
}

/** The adapter chunks, started early when the page URL already says which host this is. */
const chunks: Partial<Record<"Outlook" | "OutlookRead" | "Word" | "Excel" | "PowerPoint", Promise<unknown>>> =
  {};

function loadOutlook() {
  return (chunks.Outlook ??= import(/* webpackChunkName: "host-outlook" */ "./outlook.js")) as Promise<
    typeof import("./outlook.js")
  >;
}
function loadOutlookRead() {
  return (chunks.OutlookRead ??= import(
    /* webpackChunkName: "host-outlook" */ "./outlookRead.js"
  )) as Promise<typeof import("./outlookRead.js")>;
}
function loadWord() {
  return (chunks.Word ??= import(/* webpackChunkName: "host-word" */ "./word.js")) as Promise<
    typeof import("./word.js")
  >;
}
function loadExcel() {
  return (chunks.Excel ??= import(/* webpackChunkName: "host-excel" */ "./excel.js")) as Promise<
    typeof import("./excel.js")
  >;
}

function loadPowerPoint() {
  return (chunks.PowerPoint ??= import(
    /* webpackChunkName: "host-powerpoint" */ "./powerpoint.js"
  )) as Promise<typeof import("./powerpoint.js")>;
}

/**
 * Office opens add-in pages with `?_host_Info=Outlook$Win32$16.01$en-US$...` (or `|`-separated).
 * Fetching that host's adapter while office.js starts saves one round trip; Office.onReady stays
 * the authority, a wrong or missing hint costs nothing but the fetch.
 */
export function preloadHostFromUrl(search: string): void {
  const info = new URLSearchParams(search).get("_host_Info") ?? "";
  const host = info.split(/[$|]/)[0]?.toLowerCase();
  if (host === "outlook") {
    void loadOutlook().catch(() => undefined);
    void loadOutlookRead().catch(() => undefined);
  } else if (host === "word") void loadWord().catch(() => undefined);
  else if (host === "excel") void loadExcel().catch(() => undefined);
  else if (host === "powerpoint") void loadPowerPoint().catch(() => undefined);
}

export async function connectToOffice(options: ConnectOptions): Promise<ConnectedHost | null> {
  const office = (globalThis as { Office?: typeof Office }).Office;
  if (!office || typeof office.onReady !== "function") return null;
  const info = await Promise.race([
    office.onReady(),
    new Promise<null>((resolve) => setTimeout(() => resolve(null), options.timeoutMs ?? 10_000)),
  ]);
  if (!info || !info.host) return null;
  if (info.host === office.HostType.Outlook) {
    const [{ OutlookHost }, { readReceivedLabel }, { saveRoamingDevToken }] = await Promise.all([
      loadOutlook(),
      loadOutlookRead(),
      import("./runtime.js"),
    ]);
    const host = new OutlookHost(office, { receivedLabel: readReceivedLabel });
    return {
      host,
      extras: {
        sessionGet: (n) => host.sessionGet(n),
        sessionSet: (n, v) => host.sessionSet(n, v),
        initializationContext: () => host.initializationContext(),
        onItemChanged: (l) => host.onItemChanged(l),
      },
      user: host.userEmail(),
      shareDevToken: (token) => saveRoamingDevToken(office, token),
    };
  }
  const documentHosts = [office.HostType.Word, office.HostType.Excel, office.HostType.PowerPoint];
  if (documentHosts.includes(info.host)) {
    await options.beforeDocumentHost?.().catch(() => undefined);
    const adapter = { office, user: options.documentUser };
    const host =
      info.host === office.HostType.Word
        ? new (await loadWord()).WordHost(adapter)
        : info.host === office.HostType.Excel
          ? new (await loadExcel()).ExcelHost(adapter)
          : new (await loadPowerPoint()).PowerPointHost(adapter);
    return {
      host,
      extras: { ensureOpensWithDocument: (on) => host.ensureOpensWithDocument(on) },
      user: options.documentUser().principalName || "document-user",
    };
  }
  return null;
}
