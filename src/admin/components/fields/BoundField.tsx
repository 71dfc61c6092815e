/**
 * Form fields bound to a JSON path of the configuration: each shows, under itself, the issues the
 * shared validation reports at exactly that path (`labels[3].tooltip: a tooltip tells people…`).
 */
import * as React from "react";
import { Field, type FieldProps } from "@fluentui/react-components";
import { useEditor } from "../../state";
import { messageAt } from "../../model/issues";

export function useIssueMessage(path: string, within = false): string | undefined {
  const { issues } = useEditor();
  return messageAt(issues, path, within);
}

export interface BoundProps {
  /** JSON path of the value, for its issues and its test id. */
  path: string;
  label?: string;
  hint?: FieldProps["hint"];
  required?: boolean;
  /** Also show issues inside this path (a list shows its items' issues). */
  within?: boolean;
}

/** A field showing `message` as its error; `data-path` lets an issue (and a test) find it. */
export function IssueField(
  props: Omit<BoundProps, "within"> & { message: string | undefined; children: FieldProps["children"] },
) {
  return (
    <Field
      label={props.label}
      hint={props.hint}
      required={props.required}
      validationState={props.message ? "error" : "none"}
      validationMessage={props.message}
      data-path={props.path}
    >
      {props.children}
    </Field>
  );
}

/** A field showing the draft's issues at its path. */
export function BoundField(props: BoundProps & { children: FieldProps["children"] }) {
  const message = useIssueMessage(props.path, props.within);
  return <IssueField {...props} message={message} />;
}
