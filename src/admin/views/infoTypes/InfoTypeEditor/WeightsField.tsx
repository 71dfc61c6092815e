/** Checksum weights as the admin types them ("1, 4, 3, 7"): kept as typed, numbers to the draft. */
import * as React from "react";
import { Input } from "@fluentui/react-components";
import { BoundField } from "../../../components/fields";

const parse = (text: string): number[] =>
  text
    .split(/[\s,;]+/)
    .filter((s) => s !== "")
    .map(Number);

export function WeightsField(props: {
  path: string;
  value: readonly number[];
  onChange: (v: number[]) => void;
}) {
  const [text, setText] = React.useState(props.value.join(", "));
  React.useEffect(() => {
    // Only an outside change (discard, merge) replaces what is being typed.
    if (parse(text).join(",") !== props.value.join(",")) setText(props.value.join(", "));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.value]);
  return (
    <BoundField path={props.path} label="Weights" hint="One per character, separated by commas." within>
      <Input
        value={text}
        onChange={(_e, d) => {
          setText(d.value);
          props.onChange(parse(d.value));
        }}
      />
    </BoundField>
  );
}
