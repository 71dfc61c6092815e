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
  const save = (props: Office.CustomProperties) =>
    mail.call<void>("customProperties.saveAsync", (cb) => props.saveAsync(cb));
  return {
    kind: "customProperties",
    async get(names) {
      const props = await load();
      const out: Record<string, string> = {};
      for (const name of names) {
        const value: unknown = props.get(name);
        if (typeof value === "string") out[name] = value;
      }
      return out;
    },
    async set(values) {
      const props = await load();
      for (const name of Object.keys(values)) props.set(name, values[name]);
      await save(props);
    },
    async remove(names) {
      const props = await load();
      for (const name of names) props.remove(name);
      await save(props);
    },
  };
}

/** The store this item has, or null where it has none (a message on a client before Mailbox 1.8). */
export function recordStore(mail: OutlookItem): RecordStore | null {
  if (mail.mode !== "compose") return null;
  if (mail.isAppointment) return customProperties(mail);
  return mail.has("internetHeaders") ? internetHeaders(mail) : null;
}
