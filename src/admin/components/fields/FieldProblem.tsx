/** Issues that belong to no single input: a whole list, a whole record, a whole section. */
import * as React from "react";
import { Text } from "@fluentui/react-components";
import { InlineMessage } from "../InlineMessage";
import { useIssueMessage } from "./BoundField";
import { useFieldStyles } from "./fields.styles";

/** The issues at `path`, as red text in place. */
export function FieldProblem(props: { path: string }) {
  const styles = useFieldStyles();
  const message = useIssueMessage(props.path);
  return message ? <Text className={styles.error}>{message}</Text> : null;
}

/** The issues at `path`, as an error bar over the section they concern. */
export function IssueBar(props: { path: string }) {
  const message = useIssueMessage(props.path);
  return message ? (
    <InlineMessage intent="error" data-path={props.path}>
      {message}
    </InlineMessage>
  ) : null;
}
