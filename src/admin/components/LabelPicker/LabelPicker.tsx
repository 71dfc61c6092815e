/**
 * Label pickers: one label (or a special choice such as None), or several. Labels are listed in the
 * order admins see them, by full name.
 */
import * as React from "react";
import { Dropdown, Option, type FieldProps } from "@fluentui/react-components";
import type { Label } from "../../../core/policy";
import { orderedLabels } from "../../model/labelTree";
import { fullName, labelText } from "../../model/labelNames";
import { BoundField } from "../fields";
import { LabelSwatch } from "../LabelSwatch";

interface PickerProps {
  path: string;
  label: string;
  labels: readonly Label[];
  hint?: FieldProps["hint"];
}

export interface SpecialChoice {
  value: string;
  text: string;
}

/**
 * One label, or one of the special choices (None, Same as documents). Parents stay selectable: a
 * parent chosen as default is refused by validation at this field, as in scenario 1.
 */
export function LabelPicker(
  props: PickerProps & {
    value: string | null;
    specials?: SpecialChoice[];
    onChange: (value: string) => void;
  },
) {
  const parents = new Set(props.labels.map((l) => l.parentId).filter((p): p is string => p !== null));
  const special = props.specials?.find((s) => s.value === (props.value ?? ""));
  const text = special ? special.text : labelText(props.value, props.labels);
  return (
    <BoundField path={props.path} label={props.label} hint={props.hint}>
      <Dropdown
        value={text}
        selectedOptions={[props.value ?? ""]}
        onOptionSelect={(_e, d) => d.optionValue !== undefined && props.onChange(d.optionValue)}
      >
        {(props.specials ?? []).map((s) => (
          <Option key={`special-${s.value}`} value={s.value}>
            {s.text}
          </Option>
        ))}
        {orderedLabels(props.labels).map((l) => (
          <Option key={l.id} value={l.id} text={fullName(l, props.labels)}>
            <LabelSwatch color={l.color} />
            {fullName(l, props.labels)}
            {parents.has(l.id) ? " (parent)" : ""}
            {!l.isActive ? " (inactive)" : ""}
          </Option>
        ))}
      </Dropdown>
    </BoundField>
  );
}

export function LabelMultiPicker(
  props: PickerProps & {
    value: readonly string[];
    onChange: (value: string[]) => void;
    placeholder?: string;
  },
) {
  return (
    <BoundField path={props.path} label={props.label} hint={props.hint} within>
      <Dropdown
        multiselect
        placeholder={props.placeholder ?? "No labels"}
        value={props.value.map((id) => labelText(id, props.labels)).join(", ")}
        selectedOptions={[...props.value]}
        onOptionSelect={(_e, d) => props.onChange(d.selectedOptions)}
      >
        {orderedLabels(props.labels).map((l) => (
          <Option key={l.id} value={l.id} text={fullName(l, props.labels)}>
            {fullName(l, props.labels)}
          </Option>
        ))}
      </Dropdown>
    </BoundField>
  );
}
