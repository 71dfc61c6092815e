/**
 * Conditions for recommended and automatic labeling: a sensitive information type from the catalog
 * the detectors implement, at a count and a confidence (low 65, medium 75, high 85).
 */
import * as React from "react";
import { Button, Card, Text, makeStyles, tokens } from "@fluentui/react-components";
import { AddRegular, DeleteRegular } from "@fluentui/react-icons";
import { SENSITIVE_INFO_TYPES } from "../../core/detect";
import { CONDITION_MODES, type Label, type LabelCondition } from "../../core/policy";
import { useEditor } from "../state/editor";
import { ChoiceField, NumberField, TextAreaField, useIssueMessage } from "../components/fields";
import { useFormStyles } from "./LabelEditor";

const useStyles = makeStyles({
  card: { padding: tokens.spacingHorizontalM },
  grid: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(170px, 1fr))",
    gap: tokens.spacingHorizontalM,
  },
  error: { color: tokens.colorPaletteRedForeground1 },
});

const MODE_TEXT: Record<(typeof CONDITION_MODES)[number], string> = {
  recommend: "Recommend (policy tip; the user decides)",
  automatic: "Apply automatically",
};

const CONFIDENCE = [
  { value: "65", text: "Low (65)" },
  { value: "75", text: "Medium (75)" },
  { value: "85", text: "High (85)" },
];

export function ConditionsEditor(props: { label: Label; at: string; isParent: boolean }) {
  const styles = useStyles();
  const form = useFormStyles();
  const editor = useEditor();
  const { label } = props;
  const listMessage = useIssueMessage(`${props.at}.conditions`);
  const setConditions = (conditions: LabelCondition[]) =>
    editor.updateLabel(label.id, (l) => ({ ...l, conditions }));
  const setAt = (i: number, change: Partial<LabelCondition>) =>
    setConditions(label.conditions.map((c, j) => (j === i ? { ...c, ...change } : c)));
  const sitName = (id: string) => SENSITIVE_INFO_TYPES.find((s) => s.id === id)?.name ?? id;
  return (
    <div className={form.form} data-testid="conditions">
      {props.isParent && label.conditions.length === 0 && (
        <Text className={form.muted}>
          A parent with sublabels cannot be applied: put conditions on a sublabel.
        </Text>
      )}
      {listMessage && <Text className={styles.error}>{listMessage}</Text>}
      {label.conditions.map((c, i) => {
        const at = `${props.at}.conditions[${i}]`;
        const confidence = String(c.minConfidence);
        return (
          <Card key={i} className={styles.card} data-path={at}>
            <ConditionProblems path={at} />
            <div className={styles.grid}>
              <ChoiceField
                path={`${at}.mode`}
                label="When found"
                value={c.mode}
                choices={CONDITION_MODES.map((m) => ({ value: m, text: MODE_TEXT[m] }))}
                onChange={(v) => setAt(i, { mode: v })}
              />
              <ChoiceField
                path={`${at}.sitId`}
                label="Sensitive information type"
                value={c.sitId}
                choices={SENSITIVE_INFO_TYPES.map((s) => ({ value: s.id, text: s.name }))}
                onChange={(v) => setAt(i, { sitId: v })}
              />
              <NumberField
                path={`${at}.minCount`}
                label="At least (instances)"
                value={c.minCount}
                min={1}
                onChange={(v) => setAt(i, { minCount: v as number })}
              />
              <ChoiceField
                path={`${at}.minConfidence`}
                label="Confidence"
                value={CONFIDENCE.some((o) => o.value === confidence) ? confidence : null}
                placeholder={`${confidence} (custom)`}
                choices={CONFIDENCE}
                onChange={(v) => setAt(i, { minConfidence: Number(v) })}
              />
            </div>
            <TextAreaField
              path={`${at}.policyTip`}
              label="Policy tip"
              rows={2}
              value={c.policyTip ?? ""}
              placeholder={`It is recommended to label this ${sitName(c.sitId)} content as ${label.displayName}.`}
              onChange={(v) => setAt(i, { policyTip: v === "" ? undefined : v })}
            />
            <div>
              <Button
                size="small"
                icon={<DeleteRegular />}
                onClick={() => setConditions(label.conditions.filter((_x, j) => j !== i))}
              >
                Remove condition
              </Button>
            </div>
          </Card>
        );
      })}
      <div>
        <Button
          icon={<AddRegular />}
          onClick={() =>
            setConditions([
              ...label.conditions,
              { mode: "recommend", sitId: SENSITIVE_INFO_TYPES[0].id, minCount: 1, minConfidence: 85 },
            ])
          }
        >
          Add condition
        </Button>
      </div>
    </div>
  );
}

function ConditionProblems(props: { path: string }) {
  const styles = useStyles();
  const message = useIssueMessage(props.path);
  return message ? <Text className={styles.error}>{message}</Text> : null;
}
