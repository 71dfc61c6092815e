/**
 * Outlook's own sensitivity labels (Mailbox 1.13, compose): whether the tenant's labels are enabled
 * in this client, its catalog, and the label on the mail. An add-in can set Outlook's label but
 * never take it off again, which is why the apply transaction sets it last.
 */
import { flattenCatalog, isAppliableNative, type NativeLabel } from "./nativeCatalog";
import type { OutlookItem } from "./outlookItem";

export class OutlookNativeLabels {
  private enabledCache: Promise<boolean> | null = null;
  private catalogCache: Promise<NativeLabel[]> | null = null;

  constructor(private readonly mail: OutlookItem) {}

  /** Another mail (a pinned pane moved): the catalog and its state are read again. */
  forget(): void {
    this.enabledCache = null;
    this.catalogCache = null;
  }

  /** Outlook's own labels are usable: Mailbox 1.13, compose, and the catalog says enabled. */
  enabled(): Promise<boolean> {
    if (!this.enabledCache) {
      const office = this.mail.office;
      this.enabledCache =
        this.mail.mode === "compose" && this.mail.supports("1.13") && office.context.sensitivityLabelsCatalog
          ? this.mail
              .call<boolean>("sensitivityLabelsCatalog.getIsEnabledAsync", (cb) =>
                office.context.sensitivityLabelsCatalog.getIsEnabledAsync(cb),
              )
              .then(
                (v) => v === true,
                // "Sensitivity labels are not enabled" and friends: no native labels, header only.
                () => false,
              )
          : Promise.resolve(false);
    }
    return this.enabledCache;
  }

  catalog(): Promise<NativeLabel[]> {
    if (!this.catalogCache) {
      const office = this.mail.office;
      this.catalogCache = this.enabled().then((enabled) =>
        enabled
          ? this.mail
              .call<Office.SensitivityLabelDetails[]>("sensitivityLabelsCatalog.getAsync", (cb) =>
                office.context.sensitivityLabelsCatalog.getAsync(cb),
              )
              .then(flattenCatalog, () => [])
          : [],
      );
    }
    return this.catalogCache;
  }

  /** Outlook's own label on the mail (GUID, lower case), or null. */
  async label(): Promise<string | null> {
    if (!(await this.enabled())) return null;
    const item = this.mail.compose("sensitivityLabel.getAsync");
    const id = await this.mail.call<string>("sensitivityLabel.getAsync", (cb) =>
      item.sensitivityLabel.getAsync(cb),
    );
    return typeof id === "string" && id.trim() !== "" ? id.trim().toLowerCase() : null;
  }

  set(id: string): Promise<void> {
    const item = this.mail.compose("sensitivityLabel.setAsync");
    return this.mail.call<void>("sensitivityLabel.setAsync", (cb) => item.sensitivityLabel.setAsync(id, cb));
  }

  /** Puts Outlook's own label back; false when Outlook cannot apply that label. */
  async restore(id: string): Promise<boolean> {
    if (!isAppliableNative(await this.catalog(), id)) return false;
    await this.set(id.toLowerCase());
    return true;
  }
}
