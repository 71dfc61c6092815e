/**
 * The Outlook adapter: reads a mail's label and executes a decision engine plan on it. The only
 * module of the Outlook add-in that touches `Office` (with hosts/runtime.ts for OfficeRuntime).
 *
 * Applying a label is all or nothing: the state of everything a plan touches is read first, the
 * reversible writes (x-headers, subject, body marking) go first and in parallel, Outlook's own
 * label (which cannot be taken off again by an add-in) goes last, and any failure restores what
 * was already written before the HostError reaches the caller.
 */
import type { LabelPlan } from "../../core/decide/types";
import type { EffectivePolicy } from "../../core/policy/effective";
import { applySubjectMarking } from "../../core/marking/epms";
import { decodeMsipLabelsHeader, MSIP_LABELS_HEADER, type LabelRecord } from "../../core/metadata";
import { flattenCatalog, isAppliableNative, type NativeLabel } from "./nativeCatalog";
import { officeCall, type AsyncResultLike } from "./officeAsync";
import { markingFor, replaceBodyMarking, type BodyKind } from "./outlookBody";
import { SESSION } from "../services/session";
import {
  HostError,
  type ApplyOptions,
  type ApplyResult,
  type HostCapabilities,
  type HostItemInfo,
  type HostWarning,
  type LabelingHost,
  type LabelState,
} from "./types";

export { SESSION } from "../services/session";

export const PROTECTIVE_MARKING_HEADER = "X-Protective-Marking";

/** The compose task pane button; Smart Alerts `commandId` opens it (manifest `<Control id>`). */
export const TASKPANE_COMMAND_ID = "lbComposeOpenPane";

/**
 * Reads labels from attachment bytes (hosts/attachmentLabels.ts). Passed in, so the task pane,
 * which never reads attachments, does not carry the unzip and XML code.
 */
export interface AttachmentLabelReader {
  mayCarryLabel(name: string, size: number): boolean;
  labelOf(base64: string, siteId: string): string | null;
}

export interface AttachmentLabel {
  id: string;
  name: string;
  size: number;
  /** Our tenant's label, or null (none, not an Office file, or not read). */
  labelId: string | null;
}

/**
 * Reads a received mail's label from its internet headers (hosts/outlookRead.ts, `readReceivedLabel`).
 * Passed in, so the event handlers, which only ever run on mail being written, do not carry the
 * header parsers that only read mode needs.
 */
export type ReceivedLabelReader = (rawHeaders: string, subject: string, siteId: string) => LabelState;

export interface OutlookHostOptions {
  /** Needed to read the label of a received mail; without it read mode fails with a HostError. */
  receivedLabel?: ReceivedLabelReader;
}

interface BodyMarkingRecord {
  header: string | null;
  footer: string | null;
  kind: BodyKind;
}

type Item = Office.MessageCompose | Office.MessageRead;

/** One reversible write of a plan. */
interface Step {
  name: string;
  apply(): Promise<void>;
  undo(): Promise<void>;
}

export class OutlookHost implements LabelingHost {
  readonly kind = "Outlook" as const;
  private enabled: Promise<boolean> | null = null;
  private catalog: Promise<NativeLabel[]> | null = null;

  constructor(
    private readonly office: typeof Office,
    private readonly options: OutlookHostOptions = {},
  ) {}

  private call<T>(
    operation: string,
    start: (callback: (result: AsyncResultLike<T>) => void) => void,
  ): Promise<T> {
    return officeCall<T>(operation, start, this.office.AsyncResultStatus.Succeeded);
  }

  private get mailbox(): Office.Mailbox {
    return this.office.context.mailbox;
  }

  private get item(): Item {
    const item = this.mailbox?.item as Item | null | undefined;
    if (!item) throw new HostError("item", "No mail is open.");
    return item;
  }

  get mode(): "compose" | "read" {
    const subject = (this.item as { subject?: unknown }).subject;
    return typeof subject === "object" &&
      subject !== null &&
      typeof (subject as Office.Subject).getAsync === "function"
      ? "compose"
      : "read";
  }

