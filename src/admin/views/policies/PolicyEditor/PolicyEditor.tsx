/**
 * One label policy: who it scopes, its phase of the roadmap, the labels it publishes and every
 * setting of the policy model. Settings the phase does not switch on yet are marked as such.
 */
import * as React from "react";
import { Divider } from "@fluentui/react-components";
import { PHASE_ORDER, phaseFeatures, type LabelPolicy } from "../../../../core/policy";
import {
  ChoiceField,
  IssueBar,
  LinesField,
  SwitchField,
  TextAreaField,
  TextField,
} from "../../../components/fields";
import { Grid, SectionHeader, Stack, ViewTitle } from "../../../components/Layout";
import { PHASE_SUMMARIES, PHASE_TITLES } from "../../../model/rollout";
import { usePolicyDraft } from "../../../state";
import { RecipientRulesEditor } from "../RecipientRulesEditor";
import { DeletePolicy } from "./DeletePolicy";
import { DefaultsAndJustification } from "./DefaultsAndJustification";
import { ProfileHelpAndAudit } from "./ProfileHelpAndAudit";
import { PublishedLabels } from "./PublishedLabels";
import { RecommendationsAndAttachments } from "./RecommendationsAndAttachments";

function Scope(props: { policy: LabelPolicy }) {
  const { policy } = props;
  const { at, set } = usePolicyDraft(policy);
  return (
    <>
      <SectionHeader title="Scope" />
      <IssueBar path={`${at}.scope`} />
      <SwitchField
        path={`${at}.scope.everyone`}
        label="Everyone in the tenant"
        checked={policy.scope.everyone}
        onChange={(v) => set({ scope: { ...policy.scope, everyone: v } })}
      />
      <Grid size="field">
        <LinesField
          path={`${at}.scope.groups`}
          label="Groups (one per line)"
          hint="Entra group object ids, as in the token's groups claim."
          value={policy.scope.groups}
          onChange={(v) => set({ scope: { ...policy.scope, groups: v } })}
        />
        <LinesField
          path={`${at}.scope.users`}
          label="Users (one per line)"
          hint="User principal names or object ids."
          value={policy.scope.users}
          onChange={(v) => set({ scope: { ...policy.scope, users: v } })}
        />
      </Grid>
    </>
  );
}

export function PolicyEditor(props: { policy: LabelPolicy }) {
  const { policy } = props;
  const { at, set } = usePolicyDraft(policy);
  const features = phaseFeatures(policy.phase);
  /** Why a section does nothing yet, when this policy's phase is before the one that switches it on. */
  const later = (on: boolean, what: string) =>
    !on &&
    `${what} take effect from phase ${PHASE_TITLES.advance}; this policy is in ${PHASE_TITLES[policy.phase]}.`;
  return (
    <Stack form data-testid="policy-editor" data-policy-id={policy.id}>
      <ViewTitle>{policy.name}</ViewTitle>
      <Grid size="field">
        <TextField
          path={`${at}.name`}
          label="Name"
          required
          value={policy.name}
          onChange={(v) => set({ name: v })}
        />
        <ChoiceField
          path={`${at}.phase`}
          label="Phase"
          value={policy.phase}
          choices={PHASE_ORDER.map((p) => ({ value: p, text: PHASE_TITLES[p] }))}
          hint={PHASE_SUMMARIES[policy.phase]}
          onChange={(v) => set({ phase: v })}
        />
      </Grid>
      <TextAreaField
        path={`${at}.description`}
        label="Description"
        rows={2}
        value={policy.description}
        onChange={(v) => set({ description: v })}
      />
      <Scope policy={policy} />
      <Divider />
      <PublishedLabels policy={policy} />
      <SectionHeader
        title="Defaults, mandatory labeling and justification"
        note={later(features.enforcement, "These settings")}
      />
      <DefaultsAndJustification policy={policy} />
      <SectionHeader title="Recommendations and attachments" note={later(features.autoLabeling, "These")} />
      <RecommendationsAndAttachments policy={policy} />
      <SectionHeader title="Recipient rules" note={later(features.recipientRules, "Recipient rules")} />
      <RecipientRulesEditor policy={policy} />
      <SectionHeader title="Marking profile, help and audit" />
      <ProfileHelpAndAudit policy={policy} />
      <Divider />
      <DeletePolicy policy={policy} />
    </Stack>
  );
}
