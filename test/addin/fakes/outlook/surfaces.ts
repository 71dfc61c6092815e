/**
 * The item shapes the fake Outlook gives beyond a desktop message, following @types/office-js and
 * the Outlook mobile API list (docs/mobile.md):
 *
 * - a reply or forward: `getComposeTypeAsync` (Mailbox 1.10) answers `{ composeType, coercionType }`
 *   and `conversationId` is set;
 * - a meeting being organised (AppointmentCompose): `itemType` "appointment", `requiredAttendees` /
 *   `optionalAttendees` instead of To/Cc/Bcc, no internet headers, no compose type, no `from`; its
 *   custom properties (`loadCustomPropertiesAsync`, Mailbox 1.1) are kept per item;
 * - Outlook on Android or iOS: `mailbox.diagnostics.hostName` OutlookAndroid / OutlookIOS,
 *   `isSetSupported` true only up to Mailbox 1.5, yet from, internetHeaders, getComposeTypeAsync and
 *   sessionData there in message compose; no subject.setAsync, body.setAsync, prependAsync,
 *   getTypeAsync, on-send body calls or attachment calls.
 */

type Op = (name: string, args: unknown[], run: (rest: unknown[]) => unknown) => void;

export interface SurfaceOptions {
  /** Compose: what getComposeTypeAsync answers (default newMail). */
  composeType?: "newMail" | "reply" | "forward";
  conversationId?: string;
  /** Compose: a message (default) or a meeting being organised. */
  itemType?: "message" | "appointment";
  /** The Outlook client (default the web). */
  client?: "web" | "android" | "ios";
  /** A meeting's custom properties already saved. */
  customProperties?: Record<string, string>;
}

export interface SurfaceState {
  customProperties: Map<string, string>;
}

interface Parts {
  item: Record<string, unknown>;
  body: Record<string, unknown>;
  context: Record<string, unknown>;
  compose: boolean;
  supports(version: string): boolean;
  op: Op;
  recipients(list: string[], field: string): unknown;
  state: { to: string[]; cc: string[] };
}

const MOBILE_HOSTS = { android: "OutlookAndroid", ios: "OutlookIOS" } as const;

export function mobileVersion(options: SurfaceOptions, version: string): string {
  // Members from these sets are created; isSetSupported is capped at 1.5 below.
  return options.client && options.client !== "web" ? "1.11" : version;
}

export function shapeItem(options: SurfaceOptions, parts: Parts): SurfaceState {
  const { item, body, context, compose, op } = parts;
  const surface: SurfaceState = { customProperties: new Map(Object.entries(options.customProperties ?? {})) };
  if (compose && (options.itemType ?? "message") === "message") {
    item.conversationId = options.conversationId ?? "";
    if (parts.supports("1.10"))
      item.getComposeTypeAsync = (...args: unknown[]) =>
        op("getComposeTypeAsync", args, () => ({
          composeType: options.composeType ?? "newMail",
          coercionType: "html",
        }));
  }
  if (compose && options.itemType === "appointment") {
    item.itemType = "appointment";
    for (const name of ["to", "cc", "bcc", "from", "internetHeaders", "getComposeTypeAsync"])
      delete item[name];
    item.requiredAttendees = parts.recipients(parts.state.to, "requiredAttendees");
    item.optionalAttendees = parts.recipients(parts.state.cc, "optionalAttendees");
    item.loadCustomPropertiesAsync = (...args: unknown[]) =>
      op("loadCustomPropertiesAsync", args, () => {
        const live = new Map(surface.customProperties);
        return {
          get: (name: string) => live.get(name),
          set: (name: string, value: string) => live.set(name, String(value)),
          remove: (name: string) => live.delete(name),
          getAll: () => Object.fromEntries(live),
          saveAsync: (...saveArgs: unknown[]) =>
            op("customProperties.saveAsync", saveArgs, () => {
              surface.customProperties = new Map(live);
            }),
        };
      });
  }
  if (options.client === "android" || options.client === "ios") {
    const mailbox = context.mailbox as Record<string, unknown>;
    mailbox.diagnostics = { hostName: MOBILE_HOSTS[options.client], hostVersion: "4.2505.0" };
    (context.requirements as Record<string, unknown>).isSetSupported = (name: string, v?: string | number) =>
      name === "Mailbox" && (v === undefined || Number(String(v).split(".")[1] ?? 0) <= 5);
    if (compose) {
      const subject = item.subject as Record<string, unknown>;
      delete subject.setAsync;
      for (const name of [
        "setAsync",
        "prependAsync",
        "getTypeAsync",
        "appendOnSendAsync",
        "prependOnSendAsync",
      ])
        delete body[name];
      for (const name of [
        "getAttachmentsAsync",
        "getAttachmentContentAsync",
        "getInitializationContextAsync",
      ])
        delete item[name];
    }
  }
  return surface;
}
