/** Text, long text and number inputs bound to a path. */
import * as React from "react";
import { Input, Textarea } from "@fluentui/react-components";
import { BoundField, type BoundProps } from "./BoundField";

export function TextField(
  props: BoundProps & {
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
  props: BoundProps & {
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
  props: BoundProps & {
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
