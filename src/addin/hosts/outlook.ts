/**
 * The Outlook adapter as the task pane uses it: the event handlers' adapter (outlookEventHost.ts)
 * with what only the pane asks for — capabilities, Office's own catalog and theme, the context a
 * Smart Alert opened the pane with, and label, theme and item changes (outlookPaneEvents.ts).
 */
import type { NativeLabel } from "./nativeCatalog";
import { OutlookEventHost, type OutlookHostOptions } from "./outlookEventHost";
import { hostTheme, OutlookPaneEvents } from "./outlookPaneEvents";
import { recordStore } from "./outlookRecord";
import type { HostCapabilities, HostTheme, LabelingHost } from "./types";

export {
  MEETING_TASKPANE_COMMAND_ID,
  OutlookEventHost,
  PROTECTIVE_MARKING_HEADER,
  SESSION,
  TASKPANE_COMMAND_ID,
  type AttachmentLabel,
  type AttachmentLabelReader,
  type OutlookHostOptions,
  type ReceivedLabelReader,
} from "./outlookEventHost";

export class OutlookHost extends OutlookEventHost implements LabelingHost {
  private readonly events: OutlookPaneEvents;

  constructor(office: typeof Office, options: OutlookHostOptions = {}) {
    super(office, options);
    this.events = new OutlookPaneEvents(this.mail);
  }

  nativeEnabled(): Promise<boolean> {
    return this.native.enabled();
  }

  nativeCatalog(): Promise<NativeLabel[]> {
    return this.native.catalog();
  }

  nativeLabel(): Promise<string | null> {
    return this.native.label();
  }

  async capabilities(): Promise<HostCapabilities> {
    const compose = this.mode === "compose";
    const native = compose && (await this.native.enabled());
    const record = compose ? recordStore(this.mail) : null;
    // Outlook on Android and iOS can write neither a subject nor a body (docs/mobile.md).
    const marks = compose && !this.mail.mobile;
    return {
      nativeLabels: native,
      canWriteLabel: compose && (record !== null || native),
      headerFooterMarking: marks,
      watermark: false,
      subjectMarking: marks,
      bodyMarkingOnSend: marks && this.supports("1.13"),
      internetHeaders: record !== null && record.kind === "internetHeaders",
    };
  }

  initializationContext(): Promise<string | null> {
    return this.events.initializationContext();
  }

  onLabelChanged(listener: () => void): Promise<() => Promise<void>> {
    return this.events.onLabelChanged(listener);
  }

  /** A pinned pane moves to another mail: Outlook's catalog is read again for it. */
  onItemChanged(listener: () => void): Promise<() => Promise<void>> {
    return this.events.onItemChanged(() => {
      this.native.forget();
      listener();
    });
  }

  theme(): HostTheme | null {
    return hostTheme(this.office.context.officeTheme as Partial<Office.OfficeTheme> | undefined);
  }

  onThemeChanged(listener: (theme: HostTheme | null) => void): Promise<() => Promise<void>> {
    return this.events.onThemeChanged(listener);
  }
}
