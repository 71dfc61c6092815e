/** What the task pane shows (PaneController's state) and what it is built from. */
import type { MappedFrom } from "../../core/decide/labelState";
import type { CurrentLabel, Recommendation } from "../../core/decide/types";
import type { EffectivePolicy } from "../../core/policy/effective";
import type { HostCapabilities, HostItemInfo, HostWarning, LabelingHost, LabelState } from "../hosts/types";
import type { Strings } from "../i18n/types";
import type { KeyValueStore } from "../ports/storage";
import type { AuditSink } from "../services/lazyAuditQueue";
import type { PolicyClient, PolicySource } from "../services/policyClient";
import type { PaneFocus } from "./model/openContext";
import type { PaneTheme } from "./model/theme";

/** What a host may offer beyond LabelingHost; the pane uses whatever is there. */
export interface PaneHostExtras {
  sessionGet?(name: string): Promise<string | null>;
  sessionSet?(name: string, value: string | null): Promise<void>;
  initializationContext?(): Promise<string | null>;
  onItemChanged?(listener: () => void): Promise<() => Promise<void>>;
  /** Documents: open the pane with the document until it is labeled (mandatory labeling). */
  ensureOpensWithDocument?(on: boolean): Promise<void>;
}

/** The labeling flows the pane calls (engine.ts, its own chunk). */
export type Engine = typeof import("./engine");
/** Reconciling a read label (core/decide/labelState.ts), its own chunk. */
export type LabelStateModule = typeof import("../../core/decide/labelState");

export interface PaneDeps {
  host: LabelingHost;
  /** The person's language (i18n/load.ts). */
  strings: Strings;
  /** Loads the labeling flows; the default fetches their chunk. */
  engine?: () => Promise<Engine>;
  /** Loads label reconciling (mappings included); the default fetches its chunk. */
  labelState?: () => Promise<LabelStateModule>;
  extras?: PaneHostExtras;
  policy: PolicyClient;
  audit: AuditSink;
  store: KeyValueStore;
  now?: () => Date;
  newId: () => string;
  forcedColors?: () => boolean;
  /** Also keep a pasted development token where other runtimes find it (Outlook roaming settings). */
  shareDevToken?: (token: string | null) => Promise<void>;
  /** How much text the detectors read (subject + body, or the document). */
  detectChars?: number;
}

export type Notice = { kind: "success" | "error" | "warning" | "info"; text: string };

export interface JustificationRequest {
  /** A label change, or sending a mail to outside recipients under a "justify" recipient rule. */
  purpose: "label" | "recipients";
  /** The label asked for (null = removal). */
  target: string | null;
  from: string | null;
  reasons: string[];
  otherReason: string;
  /** The change came from Outlook's own control: Outlook already carries `target`. */
  outside: boolean;
  error: string | null;
  /** Why the dialog opened (the engine's message, translated). */
  message: string;
}

export interface PaneState {
  phase: "loading" | "ready" | "no-policy" | "error";
  strings: Strings;
  theme: PaneTheme;
  policy: EffectivePolicy | null;
  policySource: PolicySource;
  policyFetchedAt: number | null;
  info: HostItemInfo | null;
  capabilities: HostCapabilities | null;
  label: LabelState | null;
  /** The label the item carries now (Outlook's own label when it is one of ours). */
  current: CurrentLabel | null;
  /** Our record before a change made with Outlook's control was checked. */
  recorded: CurrentLabel | null;
  outside: { from: string | null; to: string } | null;
  /** `current` is what a label mapping makes of another tool's or a partner's label. */
  mapped: MappedFrom | null;
  recommendation: Recommendation | null;
  justification: JustificationRequest | null;
  busy: boolean;
  /** The outcome of the last action (applied, refused, failed): replaced by the next one. */
  notice: Notice | null;
  /** How the policy stands (a saved one in use, none and why): until the policy loads again or it is dismissed. */
  policyNotice: Notice | null;
  /** What the last write did short of what the label asks (shown until the next write or dismissed). */
  warnings: HostWarning[];
  focus: PaneFocus | null;
  auditPending: number;
  /** Where the pane keeps its data (localStorage, …), for the settings view. */
  storage: string;
}

/** The state of a pane that is still loading. */
export function loadingState(strings: Strings, theme: PaneTheme, storage: string): PaneState {
  return {
    phase: "loading",
    strings,
    theme,
    policy: null,
    policySource: "none",
    policyFetchedAt: null,
    info: null,
    capabilities: null,
    label: null,
    current: null,
    recorded: null,
    outside: null,
    mapped: null,
    recommendation: null,
    justification: null,
    busy: false,
    notice: null,
    policyNotice: null,
    warnings: [],
    focus: null,
    auditPending: 0,
    storage,
  };
}
