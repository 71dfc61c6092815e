/** How an import or export went, with every warning or problem on a line of its own. */
import * as React from "react";
import { InlineMessage } from "../../../components/InlineMessage";
import { useImportExportStyles } from "./ImportExportView.styles";

export interface Result {
  intent: "success" | "error";
  title: string;
  lines: string[];
}

export function ResultMessage(props: { result: Result }) {
  const styles = useImportExportStyles();
  const { result } = props;
  return (
    <InlineMessage intent={result.intent} layout="multiline" title={result.title} data-testid="import-result">
      <ul className={styles.list}>
        {result.lines.map((l, i) => (
          <li key={i}>{l}</li>
        ))}
      </ul>
    </InlineMessage>
  );
}