  private compose(operation: string): Office.MessageCompose {
    if (this.mode !== "compose")
      throw new HostError(operation, "This mail is open for reading; its label cannot be changed.");
    return this.item as Office.MessageCompose;
  }

  /** Mailbox requirement set check (docs/reference/office-js.md §1–§3 name the set each call needs). */
  supports(version: string): boolean {
    try {
      return this.office.context.requirements.isSetSupported("Mailbox", version);
    } catch {
      return false;
    }
  }

  /** Outlook's own labels are usable: Mailbox 1.13, compose, and the catalog says enabled. */
  nativeEnabled(): Promise<boolean> {
    if (!this.enabled) {
      this.enabled =
        this.mode === "compose" && this.supports("1.13") && this.office.context.sensitivityLabelsCatalog
          ? this.call<boolean>("sensitivityLabelsCatalog.getIsEnabledAsync", (cb) =>
              this.office.context.sensitivityLabelsCatalog.getIsEnabledAsync(cb),
            ).then(
              (v) => v === true,
              // "Sensitivity labels are not enabled" and friends: no native labels, header only.
              () => false,
            )
          : Promise.resolve(false);
    }
    return this.enabled;
  }

  nativeCatalog(): Promise<NativeLabel[]> {
    if (!this.catalog) {
      this.catalog = this.nativeEnabled().then((enabled) =>
        enabled
          ? this.call<Office.SensitivityLabelDetails[]>("sensitivityLabelsCatalog.getAsync", (cb) =>
              this.office.context.sensitivityLabelsCatalog.getAsync(cb),
            ).then(flattenCatalog, () => [])
          : [],
      );
    }
    return this.catalog;
  }

  /** Outlook's own label on the mail (GUID, lower case), or null. */
  async nativeLabel(): Promise<string | null> {
    if (!(await this.nativeEnabled())) return null;
    const item = this.compose("sensitivityLabel.getAsync");
    const id = await this.call<string>("sensitivityLabel.getAsync", (cb) =>
      item.sensitivityLabel.getAsync(cb),
    );
    return typeof id === "string" && id.trim() !== "" ? id.trim().toLowerCase() : null;
  }

  private setNativeLabel(id: string): Promise<void> {
    const item = this.compose("sensitivityLabel.setAsync");
    return this.call<void>("sensitivityLabel.setAsync", (cb) => item.sensitivityLabel.setAsync(id, cb));
  }

  /**
   * Puts Outlook's own label back (after a change its control made that the policy refuses).
   * False when Outlook cannot apply that label.
   */
  async restoreNativeLabel(id: string): Promise<boolean> {
    if (!isAppliableNative(await this.nativeCatalog(), id)) return false;
    await this.setNativeLabel(id.toLowerCase());
    return true;
  }

  /** Smart Alerts `sendModeOverride` value that lets the person send anyway (Mailbox 1.14). */
  promptUserSendMode(): string {
    return String(this.office.MailboxEnums.SendModeOverride.PromptUser);
  }

  async capabilities(): Promise<HostCapabilities> {
    const compose = this.mode === "compose";
    const native = compose && (await this.nativeEnabled());
    const headers = compose && this.supports("1.8");
    return {
      nativeLabels: native,
      canWriteLabel: compose && (headers || native),
      headerFooterMarking: compose,
      watermark: false,
      subjectMarking: compose,
      bodyMarkingOnSend: compose && this.supports("1.13"),
      internetHeaders: headers,
    };
  }

  async itemInfo(): Promise<HostItemInfo> {
    const profile = this.mailbox.userProfile;
    const user = { name: profile?.displayName ?? "", principalName: profile?.emailAddress ?? "" };
    if (this.mode === "compose") {
      const item = this.item as Office.MessageCompose;
      const [subject, from] = await Promise.all([
        this.call<string>("subject.getAsync", (cb) => item.subject.getAsync(cb)),
        this.supports("1.7") && item.from
          ? this.call<Office.EmailAddressDetails>("from.getAsync", (cb) => item.from.getAsync(cb)).then(
              (f) => f?.emailAddress || null,
              () => null,
            )
          : Promise.resolve(null),
      ]);
      const name = subject ?? "";
      return {
        kind: "email",
        mode: "compose",
        name,
        location: name,
        user,
        sender: from ?? user.principalName,
      };
    }
    const item = this.item as Office.MessageRead;
    const name = item.subject ?? "";
    return { kind: "email", mode: "read", name, location: name, user, sender: item.from?.emailAddress };
  }

