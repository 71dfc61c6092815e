/** On/off settings bound to a path: the switch or checkbox carries its own label. */
import * as React from "react";
import { Checkbox, Switch } from "@fluentui/react-components";
import { BoundField } from "./BoundField";

interface ToggleProps {
  path: string;
  label: string;
  checked: boolean;
  onChange: (v: boolean) => void;
}

export function SwitchField(props: ToggleProps) {
  return (
    <BoundField path={props.path}>
      <Switch label={props.label} checked={props.checked} onChange={(_e, d) => props.onChange(d.checked)} />
    </BoundField>
  );
}

export function CheckboxField(props: ToggleProps) {
  return (
    <BoundField path={props.path}>
      <Checkbox
        label={props.label}
        checked={props.checked}
        onChange={(_e, d) => props.onChange(d.checked === true)}
      />
    </BoundField>
  );
}
