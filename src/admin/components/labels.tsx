/** Label pickers and the colour swatch used wherever the console names a label. */
import * as React from "react";
import { Dropdown, Field, Option, makeStyles, tokens, type FieldProps } from "@fluentui/react-components";
import type { Label } from "../../core/policy";
import { orderedLabels } from "../model/labelTree";
import { useIssueMessage } from "./fields";

const useStyles = makeStyles({
  swatch: {
    display: "inline-block",
    width: "10px",
    height: "10px",
    borderRadius: tokens.borderRadiusCircular,
    marginRight: tokens.spacingHorizontalS,
    flexShrink: 0,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
  },
});

/** React sets `style` through CSSOM, which the console's CSP allows (it blocks style attributes in markup). */
export function LabelSwatch(props: { color?: string }) {
  const styles = useStyles();
  const color = /^#[0-9a-fA-F]{6}$/.test(props.color ?? "") ? props.color : "transparent";
  return <span className={styles.swatch} style={{ backgroundColor: color }} aria-hidden="true" />;
}

export function fullName(label: Label, labels: readonly Label[]): string {
  const parent = label.parentId ? labels.find((l) => l.id === label.parentId) : undefined;
  return parent ? `${parent.displayName} \\ ${label.displayName}` : label.displayName;
}

export function labelText(id: string | null | undefined, labels: readonly Label[]): string {
  if (!id) return "";
  const label = labels.find((l) => l.id === id);
  return label ? fullName(label, labels) : `unknown label ${id}`;
}

interface SpecialChoice {
  value: string;
  text: string;
}

/**
 * One label, or one of the special choices (None, Same as documents). Parents stay selectable: a
 * parent chosen as default is refused by validation at this field, as in scenario 1.
 */
export function LabelPicker(props: {
  path: string;
  label: string;
  labels: readonly Label[];
  value: string | null;
  specials?: SpecialChoice[];
  onChange: (value: string) => void;
  hint?: FieldProps["hint"];
}) {
  const message = useIssueMessage(props.path);
  const ordered = orderedLabels(props.labels);
  const parents = new Set(props.labels.map((l) => l.parentId).filter((p): p is string => p !== null));
  const special = props.specials?.find((s) => s.value === (props.value ?? ""));
  const text = special ? special.text : labelText(props.value, props.labels);
  return (
    <Field
      label={props.label}
      hint={props.hint}
      validationState={message ? "error" : "none"}
      validationMessage={message}
      data-path={props.path}
    >
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
        {ordered.map((l) => (
          <Option key={l.id} value={l.id} text={fullName(l, props.labels)}>
            <LabelSwatch color={l.color} />
            {fullName(l, props.labels)}
            {parents.has(l.id) ? " (parent)" : ""}
            {!l.isActive ? " (inactive)" : ""}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}

export function LabelMultiPicker(props: {
  path: string;
  label: string;
  labels: readonly Label[];
  value: readonly string[];
  onChange: (value: string[]) => void;
  hint?: FieldProps["hint"];
  placeholder?: string;
}) {
  const message = useIssueMessage(props.path, true);
  const ordered = orderedLabels(props.labels);
  return (
    <Field
      label={props.label}
      hint={props.hint}
      validationState={message ? "error" : "none"}
      validationMessage={message}
      data-path={props.path}
    >
      <Dropdown
        multiselect
        placeholder={props.placeholder ?? "No labels"}
        value={props.value.map((id) => labelText(id, props.labels)).join(", ")}
        selectedOptions={[...props.value]}
        onOptionSelect={(_e, d) => props.onChange(d.selectedOptions)}
      >
        {ordered.map((l) => (
          <Option key={l.id} value={l.id} text={fullName(l, props.labels)}>
            {fullName(l, props.labels)}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}
