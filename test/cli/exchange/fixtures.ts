/**
 * What `Get-TransportRule | ConvertTo-Json -Depth 5 -EnumsAsStrings` shows for rules like ours:
 * Name, State, Mode, Priority, Identity and Guid, each condition, exception and action by its
 * parameter name, unset ones null or false, recipients as Exchange resolved them (names or aliases).
 */
import { randomUUID } from "node:crypto";
import type { ExchangeRuleSet } from "../../../src/cli/exchange/rules";

type Json = Record<string, unknown>;

const UNSET: Json = {
  HeaderMatchesMessageHeader: null,
  HeaderMatchesPatterns: null,
  FromScope: null,
  From: null,
  FromMemberOf: null,
  SentToScope: null,
  ExceptIfHeaderMatchesMessageHeader: null,
  ExceptIfHeaderMatchesPatterns: null,
  ExceptIfFrom: null,
  ExceptIfRecipientDomainIs: null,
  ExceptIfSubjectMatchesPatterns: null,
  ApplyRightsProtectionTemplate: null,
  ApplyOME: false,
  RejectMessageReasonText: null,
  RejectMessageEnhancedStatusCode: null,
  ModerateMessageByUser: null,
  SetHeaderName: null,
  SetHeaderValue: null,
  PrependSubject: null,
  StopRuleProcessing: false,
};

/** The tenant's rules as they would read after the script ran. */
export function tenantRulesFor(set: ExchangeRuleSet): Json[] {
  return set.rules.map((rule, i) => {
    const guid = randomUUID();
    const json: Json = {
      Name: rule.name,
      Identity: rule.name,
      Guid: guid,
      State: "Enabled",
      Priority: i,
      ...UNSET,
    };
    for (const [k, v] of rule.params) {
      // Exchange shows the recipients it resolved: an alias for a mailbox address.
      json[k] =
        k === "ExceptIfFrom" || k === "ModerateMessageByUser"
          ? (v as string[]).map((a) => a.split("@")[0])
          : k === "ApplyRightsProtectionTemplate"
            ? { Name: v, TemplateId: randomUUID() }
            : v;
    }
    return json;
  });
}
