/**
 * Conditions for recommended and automatic labeling: a sensitive information type — built-in (the
 * catalog the detectors implement, national identifiers included) or one of the tenant's custom
 * types, each by name — at a count and a confidence (low 65, medium 75, high 85, labelled 95; a
 * custom type's own pattern levels).
 */
import * as React from "react";
import { SENSITIVE_INFO_TYPES } from "../../../../core/detect/catalog";
import { CONDITION_MODES, type Label, type LabelCondition } from "../../../../core/policy";
import type { CustomInfoType } from "../../../../core/policy/infoTypes";
import { CardList } from "../../../components/CardList";
import { ChoiceField, FieldProblem, NumberField, TextAreaField } from "../../../components/fields";
import { Grid, Muted } from "../../../components/Layout";
import { confidenceChoices, conditionTypeChoices, infoTypeName } from "../../../model/infoTypeEdits";
import { useLabelDraft } from "../../../state";

const MODE_TEXT: Record<(typeof CONDITION_MODES)[number], string> = {
  recommend: "Recommend (policy tip; the user decides)",
  automatic: "Apply automatically",
};

function ConditionFields(props: {
  condition: LabelCondition;
  infoTypes: readonly CustomInfoType[];
  at: string;
  labelName: string;
  set: (change: Partial<LabelCondition>) => void;
}) {
  const { condition: c, at, set } = props;
  const confidence = String(c.minConfidence);
  const levels = confidenceChoices(props.infoTypes, c.sitId);
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
          choices={conditionTypeChoices(props.infoTypes)}
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
          value={levels.some((o) => o.value === confidence) ? confidence : null}
          placeholder={`${confidence} (custom)`}
          choices={levels}
          onChange={(v) => set({ minConfidence: Number(v) })}
        />
      </Grid>
      <TextAreaField
        path={`${at}.policyTip`}
        label="Policy tip"
        rows={2}
        value={c.policyTip ?? ""}
        placeholder={`It is recommended to label this ${infoTypeName(props.infoTypes, c.sitId)} content as ${props.labelName}.`}
        onChange={(v) => set({ policyTip: v === "" ? undefined : v })}
      />
    </>
  );
}

export function ConditionsEditor(props: { label: Label; isParent: boolean }) {
  const { label } = props;
  const { editor, draft, at } = useLabelDraft(label);
  const infoTypes = draft.infoTypes ?? [];
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
          infoTypes={infoTypes}
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
