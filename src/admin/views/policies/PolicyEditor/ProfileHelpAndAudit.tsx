/** The marking profile, the pane's help links, what Outlook does with no policy, and auditing. */
import * as React from "react";
import { MARKING_PROFILES, OFFLINE_SEND_FALLBACKS, type LabelPolicy } from "../../../../core/policy";
import { ChoiceField, SwitchField, TextField } from "../../../components/fields";
import { Grid } from "../../../components/Layout";
import { usePolicyDraft } from "../../../state";

const PROFILE_TEXT: Record<(typeof MARKING_PROFILES)[number], string> = {
  purview: "Purview (headers, footers, watermarks)",
  "au-epms": "au-epms (Australian Government)",
  "nz-gov": "nz-gov (New Zealand Government)",
};

const FALLBACK_TEXT: Record<(typeof OFFLINE_SEND_FALLBACKS)[number], string> = {
  allow: "Let mail go (and record it)",
  block: "Block sending",
};

export function ProfileHelpAndAudit(props: { policy: LabelPolicy }) {
  const { at, setting } = usePolicyDraft(props.policy);
  const s = props.policy.settings;
  const path = `${at}.settings`;
  return (
    <Grid size="field">
      <ChoiceField
        path={`${path}.markingProfile`}
        label="Marking profile"
        value={s.markingProfile}
        choices={MARKING_PROFILES.map((m) => ({ value: m, text: PROFILE_TEXT[m] }))}
        onChange={(v) => setting("markingProfile", v)}
      />
      {s.markingProfile === "au-epms" && (
        <TextField
          path={`${path}.epmsVersion`}
          label="EPMS version"
          value={s.epmsVersion}
          onChange={(v) => setting("epmsVersion", v)}
        />
      )}
      <TextField
        path={`${path}.moreInfoUrl`}
        label="'Learn more' link"
        placeholder="https://intranet.example.com/labels"
        value={s.moreInfoUrl ?? ""}
        onChange={(v) => setting("moreInfoUrl", v === "" ? undefined : v)}
      />
      <TextField
        path={`${path}.reportIssueUrl`}
        label="'Report an issue' link"
        placeholder="mailto:helpdesk@example.com"
        value={s.reportIssueUrl ?? ""}
        onChange={(v) => setting("reportIssueUrl", v === "" ? undefined : v)}
      />
      <ChoiceField
        path={`${path}.offlineSendFallback`}
        label="When Outlook has never received a policy"
        value={s.offlineSendFallback}
        choices={OFFLINE_SEND_FALLBACKS.map((o) => ({ value: o, text: FALLBACK_TEXT[o] }))}
        onChange={(v) => setting("offlineSendFallback", v)}
      />
      <SwitchField
        path={`${path}.auditEnabled`}
        label="Send audit events"
        checked={s.auditEnabled}
        onChange={(v) => setting("auditEnabled", v)}
      />
    </Grid>
  );
}
