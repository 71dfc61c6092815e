/**
 * A fake of the `Office` namespace as an Outlook add-in sees it, following @types/office-js:
 *
 * - every `xAsync(..., [options], callback)` answers asynchronously with an AsyncResult:
 *   success `{ status: Succeeded, value, asyncContext, diagnostics }` (no `error`, as office.js),
 *   failure `{ status: Failed, value: undefined, error: { code, name, message } }`;
 * - `Office.AsyncResultStatus` holds office.js's runtime values ("succeeded"/"failed") — code must
 *   compare with the enum member, as @types declares it (a numeric enum) and office.js differs;
 * - a member exists only from the Mailbox requirement set that introduced it (`internetHeaders` 1.8,
 *   `sessionData` 1.11, `sensitivityLabel` 1.13, `prependOnSendAsync` 1.13, …), like an older client;
 * - compose and read items have their different shapes (`subject` an object with getAsync/setAsync
 *   vs a string; no internetHeaders, sessionData or sensitivityLabel when reading);
 * - the label catalog's `children` is `null` for a label without sublabels; with labels disabled,
 *   `getIsEnabledAsync` answers false and the label calls fail "Sensitivity labels are not enabled".
 *
 * Replies, meetings being organised and Outlook mobile: surfaces.ts.
 *
 * Configuration is plain JSON so the browser suite can hand it to the page (see browserEntry.ts).
 */
import { mobileVersion, shapeItem, type SurfaceOptions, type SurfaceState } from "./surfaces";

export interface FakeLabelDetails {
  id: string;
  name: string;
  color: string;
  tooltip: string;
  children: FakeLabelDetails[] | null;
}

export interface FakeAttachment {
  id: string;
  name: string;
  size: number;
  /** Base64 content for getAttachmentContentAsync. */
  content?: string;
  isInline?: boolean;
  attachmentType?: "file" | "item" | "cloud";
}

/** A call that fails (with this error) or never answers ("hang"). */
export type FakeFailure = { code: number; name?: string; message: string; times?: number } | "hang";

export interface FakeOutlookOptions extends SurfaceOptions {
  mode: "compose" | "read";
  /** Highest Mailbox requirement set the client supports. */
  mailboxVersion?: string;
  labelsEnabled?: boolean;
  catalog?: FakeLabelDetails[];
  /** Outlook's own label on the item (compose). */
  nativeLabel?: string | null;
  subject?: string;
  body?: string;
  bodyType?: "html" | "text";
  to?: string[];
  cc?: string[];
  bcc?: string[];
  from?: string;
  /** Compose: internet headers already on the item. */
  headers?: Record<string, string>;
  /** Read: what getAllInternetHeadersAsync returns. */
  rawHeaders?: string;
  attachments?: FakeAttachment[];
  sessionData?: Record<string, string>;
  user?: { displayName: string; emailAddress: string };
  displayLanguage?: string;
  theme?: { bodyBackgroundColor: string; bodyForegroundColor: string; isDarkTheme?: boolean } | null;
  roamingSettings?: Record<string, unknown>;
  initializationContext?: string | null;
  /** Keyed by operation, e.g. "internetHeaders.setAsync", "sensitivityLabel.setAsync". */
  failures?: Record<string, FakeFailure>;
  /** Delay of every callback, ms. */
  latencyMs?: number;
  platform?: "PC" | "OfficeOnline" | "Mac";
}

export interface FakeMailState {
  subject: string;
  body: string;
  bodyType: "html" | "text";
  headers: Map<string, string>;
  nativeLabel: string | null;
  to: string[];
  cc: string[];
  bcc: string[];
  attachments: FakeAttachment[];
  sessionData: Map<string, string>;
  /** What prepend/appendOnSendAsync queued for send. */
  onSend: { prepend: string | null; append: string | null; coercion: string | null };
  notifications: Map<string, { type: string; message: string }>;
  roaming: Map<string, unknown>;
}

