/**
 * Entry of the event bundle (dist/events/launchevent.js): classic Outlook loads this one file in
 * its JavaScript-only runtime; the web, new Outlook and Mac load it from commands.html. Every
 * handler is associated at the top level, synchronously, when the file loads — without that, a
 * SoftBlock send handler means nobody can send (docs/architecture.md, "Why the event bundles are special").
 */
import "./globalThisShim";
import { OutlookEventHost } from "../hosts/outlookEventHost";
import { createRuntime } from "../runtime/wiring";
import { AuditQueue } from "../services/auditQueue";
import { createOutlookHandlers, HANDLER_NAMES } from "./outlookHandlers";

const runtime = createRuntime({
  roamingDevToken: typeof Office === "undefined" ? undefined : Office,
  auditQueue: (options) => new AuditQueue(options),
});

const handlers = createOutlookHandlers({
  host: () => new OutlookEventHost(Office),
  services: (user) => runtime.clientsFor(user),
  config: runtime.config,
  now: runtime.now,
  newId: runtime.newId,
  report: (handler, error) => {
    if (typeof console !== "undefined") console.warn(`Labelbridge ${handler}:`, error);
  },
});

Office.actions.associate(HANDLER_NAMES.onNewMessageCompose, handlers.onNewMessageCompose);
Office.actions.associate(HANDLER_NAMES.onMessageSend, handlers.onMessageSend);
Office.actions.associate(HANDLER_NAMES.onNewAppointmentOrganizer, handlers.onNewAppointmentOrganizer);
Office.actions.associate(HANDLER_NAMES.onAppointmentSend, handlers.onAppointmentSend);
Office.actions.associate(HANDLER_NAMES.onSensitivityLabelChanged, handlers.onSensitivityLabelChanged);
Office.actions.associate(HANDLER_NAMES.onMessageRecipientsChanged, handlers.onMessageRecipientsChanged);
Office.actions.associate(HANDLER_NAMES.onMessageAttachmentsChanged, handlers.onMessageAttachmentsChanged);