  async readLabel(siteId: string): Promise<LabelState> {
    const site = siteId.toLowerCase();
    if (this.mode === "read") {
      const item = this.item as Office.MessageRead;
      const read = this.options.receivedLabel;
      if (!read) throw new HostError("readLabel", "This runtime cannot read a received mail's label.");
      if (!this.supports("1.8")) return { current: null, records: [], source: "none", otherMarkings: [] };
      const raw = await this.call<string>("getAllInternetHeadersAsync", (cb) =>
        item.getAllInternetHeadersAsync(cb),
      );
      const { problems: _problems, ...state } = read(raw ?? "", item.subject ?? "", site) as LabelState & {
        problems?: string[];
      };
      return state;
    }
    const [headers, native] = await Promise.all([this.ourHeaders(), this.nativeLabel()]);
    let records: LabelRecord[] = [];
    const msip = headerValue(headers, MSIP_LABELS_HEADER);
    if (msip) {
      try {
        records = decodeMsipLabelsHeader(msip);
      } catch {
        records = []; // a malformed header of ours reads as unlabeled; the next apply rewrites it
      }
    }
    const ours = records.find((r) => r.siteId === site && r.enabled) ?? null;
    const marking = headerValue(headers, PROTECTIVE_MARKING_HEADER);
    return {
      current: ours ? { labelId: ours.labelId, method: ours.method } : null,
      records,
      source: ours ? "msip_labels" : "none",
      native,
      otherMarkings: marking ? [{ kind: PROTECTIVE_MARKING_HEADER, text: marking }] : [],
    };
  }

  private ourHeaders(
    names: string[] = [MSIP_LABELS_HEADER, PROTECTIVE_MARKING_HEADER],
  ): Promise<Record<string, string>> {
    if (!this.supports("1.8")) return Promise.resolve({});
    const item = this.compose("internetHeaders.getAsync");
    return this.call<Record<string, string>>("internetHeaders.getAsync", (cb) =>
      item.internetHeaders.getAsync(names, cb),
    ).then((h) => h ?? {});
  }

  private bodyKind(item: Office.MessageCompose): Promise<BodyKind> {
    return this.call<Office.CoercionType>("body.getTypeAsync", (cb) => item.body.getTypeAsync(cb)).then(
      (t) => (String(t).toLowerCase() === "html" ? "html" : "text"),
    );
  }

  private coercion(kind: BodyKind): Office.CoercionType {
    return kind === "html" ? this.office.CoercionType.Html : this.office.CoercionType.Text;
  }

