/** One value from a fixed list, bound to a path. */
import * as React from "react";
import { Dropdown, Option } from "@fluentui/react-components";
import { BoundField, type BoundProps } from "./BoundField";

export interface Choice<T extends string> {
  value: T;
  text: string;
}

/** Choices whose text is the value itself. */
export const choicesOf = <T extends string>(values: readonly T[]): Choice<T>[] =>
  values.map((value) => ({ value, text: value }));

export function ChoiceField<T extends string>(
  props: BoundProps & {
    value: T | null;
    choices: readonly Choice<T>[];
    onChange: (value: T) => void;
    placeholder?: string;
  },
) {
  const selected = props.choices.find((c) => c.value === props.value);
  return (
    <BoundField {...props}>
      <Dropdown
        value={selected?.text ?? props.value ?? ""}
        selectedOptions={props.value === null ? [] : [props.value]}
        placeholder={props.placeholder}
        onOptionSelect={(_e, d) => d.optionValue !== undefined && props.onChange(d.optionValue as T)}
      >
        {props.choices.map((c) => (
          <Option key={c.value} value={c.value}>
            {c.text}
          </Option>
        ))}
      </Dropdown>
    </BoundField>
  );
}