export interface FakeOutlook {
  /** Assign to `globalThis.Office`, or pass to `new OutlookHost(...)`. */
  Office: typeof Office;
  state: FakeMailState;
  /** A meeting's saved custom properties. */
  surface: SurfaceState;
  /** Every API call, by operation name, in call order. */
  calls: string[];
  /** Handlers registered with `Office.actions.associate`. */
  actions: Map<string, (event: unknown) => unknown>;
  /** The person picks a label with Outlook's Sensitivity control: the label changes and item handlers fire. */
  userSetsNativeLabel(id: string | null): void;
  /** Fails (or hangs) an operation from now on. */
  fail(operation: string, failure: FakeFailure | null): void;
  /**
   * The person switches Office's theme: `Office.context.officeTheme` changes and, from Mailbox 1.14,
   * handlers added with `mailbox.addHandlerAsync(OfficeThemeChanged)` get
   * `{ type: "officeThemeChanged", officeTheme }`, later, as Office delivers events.
   */
  changeTheme(theme: { bodyBackgroundColor: string; bodyForegroundColor: string }): void;
  /** The mail as it would leave: subject, body with on-send text, headers. */
  sentForm(): { subject: string; body: string; headers: Record<string, string> };
}

export const LABELS_NOT_ENABLED = "Sensitivity labels are not enabled";

function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

type Callback = (result: unknown) => void;

function splitArgs(args: unknown[]): {
  callback: Callback | undefined;
  options: Record<string, unknown> | undefined;
  rest: unknown[];
} {
  const list = [...args];
  const callback = typeof list[list.length - 1] === "function" ? (list.pop() as Callback) : undefined;
  const options =
    list.length > 0 &&
    typeof list[list.length - 1] === "object" &&
    list[list.length - 1] !== null &&
    !Array.isArray(list[list.length - 1])
      ? (list[list.length - 1] as Record<string, unknown>)
      : undefined;
  return { callback, options, rest: list };
}

function flatCatalog(list: FakeLabelDetails[] | null | undefined): FakeLabelDetails[] {
  const out: FakeLabelDetails[] = [];
  for (const d of list ?? []) {
    out.push(d);
    out.push(...flatCatalog(d.children));
  }
  return out;
}