  async applyPlan(
    plan: LabelPlan,
    _policy: EffectivePolicy,
    options: ApplyOptions = {},
  ): Promise<ApplyResult> {
    const item = this.compose("applyPlan");
    const warnings: HostWarning[] = [];
    const headerPlan = plan.mailHeaders ?? { set: {}, remove: [] };
    const headerNames = [...Object.keys(headerPlan.set), ...headerPlan.remove];
    const useHeaders = headerNames.length > 0 && this.supports("1.8");
    const catalog = await this.nativeCatalog();
    const nativeBefore = catalog.length > 0 ? await this.nativeLabel() : null;
    if (plan.labelId === null && nativeBefore !== null)
      throw new HostError(
        "sensitivityLabel.remove",
        "Outlook's own sensitivity label cannot be removed by an add-in. Remove it with Outlook's Sensitivity button.",
      );
    const wantNative =
      options.native !== "skip" &&
      plan.labelId !== null &&
      nativeBefore !== plan.labelId &&
      isAppliableNative(catalog, plan.labelId);
    // Where Outlook carries the label (now or after this plan), Purview writes that label's marks.
    const nativeMarks =
      wantNative || (options.native === "skip" && plan.labelId !== null && nativeBefore === plan.labelId);

    // 1. Read what the plan will change, in parallel.
    const [headersBefore, subjectBefore, bodyBefore, kind] = await Promise.all([
      useHeaders ? this.ourHeaders(headerNames) : Promise.resolve<Record<string, string>>({}),
      plan.subjectMarking !== undefined
        ? this.call<string>("subject.getAsync", (cb) => item.subject.getAsync(cb))
        : Promise.resolve<string | null>(null),
      this.sessionGet(SESSION.bodyMarking).then((v) => parseJson<BodyMarkingRecord>(v)),
      this.bodyKind(item).catch((): BodyKind => "html"),
    ]);

    // 2. The reversible writes.
    const steps: Step[] = [];
    if (useHeaders) steps.push(...this.headerSteps(item, headerPlan, headersBefore));
    else if (headerNames.length > 0) warnings.push({ code: "mail-headers-not-supported" });
    if (plan.subjectMarking !== undefined && subjectBefore !== null) {
      const after = applySubjectMarking(subjectBefore, plan.subjectMarking);
      if (after !== subjectBefore)
        steps.push({
          name: "subject.setAsync",
          apply: () => this.call<void>("subject.setAsync", (cb) => item.subject.setAsync(after, cb)),
          undo: () => this.call<void>("subject.setAsync", (cb) => item.subject.setAsync(subjectBefore, cb)),
        });
    }
    const bodyStep = this.bodyStep(item, plan, nativeMarks, kind, bodyBefore);
    if (bodyStep) steps.push(bodyStep);

    const done: Step[] = [];
    const run = async (batch: Step[]): Promise<void> => {
      const results = await Promise.all(
        batch.map((s) =>
          s.apply().then(
            () => {
              done.push(s);
              return null;
            },
            (error: unknown) => ({ step: s, error }),
          ),
        ),
      );
      const failure = results.find((r) => r !== null);
      if (failure) throw asHostError(failure.step.name, failure.error);
    };
    /** Undoes what was written; returns the calls whose writes stayed. */
    const rollback = async (): Promise<string[]> => {
      const failedUndo: string[] = [];
      await Promise.all(done.map((s) => s.undo().catch(() => failedUndo.push(s.name))));
      return failedUndo;
    };

    try {
      await run(steps);
      // 3. Outlook's own label last: it cannot be removed again if something after it failed.
      if (wantNative) {
        await this.setNativeLabel(plan.labelId!).catch((error: unknown) => {
          throw asHostError("sensitivityLabel.setAsync", error);
        });
      }
    } catch (error) {
      const notUndone = await rollback();
      const e = asHostError("applyPlan", error);
      throw notUndone.length === 0 ? e : new HostError(e.operation, e.message, e.code, notUndone);
    }
    if (plan.labelId !== null && !wantNative && !nativeMarks && catalog.length > 0)
      warnings.push({ code: "not-in-outlook-catalog" });
    return { nativeLabelSet: wantNative, contentBits: plan.marking.contentBits, warnings };
  }

  private headerSteps(
    item: Office.MessageCompose,
    plan: { set: Record<string, string>; remove: string[] },
    before: Record<string, string>,
  ): Step[] {
    const steps: Step[] = [];
    const previous = (name: string): string | undefined => headerValue(before, name) ?? undefined;
    const restore = async (names: string[]): Promise<void> => {
      const back: Record<string, string> = {};
      const absent: string[] = [];
      for (const n of names) {
        const v = previous(n);
        if (v === undefined) absent.push(n);
        else back[n] = v;
      }
      await Promise.all([
        Object.keys(back).length > 0
          ? this.call<void>("internetHeaders.setAsync", (cb) => item.internetHeaders.setAsync(back, cb))
          : Promise.resolve(),
        absent.length > 0
          ? this.call<void>("internetHeaders.removeAsync", (cb) =>
              item.internetHeaders.removeAsync(absent, cb),
            )
          : Promise.resolve(),
      ]);
    };
    const setNames = Object.keys(plan.set);
    if (setNames.length > 0)
      steps.push({
        name: "internetHeaders.setAsync",
        apply: () =>
          this.call<void>("internetHeaders.setAsync", (cb) => item.internetHeaders.setAsync(plan.set, cb)),
        undo: () => restore(setNames),
      });
    const removeNames = plan.remove.filter((n) => previous(n) !== undefined);
    if (removeNames.length > 0)
      steps.push({
        name: "internetHeaders.removeAsync",
        apply: () =>
          this.call<void>("internetHeaders.removeAsync", (cb) =>
            item.internetHeaders.removeAsync(removeNames, cb),
          ),
        undo: () => restore(removeNames),
      });
    return steps;
  }

