/**
 * The type as edited, unsaved, run on pasted text in the browser (core's testInfoType, the same
 * detector the pane and the scanner run): each match with its confidence, or why the type cannot
 * run yet.
 */
import * as React from "react";
import { Field, Text, Textarea, mergeClasses } from "@fluentui/react-components";
import { testInfoType } from "../../../../core/detect/custom/testInfoType";
import type { CustomInfoType } from "../../../../core/policy/infoTypes";
import { InlineMessage } from "../../../components/InlineMessage";
import { Muted, Stack } from "../../../components/Layout";
import { useTestBoxStyles } from "./TestBox.styles";

export function TestBox(props: { type: CustomInfoType }) {
  const styles = useTestBoxStyles();
  const [text, setText] = React.useState("");
  const sample = React.useDeferredValue(text);
  const result = React.useMemo(
    () => (sample.trim() === "" ? null : testInfoType(props.type, sample)),
    [props.type, sample],
  );
  return (
    <Stack data-testid="info-type-test">
      <Field label="Sample text" hint="Not saved; runs the type as it is now, before you save it.">
        <Textarea rows={4} resize="vertical" value={text} onChange={(_e, d) => setText(d.value)} />
      </Field>
      {result && !result.ok && (
        <InlineMessage intent="error" data-testid="test-issues">
          {result.issues.map((i) => `${i.path.replace(/^\./, "")}: ${i.message}`).join("\n")}
        </InlineMessage>
      )}
      {result?.ok && result.matches.length === 0 && <Muted data-testid="test-none">No match.</Muted>}
      {result?.ok && result.matches.length > 0 && (
        <table className={styles.table} data-testid="test-matches">
          <thead>
            <tr>
              <th className={styles.cell}>Match</th>
              <th className={styles.cell}>At</th>
              <th className={styles.cell}>Confidence</th>
            </tr>
          </thead>
          <tbody>
            {result.matches.map((m) => (
              <tr key={m.start} data-testid="test-match">
                <td className={mergeClasses(styles.cell, styles.match)}>{m.text}</td>
                <td className={styles.cell}>{m.start}</td>
                <td className={styles.cell}>{m.confidence}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {result?.ok && result.truncated && <Text>Only the start of the text was searched.</Text>}
    </Stack>
  );
}
