/** Whether Outlook recommends labels, and whether mail takes its attachments' label. */
import * as React from "react";
import { ATTACHMENT_INHERITANCE, type LabelPolicy } from "../../../../core/policy";
import { ChoiceField, SwitchField, choicesOf } from "../../../components/fields";
import { Grid } from "../../../components/Layout";
import { usePolicyDraft } from "../../../state";

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