  /**
   * Body marking: nothing where Purview marks (Outlook's own label), otherwise on-send text where the
   * client has it (prepend 1.13, append 1.9), otherwise the body rewritten with markers.
   */
  private bodyStep(
    item: Office.MessageCompose,
    plan: LabelPlan,
    nativeMarks: boolean,
    kind: BodyKind,
    before: BodyMarkingRecord | null,
  ): Step | null {
    const header = nativeMarks ? undefined : plan.marking.header;
    const footer = nativeMarks ? undefined : plan.marking.footer;
    const onSend = this.supports("1.13");
    if (onSend) {
      const after: BodyMarkingRecord = {
        header: markingFor(header, kind, false),
        footer: markingFor(footer, kind, false),
        kind,
      };
      if (!before && after.header === null && after.footer === null) return null;
      if (before && before.header === after.header && before.footer === after.footer && before.kind === kind)
        return null;
      const write = async (r: BodyMarkingRecord | null): Promise<void> => {
        const options = { coercionType: this.coercion(r?.kind ?? kind) };
        // null clears what an earlier call queued for send.
        await Promise.all([
          this.call<void>("body.prependOnSendAsync", (cb) =>
            item.body.prependOnSendAsync(r?.header ?? (null as unknown as string), options, cb),
          ),
          this.call<void>("body.appendOnSendAsync", (cb) =>
            item.body.appendOnSendAsync(r?.footer ?? (null as unknown as string), options, cb),
          ),
        ]);
        await this.sessionSet(SESSION.bodyMarking, r ? JSON.stringify(r) : null);
      };
      return { name: "body.prependOnSendAsync", apply: () => write(after), undo: () => write(before) };
    }
    if (!header && !footer && !before) return null;
    let original: string | null = null;
    return {
      name: "body.setAsync",
      apply: async () => {
        const coercionType = this.coercion(kind);
        original = await this.call<string>("body.getAsync", (cb) => item.body.getAsync(coercionType, cb));
        const next = replaceBodyMarking(original ?? "", kind, header, footer);
        if (next !== original)
          await this.call<void>("body.setAsync", (cb) => item.body.setAsync(next, { coercionType }, cb));
        await this.sessionSet(
          SESSION.bodyMarking,
          header || footer
            ? JSON.stringify({ header: header?.text ?? null, footer: footer?.text ?? null, kind })
            : null,
        );
      },
      undo: async () => {
        if (original === null) return;
        const text = original;
        await this.call<void>("body.setAsync", (cb) =>
          item.body.setAsync(text, { coercionType: this.coercion(kind) }, cb),
        );
      },
    };
  }

  async readText(maxChars: number): Promise<string> {
    const item = this.item;
    const subject =
      this.mode === "compose"
        ? await this.call<string>("subject.getAsync", (cb) =>
            (item as Office.MessageCompose).subject.getAsync(cb),
          )
        : ((item as Office.MessageRead).subject ?? "");
    const body = await this.call<string>("body.getAsync", (cb) =>
      item.body.getAsync(this.office.CoercionType.Text, cb),
    );
    return `${subject ?? ""}\n${body ?? ""}`.slice(0, Math.max(0, maxChars));
  }

