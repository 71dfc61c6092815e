/**
 * Conditions for recommended and automatic labeling: a sensitive information type from the catalog
 * the detectors implement, at a count and a confidence (low 65, medium 75, high 85).
 */
import * as React from "react";
import { SENSITIVE_INFO_TYPES } from "../../../../core/detect";
import { CONDITION_MODES, type Label, type LabelCondition } from "../../../../core/policy";
import { CardList } from "../../../components/CardList";
import { ChoiceField, FieldProblem, NumberField, TextAreaField } from "../../../components/fields";
import { Grid, Muted } from "../../../components/Layout";
import { useLabelDraft } from "../../../state";

const MODE_TEXT: Record<(typeof CONDITION_MODES)[number], string> = {
  recommend: "Recommend (policy tip; the user decides)",
  automatic: "Apply automatically",
};

const CONFIDENCE = [
  { value: "65", text: "Low (65)" },
  { value: "75", text: "Medium (75)" },
  { value: "85", text: "High (85)" },
];

const sitName = (id: string) => SENSITIVE_INFO_TYPES.find((s) => s.id === id)?.name ?? id;

function ConditionFields(props: {
  condition: LabelCondition;
  at: string;
  labelName: string;
  set: (change: Partial<LabelCondition>) => void;
}) {
  const { condition: c, at, set } = props;
  const confidence = String(c.minConfidence);
  return (
    <>
      <FieldProblem path={at} />
      <Grid size="narrow">
        <ChoiceField
          path={`${at}.mode`}
          label="When found"
          value={c.mode}
          choices={CONDITION_MODES.map((m) => ({ value: m, text: MODE_TEXT[m] }))}
          onChange={(v) => set({ mode: v })}
        />
        <ChoiceField
          path={`${at}.sitId`}
          label="Sensitive information type"
          value={c.sitId}
          choices={SENSITIVE_INFO_TYPES.map((s) => ({ value: s.id, text: s.name }))}
          onChange={(v) => set({ sitId: v })}
        />
        <NumberField
          path={`${at}.minCount`}
          label="At least (instances)"
          value={c.minCount}
          min={1}
          onChange={(v) => set({ minCount: v as number })}
        />
        <ChoiceField
          path={`${at}.minConfidence`}
          label="Confidence"
          value={CONFIDENCE.some((o) => o.value === confidence) ? confidence : null}
          placeholder={`${confidence} (custom)`}
          choices={CONFIDENCE}
          onChange={(v) => set({ minConfidence: Number(v) })}
        />
      </Grid>
      <TextAreaField
        path={`${at}.policyTip`}
        label="Policy tip"
        rows={2}
        value={c.policyTip ?? ""}
        placeholder={`It is recommended to label this ${sitName(c.sitId)} content as ${props.labelName}.`}
        onChange={(v) => set({ policyTip: v === "" ? undefined : v })}
      />
    </>
  );
}

export function ConditionsEditor(props: { label: Label; isParent: boolean }) {
  const { label } = props;
  const { editor, at } = useLabelDraft(label);
  const setConditions = (conditions: LabelCondition[]) =>
    editor.updateLabel(label.id, (l) => ({ ...l, conditions }));
  const pathOf = (i: number) => `${at}.conditions[${i}]`;
  return (
    <CardList
      data-testid="conditions"
      items={label.conditions}
      pathOf={pathOf}
      render={(c, i) => (
        <ConditionFields
          condition={c}
          at={pathOf(i)}
          labelName={label.displayName}
          set={(change) => setConditions(label.conditions.map((x, j) => (j === i ? { ...x, ...change } : x)))}
        />
      )}
      removeText="Remove condition"
      onRemove={(i) => setConditions(label.conditions.filter((_x, j) => j !== i))}
      addText="Add condition"
      onAdd={() =>
        setConditions([
          ...label.conditions,
          { mode: "recommend", sitId: SENSITIVE_INFO_TYPES[0].id, minCount: 1, minConfidence: 85 },
        ])
      }
    >
      {props.isParent && label.conditions.length === 0 && (
        <Muted>A parent with sublabels cannot be applied: put conditions on a sublabel.</Muted>
      )}
      <FieldProblem path={`${at}.conditions`} />
    </CardList>
  );
}
