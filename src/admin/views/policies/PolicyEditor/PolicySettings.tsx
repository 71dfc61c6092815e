/** The settings of a label policy, section by section, each field bound to its path in the policy. */
import * as React from "react";
import {
  ATTACHMENT_INHERITANCE,
  MARKING_PROFILES,
  OFFLINE_SEND_FALLBACKS,
  type LabelPolicy,
} from "../../../../core/policy";
import { ChoiceField, LinesField, SwitchField, TextField, choicesOf } from "../../../components/fields";
import { LabelMultiPicker, LabelPicker } from "../../../components/LabelPicker";
import { Grid, Row } from "../../../components/Layout";
import { usePolicyDraft } from "../../../state";

export function DefaultsAndJustification(props: { policy: LabelPolicy }) {
  const { draft, at, setting } = usePolicyDraft(props.policy);
  const s = props.policy.settings;
  const path = `${at}.settings`;
  return (
    <>
      <Grid size="field">
        <LabelPicker
          path={`${path}.defaultDocumentLabel`}
          label="Default label for documents"
          labels={draft.labels}
          value={s.defaultDocumentLabel ?? ""}
          specials={[{ value: "", text: "None" }]}
          onChange={(v) => setting("defaultDocumentLabel", v === "" ? null : v)}
        />
        <LabelPicker
          path={`${path}.defaultMailLabel`}
          label="Default label for mail"
          labels={draft.labels}
          value={s.defaultMailLabel ?? ""}
          specials={[
            { value: "", text: "Same as documents" },
            { value: "none", text: "None" },
          ]}
          onChange={(v) => setting("defaultMailLabel", v === "" ? null : v)}
        />
      </Grid>
      <Row>
        <SwitchField
          path={`${path}.mandatoryMail`}
          label="Mail must have a label before it is sent"
          checked={s.mandatoryMail}
          onChange={(v) => setting("mandatoryMail", v)}
        />
        <SwitchField
          path={`${path}.mandatoryDocuments`}
          label="Documents must have a label"
          checked={s.mandatoryDocuments}
          onChange={(v) => setting("mandatoryDocuments", v)}
        />
        <SwitchField
          path={`${path}.justificationRequired`}
          label="Ask why when a label is lowered or removed"
          checked={s.justificationRequired}
          onChange={(v) => setting("justificationRequired", v)}
        />
      </Row>
      <Grid size="field">
        <LinesField
          path={`${path}.justificationReasons`}
          label="Justification reasons (one per line)"
          value={s.justificationReasons}
          onChange={(v) => setting("justificationReasons", v)}
        />
        <TextField
          path={`${path}.otherReasonText`}
          label="The 'Other' choice"
          hint="Always asks for text."
          value={s.otherReasonText}
          onChange={(v) => setting("otherReasonText", v)}
        />
      </Grid>
      <LabelMultiPicker
        path={`${path}.preventDowngradeFrom`}
        label="Never lower a label from"
        hint="Stronger than Purview, which can only ask for a justification."
        labels={draft.labels}
        value={s.preventDowngradeFrom}
        onChange={(v) => setting("preventDowngradeFrom", v)}
      />
    </>
  );
}

export function RecommendationsAndAttachments(props: { policy: LabelPolicy }) {
  const { at, setting } = usePolicyDraft(props.policy);
  const s = props.policy.settings;
  return (
    <Grid size="field">
      <SwitchField
        path={`${at}.settings.mailRecommendations`}
        label="Recommend labels in Outlook"
        checked={s.mailRecommendations}
        onChange={(v) => setting("mailRecommendations", v)}
      />
      <ChoiceField
        path={`${at}.settings.attachmentInheritance`}
        label="Mail takes the label of its most sensitive attachment"
        value={s.attachmentInheritance}
        choices={choicesOf(ATTACHMENT_INHERITANCE)}
        onChange={(v) => setting("attachmentInheritance", v)}
      />
    </Grid>
  );
}

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