  async recipients(): Promise<string[]> {
    const addresses = (list: Office.EmailAddressDetails[] | undefined | null): string[] =>
      (list ?? []).map((r) => r.emailAddress).filter((a): a is string => typeof a === "string" && a !== "");
    if (this.mode === "read") {
      const item = this.item as Office.MessageRead;
      return [...addresses(item.to), ...addresses(item.cc)];
    }
    const item = this.item as Office.MessageCompose;
    const get = (field: Office.Recipients, name: string): Promise<string[]> =>
      this.call<Office.EmailAddressDetails[]>(`${name}.getAsync`, (cb) => field.getAsync(cb)).then(addresses);
    const lists = await Promise.all([get(item.to, "to"), get(item.cc, "cc"), get(item.bcc, "bcc")]);
    return ([] as string[]).concat(...lists);
  }

  /** Attachments with the labels the attachments-changed handler found (names only where it has not run). */
  async attachments(): Promise<Array<{ name: string; labelId: string | null }>> {
    const list = await this.attachmentList();
    const known = parseJson<AttachmentLabel[]>(await this.sessionGet(SESSION.attachments)) ?? [];
    return list.map((a) => ({ name: a.name, labelId: known.find((k) => k.id === a.id)?.labelId ?? null }));
  }

  private async attachmentList(): Promise<
    Array<{ id: string; name: string; size: number; inline: boolean; type: string }>
  > {
    if (this.mode === "read") {
      const item = this.item as Office.MessageRead;
      return (item.attachments ?? []).map((a) => ({
        id: a.id,
        name: a.name,
        size: a.size,
        inline: a.isInline,
        type: String(a.attachmentType),
      }));
    }
    if (!this.supports("1.8")) return [];
    const item = this.item as Office.MessageCompose;
    const list = await this.call<Office.AttachmentDetailsCompose[]>("getAttachmentsAsync", (cb) =>
      item.getAttachmentsAsync(cb),
    );
    return (list ?? []).map((a) => ({
      id: a.id,
      name: a.name,
      size: a.size,
      inline: a.isInline,
      type: String(a.attachmentType),
    }));
  }

  /**
   * Reads the labels of Office attachments not seen before (one content call each, in parallel),
   * keeps the result in session data for the send handler, and returns every attachment.
   */
  async refreshAttachmentLabels(siteId: string, reader: AttachmentLabelReader): Promise<AttachmentLabel[]> {
    const item = this.compose("getAttachmentContentAsync");
    const list = (await this.attachmentList()).filter((a) => !a.inline);
    const known = parseJson<AttachmentLabel[]>(await this.sessionGet(SESSION.attachments)) ?? [];
    const result = await Promise.all(
      list.map(async (a): Promise<AttachmentLabel> => {
        const seen = known.find((k) => k.id === a.id);
        if (seen) return seen;
        let labelId: string | null = null;
        if (
          String(a.type).toLowerCase() === "file" &&
          reader.mayCarryLabel(a.name, a.size) &&
          this.supports("1.8")
        ) {
          const content = await this.call<Office.AttachmentContent>("getAttachmentContentAsync", (cb) =>
            item.getAttachmentContentAsync(a.id, cb),
          ).catch(() => null);
          if (content && String(content.format).toLowerCase() === "base64")
            labelId = reader.labelOf(content.content, siteId);
        }
        return { id: a.id, name: a.name, size: a.size, labelId };
      }),
    );
    await this.sessionSet(SESSION.attachments, JSON.stringify(result));
    return result;
  }

  /** Item session data (Mailbox 1.11, compose); null where the client has none. */
  async sessionGet(name: string): Promise<string | null> {
    if (this.mode !== "compose" || !this.supports("1.11")) return null;
    const item = this.item as Office.MessageCompose;
    return this.call<string>("sessionData.getAsync", (cb) => item.sessionData.getAsync(name, cb)).then(
      (v) => (typeof v === "string" && v !== "" ? v : null),
      // An absent key is reported as an error by some clients.
      () => null,
    );
  }

  async sessionSet(name: string, value: string | null): Promise<void> {
    if (this.mode !== "compose" || !this.supports("1.11")) return;
    const item = this.item as Office.MessageCompose;
    if (value === null) {
      await this.call<void>("sessionData.removeAsync", (cb) => item.sessionData.removeAsync(name, cb)).catch(
        () => undefined,
      );
      return;
    }
    await this.call<void>("sessionData.setAsync", (cb) => item.sessionData.setAsync(name, value, cb));
  }

