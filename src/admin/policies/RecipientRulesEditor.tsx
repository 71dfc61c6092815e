/** Send-time rules: mail with these labels to recipients outside these domains → warn, justify or block. */
import * as React from "react";
import { Button, Card, makeStyles, tokens } from "@fluentui/react-components";
import { AddRegular, DeleteRegular } from "@fluentui/react-icons";
import { RECIPIENT_ACTIONS, type LabelPolicy, type RecipientRule } from "../../core/policy";
import { useEditor } from "../state/editor";
import { ChoiceField, LinesField, TextAreaField } from "../components/fields";
import { LabelMultiPicker } from "../components/labels";
import { useFormStyles } from "../labels/LabelEditor";

const useStyles = makeStyles({ card: { padding: tokens.spacingHorizontalM } });

const ACTION_TEXT: Record<(typeof RECIPIENT_ACTIONS)[number], string> = {
  warn: "Warn",
  justify: "Ask for a justification",
  block: "Block",
};

export function RecipientRulesEditor(props: { policy: LabelPolicy; at: string }) {
  const styles = useStyles();
  const form = useFormStyles();
  const editor = useEditor();
  const rules = props.policy.settings.recipientRules;
  const setRules = (recipientRules: RecipientRule[]) =>
    editor.updatePolicy(props.policy.id, (p) => ({ ...p, settings: { ...p.settings, recipientRules } }));
  const setAt = (i: number, change: Partial<RecipientRule>) =>
    setRules(rules.map((r, j) => (j === i ? { ...r, ...change } : r)));
  return (
    <div className={form.form} data-testid="recipient-rules">
      {rules.map((rule, i) => {
        const at = `${props.at}.settings.recipientRules[${i}]`;
        return (
          <Card key={i} className={styles.card}>
            <div className={form.row}>
              <LabelMultiPicker
                path={`${at}.labelIds`}
                label="Mail labeled"
                labels={editor.draft!.labels}
                value={rule.labelIds}
                onChange={(v) => setAt(i, { labelIds: v })}
              />
              <ChoiceField
                path={`${at}.action`}
                label="Sent outside the trusted domains"
                value={rule.action}
                choices={RECIPIENT_ACTIONS.map((a) => ({ value: a, text: ACTION_TEXT[a] }))}
                onChange={(v) => setAt(i, { action: v })}
              />
              <LinesField
                path={`${at}.trustedDomains`}
                label="Trusted domains (one per line)"
                value={rule.trustedDomains}
                onChange={(v) => setAt(i, { trustedDomains: v })}
              />
            </div>
            <TextAreaField
              path={`${at}.message`}
              label="Message"
              rows={2}
              value={rule.message ?? ""}
              onChange={(v) => setAt(i, { message: v === "" ? undefined : v })}
            />
            <div>
              <Button
                size="small"
                icon={<DeleteRegular />}
                onClick={() => setRules(rules.filter((_r, j) => j !== i))}
              >
                Remove rule
              </Button>
            </div>
          </Card>
        );
      })}
      <div>
        <Button
          icon={<AddRegular />}
          onClick={() => setRules([...rules, { labelIds: [], action: "warn", trustedDomains: [] }])}
        >
          Add recipient rule
        </Button>
      </div>
    </div>
  );
}