export function createFakeOutlook(options: FakeOutlookOptions): FakeOutlook {
  const version = mobileVersion(options, options.mailboxVersion ?? "1.15");
  const supports = (v: string): boolean => compareVersions(version, v) >= 0;
  const compose = options.mode === "compose";
  const calls: string[] = [];
  const actions = new Map<string, (event: unknown) => unknown>();
  const failures = new Map<string, FakeFailure>(Object.entries(options.failures ?? {}));
  const latency = options.latencyMs ?? 0;
  const labelsEnabled = options.labelsEnabled ?? true;
  const catalog = options.catalog ?? [];
  const itemHandlers = new Map<string, Array<(args: unknown) => void>>();
  const mailboxHandlers = new Map<string, Array<(args: unknown) => void>>();

  const state: FakeMailState = {
    subject: options.subject ?? "",
    body: options.body ?? "",
    bodyType: options.bodyType ?? "html",
    headers: new Map(Object.entries(options.headers ?? {})),
    nativeLabel: options.nativeLabel ?? null,
    to: [...(options.to ?? [])],
    cc: [...(options.cc ?? [])],
    bcc: [...(options.bcc ?? [])],
    attachments: [...(options.attachments ?? [])],
    sessionData: new Map(Object.entries(options.sessionData ?? {})),
    onSend: { prepend: null, append: null, coercion: null },
    notifications: new Map(),
    roaming: new Map(Object.entries(options.roamingSettings ?? {})),
  };

  const Succeeded = "succeeded";
  const Failed = "failed";

  /** Runs an operation the Office way: record, maybe fail, answer later through the callback. */
  function op(
    name: string,
    args: unknown[],
    run: (rest: unknown[], options: Record<string, unknown> | undefined) => unknown,
  ): void {
    calls.push(name);
    const { callback, options: opts, rest } = splitArgs(args);
    const failure = failures.get(name);
    if (failure === "hang") return;
    let result: unknown;
    if (failure) {
      if (failure.times !== undefined) {
        failure.times -= 1;
        if (failure.times <= 0) failures.delete(name);
      }
      result = {
        status: Failed,
        value: undefined,
        error: { code: failure.code, name: failure.name ?? "GenericResponseError", message: failure.message },
        asyncContext: opts?.asyncContext,
        diagnostics: undefined,
      };
    } else {
      try {
        const value = run(rest, opts);
        result = { status: Succeeded, value, asyncContext: opts?.asyncContext, diagnostics: undefined };
      } catch (error) {
        const e = error as { code?: number; name?: string; message?: string };
        result = {
          status: Failed,
          value: undefined,
          error: {
            code: e.code ?? 9000,
            name: e.name ?? "GenericResponseError",
            message: e.message ?? String(error),
          },
          asyncContext: opts?.asyncContext,
        };
      }
    }
    if (callback) setTimeout(() => callback(result), latency);
  }

  function officeError(code: number, message: string, name = "GenericResponseError"): Error {
    return Object.assign(new Error(message), { code, name });
  }

  function notEnabled(): Error {
    // The code is not documented; the message is (docs/reference/office-js.md §1, GH OfficeDev/office-js#5321).
    return officeError(9060, LABELS_NOT_ENABLED);
  }

  function fireItem(type: string, args: unknown): void {
    for (const h of itemHandlers.get(type) ?? []) setTimeout(() => h(args), latency);
  }

  const recipients = (list: string[], field: "to" | "cc" | "bcc") => ({
    getAsync: (...args: unknown[]) =>
      op(`${field}.getAsync`, args, () =>
        list.map((emailAddress) => ({
          emailAddress,
          displayName: emailAddress.split("@")[0],
          recipientType: emailAddress.endsWith("@contoso.com") ? "user" : "externalUser",
        })),
      ),
    setAsync: (...args: unknown[]) =>
      op(`${field}.setAsync`, args, (rest) => {
        list.splice(0, list.length, ...(rest[0] as string[]));
      }),
    addAsync: (...args: unknown[]) =>
      op(`${field}.addAsync`, args, (rest) => {
        list.push(...(rest[0] as string[]));
      }),
  });

  const coercionOf = (opts: Record<string, unknown> | undefined, fallback: string): string =>
    typeof opts?.coercionType === "string" ? (opts.coercionType as string) : fallback;

  const htmlToText = (html: string): string =>
    html
      .replace(/<br\s*\/?>/gi, "\n")
      .replace(/<\/(p|div)>/gi, "\n")
      .replace(/<[^>]*>/g, "")
      .replace(/&nbsp;/g, " ")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");

  const body: Record<string, unknown> = {
    getAsync: (...args: unknown[]) =>
      op("body.getAsync", args, (rest) => {
        const type = String(rest[0]);
        if (type === "html")
          return state.bodyType === "html" ? state.body : state.body.replace(/\n/g, "<br>");
        return state.bodyType === "html" ? htmlToText(state.body) : state.body;
      }),
    getTypeAsync: (...args: unknown[]) => op("body.getTypeAsync", args, () => state.bodyType),
  };
  if (compose) {
    body.setAsync = (...args: unknown[]) =>
      op("body.setAsync", args, (rest, opts) => {
        const coercion = coercionOf(opts, state.bodyType);
        if (coercion === "html" && state.bodyType === "text")
          throw officeError(1000, "Invalid coercion type", "InvalidFormatError");
        state.body = String(rest[0]);
      });
    body.prependAsync = (...args: unknown[]) =>
      op("body.prependAsync", args, (rest) => {
        state.body = String(rest[0]) + state.body;
      });
    if (supports("1.9"))
      body.appendOnSendAsync = (...args: unknown[]) =>
        op("body.appendOnSendAsync", args, (rest, opts) => {
          const coercion = coercionOf(opts, "text");
          if (coercion === "html" && state.bodyType === "text")
            throw officeError(1000, "Invalid coercion type", "InvalidFormatError");
          const data = rest[0] as string | null;
          if (data !== null && data.length > 5000)
            throw officeError(1000, "DataExceedsMaximumSize", "DataExceedsMaximumSize");
          state.onSend.append = data;
          state.onSend.coercion = coercion;
        });
    if (supports("1.13"))
      body.prependOnSendAsync = (...args: unknown[]) =>
        op("body.prependOnSendAsync", args, (rest, opts) => {
          const coercion = coercionOf(opts, "text");
          if (coercion === "html" && state.bodyType === "text")
            throw officeError(1000, "Invalid coercion type", "InvalidFormatError");
          const data = rest[0] as string | null;
          if (data !== null && data.length > 5000)
            throw officeError(1000, "DataExceedsMaximumSize", "DataExceedsMaximumSize");
          state.onSend.prepend = data;
          state.onSend.coercion = coercion;
        });
  }

  const notificationMessages = {
    addAsync: (...args: unknown[]) =>
      op("notificationMessages.addAsync", args, (rest) => {
        const key = String(rest[0]);
        if (state.notifications.has(key))
          throw officeError(9000, "DuplicateNotificationKey", "DuplicateNotificationKey");
        const d = rest[1] as { type: string; message: string };
        state.notifications.set(key, { type: d.type, message: d.message });
      }),
    replaceAsync: (...args: unknown[]) =>
      op("notificationMessages.replaceAsync", args, (rest) => {
        const d = rest[1] as { type: string; message: string; icon?: string; persistent?: boolean };
        if (d.message.length > 150)
          throw officeError(9000, "NumberOfCharactersExceeded", "NumberOfCharactersExceeded");
        if (d.type === "informationalMessage" && (d.icon === undefined || d.persistent === undefined))
          throw officeError(9000, "MissingIconOrPersistent", "InvalidParameterValue");
        state.notifications.set(String(rest[0]), { type: d.type, message: d.message });
      }),
    removeAsync: (...args: unknown[]) =>
      op("notificationMessages.removeAsync", args, (rest) => {
        if (!state.notifications.delete(String(rest[0])))
          throw officeError(9000, "KeyNotFound", "KeyNotFound");
      }),
    getAllAsync: (...args: unknown[]) =>
      op("notificationMessages.getAllAsync", args, () =>
        [...state.notifications].map(([key, v]) => ({ key, type: v.type, message: v.message })),
      ),
  };

  let item: Record<string, unknown>;
  if (compose) {
    item = {
      itemType: "message",
      subject: {
        getAsync: (...args: unknown[]) => op("subject.getAsync", args, () => state.subject),
        setAsync: (...args: unknown[]) =>
          op("subject.setAsync", args, (rest) => {
            const s = String(rest[0]);
            if (s.length > 255) throw officeError(1000, "DataExceedsMaximumSize", "DataExceedsMaximumSize");
            state.subject = s;
          }),
      },
      body,
      to: recipients(state.to, "to"),
      cc: recipients(state.cc, "cc"),
      bcc: recipients(state.bcc, "bcc"),
      notificationMessages,
      addHandlerAsync: (...args: unknown[]) =>
        op("item.addHandlerAsync", args, (rest) => {
          const type = String(rest[0]);
          const list = itemHandlers.get(type) ?? [];
          list.push(rest[1] as (args: unknown) => void);
          itemHandlers.set(type, list);
        }),
      removeHandlerAsync: (...args: unknown[]) =>
        op("item.removeHandlerAsync", args, (rest) => {
          itemHandlers.delete(String(rest[0]));
        }),
    };
    if (supports("1.7"))
      item.from = {
        getAsync: (...args: unknown[]) =>
          op("from.getAsync", args, () => ({
            emailAddress: options.from ?? options.user?.emailAddress ?? "",
            displayName: options.user?.displayName ?? "",
          })),
      };
    if (supports("1.8")) {
      item.internetHeaders = {
        getAsync: (...args: unknown[]) =>
          op("internetHeaders.getAsync", args, (rest) => {
            const out: Record<string, string> = {};
            for (const name of rest[0] as string[]) {
              for (const [k, v] of state.headers) if (k.toLowerCase() === name.toLowerCase()) out[k] = v;
            }
            return out;
          }),
        setAsync: (...args: unknown[]) =>
          op("internetHeaders.setAsync", args, (rest) => {
            const headers = rest[0] as Record<string, string>;
            for (const [name, value] of Object.entries(headers)) {
              for (const k of [...state.headers.keys()])
                if (k.toLowerCase() === name.toLowerCase()) state.headers.delete(k);
              state.headers.set(name, String(value));
            }
          }),
        removeAsync: (...args: unknown[]) =>
          op("internetHeaders.removeAsync", args, (rest) => {
            for (const name of rest[0] as string[])
              for (const k of [...state.headers.keys()])
                if (k.toLowerCase() === name.toLowerCase()) state.headers.delete(k);
          }),
      };
      item.getAttachmentsAsync = (...args: unknown[]) =>
        op("getAttachmentsAsync", args, () =>
          state.attachments.map((a) => ({
            id: a.id,
            name: a.name,
            size: a.size,
            isInline: a.isInline ?? false,
            attachmentType: a.attachmentType ?? "file",
            contentId: "",
            isServiceAccessible: true,
          })),
        );
      item.getAttachmentContentAsync = (...args: unknown[]) =>
        op("getAttachmentContentAsync", args, (rest) => {
          const a = state.attachments.find((x) => x.id === rest[0]);
          if (!a) throw officeError(9040, "AttachmentNotFound", "InvalidAttachmentId");
          return { format: "base64", content: a.content ?? "" };
        });
      item.getInitializationContextAsync = (...args: unknown[]) =>
        op("getInitializationContextAsync", args, () => options.initializationContext ?? "");
    }
    if (supports("1.11"))
      item.sessionData = {
        getAsync: (...args: unknown[]) =>
          op("sessionData.getAsync", args, (rest) => state.sessionData.get(String(rest[0])) ?? ""),
        setAsync: (...args: unknown[]) =>
          op("sessionData.setAsync", args, (rest) => {
            const size =
              [...state.sessionData.values()].reduce((n, v) => n + v.length, 0) + String(rest[1]).length;
            if (size > 50_000)
              throw officeError(9000, "Session data exceeds 50,000 characters", "DataExceedsMaximumSize");
            state.sessionData.set(String(rest[0]), String(rest[1]));
          }),
        removeAsync: (...args: unknown[]) =>
          op("sessionData.removeAsync", args, (rest) => {
            state.sessionData.delete(String(rest[0]));
          }),
        getAllAsync: (...args: unknown[]) =>
          op("sessionData.getAllAsync", args, () => Object.fromEntries(state.sessionData)),
        clearAsync: (...args: unknown[]) =>
          op("sessionData.clearAsync", args, () => {
            state.sessionData.clear();
          }),
      };
    if (supports("1.13"))
      item.sensitivityLabel = {
        getAsync: (...args: unknown[]) =>
          op("sensitivityLabel.getAsync", args, () => {
            if (!labelsEnabled) throw notEnabled();
            return state.nativeLabel ?? "";
          }),
        setAsync: (...args: unknown[]) =>
          op("sensitivityLabel.setAsync", args, (rest) => {
            if (!labelsEnabled) throw notEnabled();
            const wanted = rest[0] as string | FakeLabelDetails;
            const id = (typeof wanted === "string" ? wanted : wanted.id).toLowerCase();
            const label = flatCatalog(catalog).find((l) => l.id.toLowerCase() === id);
            if (!label)
              throw officeError(
                9061,
                "The sensitivity label doesn't exist in the catalog.",
                "InvalidSensitivityLabel",
              );
            if (label.children && label.children.length > 0)
              throw officeError(9062, "A label with sublabels can't be applied.", "InvalidSensitivityLabel");
            const changed = state.nativeLabel !== label.id;
            state.nativeLabel = label.id;
            if (changed) fireItem("olkSensitivityLabelChanged", { type: "olkSensitivityLabelChanged" });
          }),
      };
  } else {
    item = {
      itemType: "message",
      itemId: "AAMkAGread",
      subject: state.subject,
      from: { emailAddress: options.from ?? "sender@partner.example", displayName: "Sender" },
      to: state.to.map((emailAddress) => ({
        emailAddress,
        displayName: emailAddress,
        recipientType: "user",
      })),
      cc: state.cc.map((emailAddress) => ({
        emailAddress,
        displayName: emailAddress,
        recipientType: "user",
      })),
      attachments: state.attachments.map((a) => ({
        id: a.id,
        name: a.name,
        size: a.size,
        isInline: a.isInline ?? false,
        attachmentType: a.attachmentType ?? "file",
        contentType: "application/octet-stream",
      })),
      body: { getAsync: body.getAsync, getTypeAsync: body.getTypeAsync },
      notificationMessages,
    };
    if (supports("1.8"))
      item.getAllInternetHeadersAsync = (...args: unknown[]) =>
        op("getAllInternetHeadersAsync", args, () => options.rawHeaders ?? "");
  }

  const context: Record<string, unknown> = {
    displayLanguage: options.displayLanguage ?? "en-US",
    officeTheme: options.theme ?? undefined,
    host: "Outlook",
    platform: options.platform ?? "OfficeOnline",
    requirements: {
      isSetSupported: (name: string, minVersion?: string | number): boolean => {
        if (name !== "Mailbox") return false;
        return minVersion === undefined || supports(String(minVersion));
      },
    },
    roamingSettings: {
      get: (name: string) => (state.roaming.has(name) ? state.roaming.get(name) : undefined),
      set: (name: string, value: unknown) => {
        state.roaming.set(name, value);
      },
      remove: (name: string) => {
        state.roaming.delete(name);
      },
      saveAsync: (...args: unknown[]) => op("roamingSettings.saveAsync", args, () => undefined),
    },
    mailbox: {
      item,
      userProfile: {
        displayName: options.user?.displayName ?? "Sam Lee",
        emailAddress: options.user?.emailAddress ?? "sam@contoso.com",
        accountType: "enterprise",
        timeZone: "UTC",
      },
      diagnostics: { hostName: "OutlookWebApp", hostVersion: "16.0", OWAView: "ThreeColumns" },
      addHandlerAsync: (...args: unknown[]) =>
        op("mailbox.addHandlerAsync", args, (rest) => {
          const type = String(rest[0]);
          const list = mailboxHandlers.get(type) ?? [];
          list.push(rest[1] as (args: unknown) => void);
          mailboxHandlers.set(type, list);
        }),
      removeHandlerAsync: (...args: unknown[]) =>
        op("mailbox.removeHandlerAsync", args, (rest) => {
          mailboxHandlers.delete(String(rest[0]));
        }),
    },
  };
  const surface = shapeItem(options, {
    item,
    body,
    context,
    compose,
    supports,
    op: (name, args, run) => op(name, args, (rest) => run(rest)),
    recipients: (list, field) => recipients(list, field as "to"),
    state,
  });
  if (supports("1.13"))
    context.sensitivityLabelsCatalog = {
      getIsEnabledAsync: (...args: unknown[]) =>
        op("sensitivityLabelsCatalog.getIsEnabledAsync", args, () => labelsEnabled),
      getAsync: (...args: unknown[]) =>
        op("sensitivityLabelsCatalog.getAsync", args, () => {
          if (!labelsEnabled) throw notEnabled();
          return JSON.parse(JSON.stringify(catalog)) as FakeLabelDetails[];
        }),
    };

  const OfficeNs = {
    HostType: { Outlook: "Outlook", Word: "Word", Excel: "Excel", PowerPoint: "PowerPoint" },
    PlatformType: { PC: "PC", OfficeOnline: "OfficeOnline", Mac: "Mac" },
    AsyncResultStatus: { Succeeded, Failed },
    CoercionType: { Text: "text", Html: "html", Ooxml: "ooxml" },
    EventType: {
      ItemChanged: "olkItemSelectedChanged",
      SensitivityLabelChanged: "olkSensitivityLabelChanged",
      RecipientsChanged: "olkRecipientsChanged",
      AttachmentsChanged: "olkAttachmentsChanged",
      OfficeThemeChanged: "officeThemeChanged",
    },
    MailboxEnums: {
      ItemNotificationMessageType: {
        ProgressIndicator: "progressIndicator",
        InformationalMessage: "informationalMessage",
        ErrorMessage: "errorMessage",
        InsightMessage: "insightMessage",
      },
      SendModeOverride: { PromptUser: "promptUser" },
      AttachmentType: { File: "file", Item: "item", Cloud: "cloud" },
      AttachmentContentFormat: { Base64: "base64", Url: "url", Eml: "eml", ICalendar: "iCalendar" },
      ItemType: { Message: "message", Appointment: "appointment" },
    },
    context,
    actions: {
      associate: (name: string, handler: (event: unknown) => unknown): void => {
        actions.set(name, handler);
      },
    },
    onReady: (callback?: (info: { host: string; platform: string }) => void) => {
      const info = { host: "Outlook", platform: String(context.platform) };
      return new Promise((resolve) =>
        setTimeout(() => {
          callback?.(info);
          resolve(info);
        }, latency),
      );
    },
  };

  return {
    Office: OfficeNs as unknown as typeof Office,
    state,
    surface,
    calls,
    actions,
    userSetsNativeLabel(id) {
      const changed = state.nativeLabel !== id;
      state.nativeLabel = id;
      if (changed) fireItem("olkSensitivityLabelChanged", { type: "olkSensitivityLabelChanged" });
    },
    fail(operation, failure) {
      if (failure === null) failures.delete(operation);
      else failures.set(operation, failure);
    },
    changeTheme(theme) {
      const officeTheme = {
        controlBackgroundColor: theme.bodyBackgroundColor,
        controlForegroundColor: theme.bodyForegroundColor,
        ...theme,
      };
      context.officeTheme = officeTheme;
      if (!supports("1.14")) return;
      const args = { type: "officeThemeChanged", officeTheme };
      for (const h of mailboxHandlers.get("officeThemeChanged") ?? []) setTimeout(() => h(args), latency);
    },
    sentForm() {
      const sep = state.bodyType === "html" ? "" : "\n";
      const body = [state.onSend.prepend, state.body, state.onSend.append]
        .filter((x) => x !== null)
        .join(sep);
      return { subject: state.subject, body, headers: Object.fromEntries(state.headers) };
    },
  };
}