  /** A short message in the mail's info bar (≤ 150 characters; replaces an earlier one with the same key). */
  async notify(key: string, message: string, kind: "error" | "info" = "info"): Promise<void> {
    const item = this.item;
    const details: Office.NotificationMessageDetails =
      kind === "error"
        ? {
            type: this.office.MailboxEnums.ItemNotificationMessageType.ErrorMessage,
            message: message.slice(0, 150),
          }
        : {
            type: this.office.MailboxEnums.ItemNotificationMessageType.InformationalMessage,
            message: message.slice(0, 150),
            icon: "Icon.16x16",
            persistent: false,
          };
    await this.call<void>("notificationMessages.replaceAsync", (cb) =>
      item.notificationMessages.replaceAsync(key, details, cb),
    );
  }

  async clearNotification(key: string): Promise<void> {
    const item = this.item;
    await this.call<void>("notificationMessages.removeAsync", (cb) =>
      item.notificationMessages.removeAsync(key, cb),
    ).catch(() => undefined);
  }

  /** `contextData` a Smart Alert passed when it opened the pane (Mailbox 1.14), or null. */
  async initializationContext(): Promise<string | null> {
    if (!this.supports("1.8")) return null;
    const item = this.item as Office.MessageCompose;
    if (typeof item.getInitializationContextAsync !== "function") return null;
    return this.call<string>("getInitializationContextAsync", (cb) =>
      item.getInitializationContextAsync(cb),
    ).then(
      (v) => (typeof v === "string" && v !== "" ? v : null),
      () => null,
    );
  }

  async onLabelChanged(listener: () => void): Promise<() => Promise<void>> {
    if (this.mode !== "compose" || !this.supports("1.13")) return async () => undefined;
    const item = this.item as Office.MessageCompose;
    const type = this.office.EventType.SensitivityLabelChanged;
    await this.call<void>("addHandlerAsync", (cb) => item.addHandlerAsync(type, () => listener(), cb));
    return () =>
      this.call<void>("removeHandlerAsync", (cb) => item.removeHandlerAsync(type, cb)).catch(() => undefined);
  }

  /** A pinned pane moves to another mail (Mailbox 1.5 ItemChanged). */
  async onItemChanged(listener: () => void): Promise<() => Promise<void>> {
    if (!this.supports("1.5")) return async () => undefined;
    const type = this.office.EventType.ItemChanged;
    await this.call<void>("mailbox.addHandlerAsync", (cb) =>
      this.mailbox.addHandlerAsync(
        type,
        () => {
          this.enabled = null;
          this.catalog = null;
          listener();
        },
        cb,
      ),
    );
    return () =>
      this.call<void>("mailbox.removeHandlerAsync", (cb) => this.mailbox.removeHandlerAsync(type, cb)).catch(
        () => undefined,
      );
  }

  displayLanguage(): string {
    return this.office.context.displayLanguage || "en-US";
  }

  theme(): { bodyBackgroundColor: string; bodyForegroundColor: string; isDarkTheme?: boolean } | null {
    const t = this.office.context.officeTheme as Partial<Office.OfficeTheme> | undefined;
    if (!t || typeof t.bodyBackgroundColor !== "string" || typeof t.bodyForegroundColor !== "string")
      return null;
    return {
      bodyBackgroundColor: t.bodyBackgroundColor,
      bodyForegroundColor: t.bodyForegroundColor,
      isDarkTheme: t.isDarkTheme,
    };
  }

  userEmail(): string {
    return this.mailbox.userProfile?.emailAddress ?? "";
  }
}

function headerValue(headers: Record<string, string>, name: string): string | null {
  const wanted = name.toLowerCase();
  for (const key of Object.keys(headers)) if (key.toLowerCase() === wanted) return headers[key] ?? null;
  return null;
}

function parseJson<T>(text: string | null): T | null {
  if (text === null) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

function asHostError(operation: string, error: unknown): HostError {
  if (error instanceof HostError) return error;
  return new HostError(operation, error instanceof Error ? error.message : String(error));
}
