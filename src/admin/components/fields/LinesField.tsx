/** A list of strings, one per line. Issues of items (`scope.groups[2]`) show as "line 3: …". */
import * as React from "react";
import { Textarea } from "@fluentui/react-components";
import type { PolicyIssue } from "../../../core/policy";
import { useEditor } from "../../state";
import { IssueField, type BoundProps } from "./BoundField";

function split(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

function lineMessages(issues: readonly PolicyIssue[], path: string): string | undefined {
  const mine = issues.filter((i) => i.path === path || i.path.startsWith(`${path}[`));
  if (mine.length === 0) return undefined;
  return mine
    .map((i) => {
      const m = /^\[(\d+)\]/.exec(i.path.slice(path.length));
      return m ? `line ${Number(m[1]) + 1}: ${i.message}` : i.message;
    })
    .join("\n");
}

export function LinesField(
  props: BoundProps & {
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
  return (
    <IssueField
      path={props.path}
      label={props.label}
      hint={props.hint}
      message={lineMessages(issues, props.path)}
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
    </IssueField>
  );
}
