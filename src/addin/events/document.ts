/**
 * Entry of the Word/Excel/PowerPoint event bundle (`OnDocumentOpened`, manifest.office.xml; page
 * document-events.html loads document-events.js built from this file). When a document opens:
 * the default label goes on a new or unlabeled document where the policy has one (method
 * Standard, markings written); if labeling is mandatory and the document is still unlabeled, the
 * task pane is set to open with it and "unlabeled-document" is audited. `event.completed()` is
 * called exactly once on every path, also when the policy, the host or the network fails.
 *
 * `openDocument` (flows/documentOpen.ts) is the flow; the task pane runs the same function when
 * it opens on a document, as the event does not reach every client. This module is Office glue.
 *
 * No DOM and no React here: on Windows the handler may run without a browser around it.
 */
import "./globalThisShim";
import type { AuditEvent } from "../../core/audit/event";
import type { EffectivePolicy } from "../../core/policy/effective";
import { withPolicy } from "../flows/deps";
import { openDocument } from "../flows/documentOpen";
import type { DocumentLabelingHost, DocumentUser } from "../hosts/documentHost";
import { ExcelHost } from "../hosts/excel";
import { PowerPointHost } from "../hosts/powerpoint";
import { WordHost } from "../hosts/word";
import { signedInUser } from "../ports/tokenUser";
import { createRuntime } from "../runtime/wiring";
import { AuditQueue } from "../services/auditQueue";
import { runHandler, type CompletableEvent } from "./completion";

/** The function name of `<LaunchEvent Type="OnDocumentOpened" FunctionName="…">`. */
export const DOCUMENT_HANDLER_NAMES = { onDocumentOpened: "onDocumentOpened" } as const;

export interface DocumentHandlerDeps {
  /** The signed-in person, from the backend token (Word, Excel and PowerPoint do not expose it). */
  user(): Promise<DocumentUser | null>;
  /** The adapter for this document's host, or null where we do not label. */
  host(user: DocumentUser): DocumentLabelingHost | null;
  /** The cached effective policy, never interactive. */
  policy(user: DocumentUser): Promise<EffectivePolicy | null>;
  /** Queues audit events durably (before the event completes). */
  record(user: DocumentUser, events: AuditEvent[]): Promise<void>;
  /** Best-effort send after completing. */
  flush?(user: DocumentUser): Promise<void>;
  now(): Date;
  newId(): string;
  deadlineMs: number;
  report?(what: string, error: unknown): void;
}

export interface DocumentHandlers {
  onDocumentOpened(event: CompletableEvent): Promise<void>;
}

export function createDocumentHandlers(deps: DocumentHandlerDeps): DocumentHandlers {
  const report = (what: string, error: unknown): void => deps.report?.(what, error);
  return {
    onDocumentOpened(event) {
      let who: DocumentUser | null = null;
      return runHandler(
        event,
        deps.deadlineMs,
        () => undefined,
        async (c) => {
          const user = await deps.user();
          if (!user) return;
          who = user;
          const host = deps.host(user);
          if (!host) return;
          const policy = await deps.policy(user);
          if (!policy) return;
          const info = await host.itemInfo();
          const audit = { enqueue: (events: AuditEvent[]) => deps.record(user, events) };
          const flow = withPolicy({ host, info, audit, now: deps.now, newId: deps.newId, report }, policy);
          const outcome = await openDocument(flow, "event");
          for (const warning of outcome.warnings) report("onDocumentOpened", warning);
          c.complete();
        },
      )
        .catch((error: unknown) => report("onDocumentOpened", error))
        .then(() =>
          who && deps.flush ? deps.flush(who).catch((e: unknown) => report("audit flush", e)) : undefined,
        );
    },
  };
}

/** Which adapter serves the document Office opened. */
export function documentHostFor(office: typeof Office, user: DocumentUser): DocumentLabelingHost | null {
  const host = String(office.context.host);
  const options = { office, user: () => user };
  if (host === String(office.HostType.Word)) return new WordHost(options);
  if (host === String(office.HostType.Excel)) return new ExcelHost({ ...options, watchNewSheets: false });
  if (host === String(office.HostType.PowerPoint)) return new PowerPointHost(options);
  return null;
}

function productionDeps(): DocumentHandlerDeps {
  const runtime = createRuntime({ auditQueue: (options) => new AuditQueue(options) });
  const clients = (user: DocumentUser) => runtime.clientsFor(user.principalName);
  return {
    user: () => signedInUser(runtime.tokens),
    host: (user) => documentHostFor(Office, user),
    policy: async (user) => (await clients(user).policy.load({ timeoutMs: 4000, interactive: false })).policy,
    record: (user, events) => clients(user).audit.enqueue(events),
    flush: async (user) => {
      await clients(user).audit.flush({ timeoutMs: 5000, deadlineMs: 5000 });
    },
    now: runtime.now,
    newId: runtime.newId,
    deadlineMs: runtime.config.eventDeadlineMs,
    report: (what, error) => {
      if (typeof console !== "undefined") console.warn(`Labelbridge ${what}:`, error);
    },
  };
}

// Associated at the top level when the bundle loads, as event-based activation requires.
if (typeof Office !== "undefined" && Office.actions) {
  let handlers: DocumentHandlers | null = null;
  Office.actions.associate(DOCUMENT_HANDLER_NAMES.onDocumentOpened, (event: CompletableEvent) => {
    handlers ??= createDocumentHandlers(productionDeps());
    return handlers.onDocumentOpened(event);
  });
}
