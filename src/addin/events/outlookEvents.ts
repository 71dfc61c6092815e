/**
 * Entry of the event bundle (dist/events/launchevent.js): classic Outlook loads this one file in
 * its JavaScript-only runtime; the web, new Outlook and Mac load it from commands.html. Every
 * handler is associated at the top level, synchronously, when the file loads — without that, a
 * SoftBlock send handler means nobody can send (docs/reference/office-js.md §2).
 */
import "./globalThisShim";
import { OutlookHost } from "../hosts/outlook";
import { officeSsoGetAccessToken, roamingDevTokenProvider, runtimeStore } from "../hosts/runtime";
import { AuditQueue } from "../services/auditQueue";
import { defaultConfig } from "../services/config";
import { fetchHttpClient } from "../services/http";
import { newGuid } from "../services/ids";
import { PolicyClient } from "../services/policyClient";
import { devTokenProvider, ssoTokenProvider, tokenChain, type TokenProvider } from "../services/tokens";
import { createOutlookHandlers, HANDLER_NAMES, type OutlookServices } from "./outlookHandlers";

const config = defaultConfig();
const store = runtimeStore();
const http = fetchHttpClient();
// No NAA here, even in `naa` builds: MSAL alone is larger than this bundle's 40 KB gzip budget, and
// this one ES2016 file cannot load chunks; OfficeRuntime.auth.getAccessToken is the sign-in call
// handlers may make (docs/reference/office-js.md §7).
const tokens: TokenProvider = tokenChain(config.auth, {
  sso: ssoTokenProvider(officeSsoGetAccessToken()),
  dev: [devTokenProvider(store), roamingDevTokenProvider(typeof Office === "undefined" ? undefined : Office)],
});
const byUser = new Map<string, OutlookServices>();

const handlers = createOutlookHandlers({
  host: () => new OutlookHost(Office),
  services: (user) => {
    let s = byUser.get(user);
    if (!s) {
      s = {
        policy: new PolicyClient({ config, store, tokens, http, user }),
        audit: new AuditQueue({ config, store, tokens, http }),
      };
      byUser.set(user, s);
    }
    return s;
  },
  config,
  now: () => new Date(),
  newId: () => newGuid(),
  report: (handler, error) => {
    if (typeof console !== "undefined") console.warn(`Labelbridge ${handler}:`, error);
  },
});

Office.actions.associate(HANDLER_NAMES.onNewMessageCompose, handlers.onNewMessageCompose);
Office.actions.associate(HANDLER_NAMES.onMessageSend, handlers.onMessageSend);
Office.actions.associate(HANDLER_NAMES.onSensitivityLabelChanged, handlers.onSensitivityLabelChanged);
Office.actions.associate(HANDLER_NAMES.onMessageRecipientsChanged, handlers.onMessageRecipientsChanged);
Office.actions.associate(HANDLER_NAMES.onMessageAttachmentsChanged, handlers.onMessageAttachmentsChanged);
