/** Which of the tenant's policies a Graph export reads or an import writes the settings of. */
import * as React from "react";
import { Dropdown, Field, Option, type FieldProps } from "@fluentui/react-components";
import type { LabelPolicy } from "../../../../core/policy";

export function PolicyChoice(props: {
  label: string;
  hint?: FieldProps["hint"];
  policies: readonly LabelPolicy[];
  value: string;
  onChange: (id: string) => void;
}) {
  return (
    <Field label={props.label} hint={props.hint}>
      <Dropdown
        value={props.policies.find((p) => p.id === props.value)?.name ?? ""}
        selectedOptions={[props.value]}
        onOptionSelect={(_e, d) => props.onChange(d.optionValue ?? "")}
      >
        {props.policies.map((p) => (
          <Option key={p.id} value={p.id}>
            {p.name}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}
