/**
 * The common `Office` object as a Word or Excel add-in sees it: host, document URL and mode,
 * requirement sets, display language, theme, the document's settings property bag (where
 * `Office.AutoShowTaskpaneWithDocument` lives — persisted only by `saveAsync`), and
 * `Office.actions.associate` for event handlers.
 *
 * Settings as Office keeps them: each runtime of the add-in (the task pane, OnDocumentOpened) has
 * its own in-memory copy, loaded when it starts; `saveAsync` puts that copy into the document and
 * `refreshAsync` loads the document's again. Two fakes given the same `document` are two runtimes
 * on one open document.
 */

import { base64Bytes } from "./bytes";
import { createDocumentFile, newDocumentPackage, type FakeDocumentFile } from "./file";

export type DocumentHost = "Word" | "Excel" | "PowerPoint";

export interface FakeOfficeOptions {
  host: DocumentHost;
  /** `Office.context.document.url`: "" for a new, never saved document. */
  url?: string;
  mode?: "readOnly" | "readWrite";
  displayLanguage?: string;
  /** Requirement sets and the highest version supported, e.g. { WordApi: "1.3" }. */
  requirementSets?: Record<string, string>;
  /** Settings already saved in the document. */
  settings?: Record<string, unknown>;
  /** The document's saved settings, shared with another fake (another runtime on the same open document). */
  document?: { settings: Record<string, unknown> };
  theme?: { bodyBackgroundColor: string; bodyForegroundColor: string; isDarkTheme?: boolean } | null;
  platform?: "PC" | "OfficeOnline" | "Mac";
  /**
   * The document's own bytes, as getFileAsync(Compressed) gives them (file.ts): a real Office
   * file, or base64 of one (the browser suites pass options as JSON). Default: a new document.
   */
  file?: Uint8Array | string;
}

export interface FakeOffice {
  /** Assign to `globalThis.Office`. */
  Office: Record<string, unknown>;
  /** What the document carries after the last `settings.saveAsync`. */
  savedSettings: Record<string, unknown>;
  /** Live (unsaved) settings. */
  liveSettings: Map<string, unknown>;
  /** Handlers registered with `Office.actions.associate`. */
  actions: Map<string, (event: unknown) => unknown>;
  setSettingsSaveFailure(message: string | null): void;
  /** getFileAsync over the document's bytes. */
  file: FakeDocumentFile;
}

function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export function createFakeOffice(options: FakeOfficeOptions): FakeOffice {
  const savedSettings: Record<string, unknown> = options.document?.settings ?? {
    ...(options.settings ?? {}),
  };
  const live = new Map<string, unknown>(Object.entries(savedSettings));
  const actions = new Map<string, (event: unknown) => unknown>();
  let saveFailure: string | null = null;
  const sets = options.requirementSets ?? {
    WordApi: "1.5",
    ExcelApi: "1.9",
    PowerPointApi: "1.10",
    CommonApi: "1.1",
    AddInCommands: "1.1",
    File: "1.1",
    CompressedFile: "1.1",
  };
  const file = createDocumentFile(
    options.file === undefined
      ? newDocumentPackage(options.host)
      : typeof options.file === "string"
        ? base64Bytes(options.file)
        : options.file,
  );

  const settings = {
    get: (name: string): unknown => (live.has(name) ? live.get(name) : null),
    set: (name: string, value: unknown): void => {
      live.set(name, JSON.parse(JSON.stringify(value)));
    },
    remove: (name: string): void => {
      live.delete(name);
    },
    refreshAsync: (callback?: (r: unknown) => void): void => {
      Promise.resolve().then(() => {
        live.clear();
        for (const [k, v] of Object.entries(savedSettings)) live.set(k, v);
        callback?.({ status: "succeeded", value: settings, error: null });
      });
    },
    saveAsync: (...args: unknown[]): void => {
      const callback = args.find((a) => typeof a === "function") as ((r: unknown) => void) | undefined;
      const failure = saveFailure;
      Promise.resolve().then(() => {
        if (failure === null) {
          for (const key of Object.keys(savedSettings)) delete savedSettings[key];
          for (const [k, v] of live) savedSettings[k] = v;
          callback?.({ status: "succeeded", value: undefined, error: null });
        } else {
          callback?.({
            status: "failed",
            value: undefined,
            error: { code: 5001, name: "Internal Error", message: failure },
          });
        }
      });
    },
  };

  const Office = {
    HostType: { Word: "Word", Excel: "Excel", PowerPoint: "PowerPoint", Outlook: "Outlook" },
    PlatformType: { PC: "PC", OfficeOnline: "OfficeOnline", Mac: "Mac" },
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    DocumentMode: { ReadOnly: "readOnly", ReadWrite: "readWrite" },
    FileType: { Compressed: "compressed", Pdf: "pdf", Text: "text" },
    context: {
      host: options.host,
      platform: options.platform ?? "OfficeOnline",
      displayLanguage: options.displayLanguage ?? "en-US",
      officeTheme: options.theme ?? undefined,
      requirements: {
        isSetSupported: (name: string, version?: string): boolean => {
          const have = sets[name];
          if (have === undefined) return false;
          return version === undefined || compareVersions(have, String(version)) >= 0;
        },
      },
      document: {
        url: options.url ?? "",
        mode: options.mode ?? "readWrite",
        settings,
        getFileAsync: file.getFileAsync,
      },
    },
    actions: {
      associate: (name: string, handler: (event: unknown) => unknown): void => {
        actions.set(name, handler);
      },
    },
    onReady: (callback?: (info: { host: string; platform: string }) => void) => {
      const info = { host: options.host, platform: options.platform ?? "OfficeOnline" };
      callback?.(info);
      return Promise.resolve(info);
    },
  };
  return {
    Office,
    savedSettings,
    liveSettings: live,
    actions,
    setSettingsSaveFailure: (message) => {
      saveFailure = message;
    },
    file,
  };
}
