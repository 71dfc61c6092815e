/** Send-time rules: mail with these labels to recipients outside these domains → warn, justify or block. */
import * as React from "react";
import { RECIPIENT_ACTIONS, type LabelPolicy, type RecipientRule } from "../../../../core/policy";
import { CardList } from "../../../components/CardList";
import { ChoiceField, LinesField, TextAreaField } from "../../../components/fields";
import { LabelMultiPicker } from "../../../components/LabelPicker";
import { Grid } from "../../../components/Layout";
import { usePolicyDraft } from "../../../state";

const ACTION_TEXT: Record<(typeof RECIPIENT_ACTIONS)[number], string> = {
  warn: "Warn",
  justify: "Ask for a justification",
  block: "Block",
};

export function RecipientRulesEditor(props: { policy: LabelPolicy }) {
  const { draft, at, setting } = usePolicyDraft(props.policy);
  const rules = props.policy.settings.recipientRules;
  const setAt = (i: number, change: Partial<RecipientRule>) =>
    setting(
      "recipientRules",
      rules.map((r, j) => (j === i ? { ...r, ...change } : r)),
    );
  return (
    <CardList
      data-testid="recipient-rules"
      items={rules}
      render={(rule, i) => {
        const path = `${at}.settings.recipientRules[${i}]`;
        return (
          <>
            <Grid size="field">
              <LabelMultiPicker
                path={`${path}.labelIds`}
                label="Mail labeled"
                labels={draft.labels}
                value={rule.labelIds}
                onChange={(v) => setAt(i, { labelIds: v })}
              />
              <ChoiceField
                path={`${path}.action`}
                label="Sent outside the trusted domains"
                value={rule.action}
                choices={RECIPIENT_ACTIONS.map((a) => ({ value: a, text: ACTION_TEXT[a] }))}
                onChange={(v) => setAt(i, { action: v })}
              />
              <LinesField
                path={`${path}.trustedDomains`}
                label="Trusted domains (one per line)"
                value={rule.trustedDomains}
                onChange={(v) => setAt(i, { trustedDomains: v })}
              />
            </Grid>
            <TextAreaField
              path={`${path}.message`}
              label="Message"
              rows={2}
              value={rule.message ?? ""}
              onChange={(v) => setAt(i, { message: v === "" ? undefined : v })}
            />
          </>
        );
      }}
      removeText="Remove rule"
      onRemove={(i) =>
        setting(
          "recipientRules",
          rules.filter((_r, j) => j !== i),
        )
      }
      addText="Add recipient rule"
      onAdd={() =>
        setting("recipientRules", [...rules, { labelIds: [], action: "warn", trustedDomains: [] }])
      }
    />
  );
}
