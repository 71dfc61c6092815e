/**
 * Where a mail item keeps our label record (the `msip_labels` value and the protective-marking
 * header): the message's internet headers (Mailbox 1.8, and Outlook mobile), which travel with the
 * mail; or, for a meeting being organised, which has no internet headers, the item's custom
 * properties (Mailbox 1.1) — private to the add-in and kept with the organizer's item, so the pane
 * and the send check read the label back; attendees see Outlook's own label and the markings.
 */
import type { OutlookItem } from "./outlookItem";

export interface RecordStore {
  readonly kind: "internetHeaders" | "customProperties";
  get(names: string[]): Promise<Record<string, string>>;
  set(values: Record<string, string>): Promise<void>;
  remove(names: string[]): Promise<void>;
}

function internetHeaders(mail: OutlookItem): RecordStore {
  const item = () => mail.compose("internetHeaders") as Office.MessageCompose;
  return {
    kind: "internetHeaders",
    get: (names) =>
      mail
        .call<Record<string, string>>("internetHeaders.getAsync", (cb) =>
          item().internetHeaders.getAsync(names, cb),
        )
        .then((h) => h ?? {}),
    set: (values) =>
      mail.call<void>("internetHeaders.setAsync", (cb) => item().internetHeaders.setAsync(values, cb)),
    remove: (names) =>
      mail.call<void>("internetHeaders.removeAsync", (cb) => item().internetHeaders.removeAsync(names, cb)),
  };
}

function customProperties(mail: OutlookItem): RecordStore {
  const load = () => {
    const item = mail.compose("loadCustomPropertiesAsync") as unknown as Office.AppointmentCompose;
    return mail.call<Office.CustomProperties>("loadCustomPropertiesAsync", (cb) =>
      item.loadCustomPropertiesAsync(cb),
    );
  };
  const edit = (change: (props: Office.CustomProperties) => void) =>
    load().then((props) => {
      change(props);
      return mail.call<void>("customProperties.saveAsync", (cb) => props.saveAsync(cb));
    });
  return {
    kind: "customProperties",
    get: (names) =>
      load().then((props) => {
        const out: Record<string, string> = {};
        for (const name of names) {
          const value: unknown = props.get(name);
          if (typeof value === "string") out[name] = value;
        }
        return out;
      }),
    set: (values) => edit((props) => Object.keys(values).forEach((name) => props.set(name, values[name]))),
    remove: (names) => edit((props) => names.forEach((name) => props.remove(name))),
  };
}

/** The store this item has, or null where it has none (a message on a client before Mailbox 1.8). */
export function recordStore(mail: OutlookItem): RecordStore | null {
  if (mail.mode !== "compose") return null;
  if (mail.isAppointment) return customProperties(mail);
  return mail.has("internetHeaders") ? internetHeaders(mail) : null;
}
