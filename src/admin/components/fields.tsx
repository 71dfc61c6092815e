/**
 * Form fields bound to a JSON path of the configuration: each shows, under itself, the issues the
 * shared validation reports at exactly that path (`labels[3].tooltip: a tooltip tells people…`).
 */
import * as React from "react";
import {
  Checkbox,
  Dropdown,
  Field,
  Input,
  Option,
  Switch,
  Textarea,
  type FieldProps,
} from "@fluentui/react-components";
import { useEditor } from "../state/editor";
import { messageAt } from "../model/issues";

export function useIssueMessage(path: string, within = false): string | undefined {
  const { issues } = useEditor();
  return messageAt(issues, path, within);
}

interface BaseProps {
  /** JSON path of the value, for its issues and its test id. */
  path: string;
  label: string;
  hint?: FieldProps["hint"];
  required?: boolean;
  /** Also show issues inside this path (a list shows its items' issues). */
  within?: boolean;
}

function BoundField(props: BaseProps & { children: FieldProps["children"] }) {
  const message = useIssueMessage(props.path, props.within);
  return (
    <Field
      label={props.label}
      hint={props.hint}
      required={props.required}
      validationState={message ? "error" : "none"}
      validationMessage={message}
      data-path={props.path}
    >
      {props.children}
    </Field>
  );
}

export function TextField(
  props: BaseProps & {
    value: string;
    onChange: (value: string) => void;
    placeholder?: string;
    maxLength?: number;
  },
) {
  return (
    <BoundField {...props}>
      <Input
        value={props.value}
        placeholder={props.placeholder}
        maxLength={props.maxLength}
        onChange={(_e, d) => props.onChange(d.value)}
      />
    </BoundField>
  );
}

export function TextAreaField(
  props: BaseProps & {
    value: string;
    onChange: (value: string) => void;
    rows?: number;
    placeholder?: string;
  },
) {
  return (
    <BoundField {...props}>
      <Textarea
        value={props.value}
        rows={props.rows ?? 3}
        placeholder={props.placeholder}
        resize="vertical"
        onChange={(_e, d) => props.onChange(d.value)}
      />
    </BoundField>
  );
}

/** A number input that keeps what the admin typed; an empty or bad value reaches validation as is. */
export function NumberField(
  props: BaseProps & {
    value: number | undefined;
    onChange: (value: number | undefined) => void;
    min?: number;
    max?: number;
  },
) {
  const [text, setText] = React.useState(props.value === undefined ? "" : String(props.value));
  React.useEffect(() => {
    // Only an outside change (discard, merge, reload) replaces what is being typed.
    const typed = text.trim() === "" ? undefined : Number(text);
    const unchanged = typed === props.value || (Number.isNaN(typed) && Number.isNaN(props.value));
    if (!unchanged) setText(props.value === undefined ? "" : String(props.value));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.value]);
  return (
    <BoundField {...props}>
      <Input
        type="number"
        value={text}
        min={props.min}
        max={props.max}
        onChange={(_e, d) => {
          setText(d.value);
          props.onChange(d.value.trim() === "" ? undefined : Number(d.value));
        }}
      />
    </BoundField>
  );
}

export function SwitchField(props: {
  path: string;
  label: string;
  checked: boolean;
  onChange: (v: boolean) => void;
}) {
  const message = useIssueMessage(props.path);
  return (
    <Field validationState={message ? "error" : "none"} validationMessage={message} data-path={props.path}>
      <Switch label={props.label} checked={props.checked} onChange={(_e, d) => props.onChange(d.checked)} />
    </Field>
  );
}

export function CheckboxField(props: {
  path: string;
  label: string;
  checked: boolean;
  onChange: (v: boolean) => void;
}) {
  const message = useIssueMessage(props.path);
  return (
    <Field validationState={message ? "error" : "none"} validationMessage={message} data-path={props.path}>
      <Checkbox
        label={props.label}
        checked={props.checked}
        onChange={(_e, d) => props.onChange(d.checked === true)}
      />
    </Field>
  );
}

export interface Choice<T extends string> {
  value: T;
  text: string;
}

export function ChoiceField<T extends string>(
  props: BaseProps & {
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

/** A list of strings, one per line. Issues of items (`scope.groups[2]`) show as "line 3: …". */
export function LinesField(
  props: BaseProps & {
    value: readonly string[];
    onChange: (value: string[]) => void;
    placeholder?: string;
    rows?: number;
  },
) {
  const { issues } = useEditor();
  const [text, setText] = React.useState(props.value.join("\n"));
  React.useEffect(() => {
    const parsed = split(text);
    if (parsed.join("\n") !== props.value.join("\n")) setText(props.value.join("\n"));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.value]);
  const mine = issues.filter((i) => i.path === props.path || i.path.startsWith(`${props.path}[`));
  const message =
    mine.length === 0
      ? undefined
      : mine
          .map((i) => {
            const m = /^\[(\d+)\]/.exec(i.path.slice(props.path.length));
            return m ? `line ${Number(m[1]) + 1}: ${i.message}` : i.message;
          })
          .join("\n");
  return (
    <Field
      label={props.label}
      hint={props.hint}
      validationState={message ? "error" : "none"}
      validationMessage={message}
      data-path={props.path}
    >
      <Textarea
        value={text}
        rows={props.rows ?? 3}
        placeholder={props.placeholder}
        resize="vertical"
        onChange={(_e, d) => {
          setText(d.value);
          props.onChange(split(d.value));
        }}
      />
    </Field>
  );
}

function split(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}
