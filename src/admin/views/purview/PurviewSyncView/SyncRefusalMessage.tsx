/** Why a sync applied nothing; Purview data that does not fit, field by field. */
import * as React from "react";
import type { SyncRefusal } from "../../../model/syncRefusal";
import { InlineMessage } from "../../../components/InlineMessage";
import { usePurviewSyncStyles } from "./PurviewSyncView.styles";

export function SyncRefusalMessage(props: { refusal: SyncRefusal }) {
  const styles = usePurviewSyncStyles();
  const { refusal } = props;
  return (
    <InlineMessage intent="error" title={refusal.title} data-testid="sync-refused">
      {refusal.text}
      {refusal.issues.length > 0 && (
        <ul className={styles.list} data-testid="sync-issues">
          {refusal.issues.map((i) => (
            <li key={`${i.path}:${i.rule}`}>
              <code className={styles.path}>{i.path}</code>: {i.message}
            </li>
          ))}
        </ul>
      )}
    </InlineMessage>
  );
}
