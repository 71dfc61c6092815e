/**
 * What a Graph sync changes (or, in a dry run, would change): labels added, changed field by field
 * with before → after, retired; policies; tenant settings; and the sync's warnings.
 */
import * as React from "react";
import { Badge, Text } from "@fluentui/react-components";
import type { GraphSyncResult } from "../../../../contracts/adminApi";
import { FieldChanges } from "../../../components/FieldChange";
import { Muted } from "../../../components/Layout";
import { syncChangeGroups, syncSummary, type ChangeTone } from "../../../model/syncDiff";
import { useSyncChangesStyles } from "./SyncChanges.styles";

const TONE_COLOR: Record<ChangeTone, "success" | "brand" | "warning" | "danger"> = {
  added: "success",
  changed: "brand",
  retired: "warning",
  removed: "danger",
};

export function SyncChanges(props: {
  result: GraphSyncResult;
  labelName: (id: string) => string | undefined;
}) {
  const styles = useSyncChangesStyles();
  const { diff, warnings } = props.result;
  return (
    <div className={styles.groups} data-testid="sync-changes">
      <Text weight="semibold" data-testid="sync-summary">
        {syncSummary(diff)}
      </Text>
      {syncChangeGroups(diff).map((group) => (
        <section key={group.key} className={styles.group} aria-label={group.title} data-testid={group.key}>
          <Text weight="semibold">
            {group.title}{" "}
            <Badge appearance="tint" color={TONE_COLOR[group.tone]}>
              {group.items.length}
            </Badge>
          </Text>
          <ul className={styles.list}>
            {group.items.map((item) => (
              <li key={item.id ?? item.name} data-testid="sync-item">
                <Text>{item.name}</Text>
                {item.retiredAt && <Muted> retired {new Date(item.retiredAt).toLocaleString()}</Muted>}
                {item.fields.length > 0 && <FieldChanges fields={item.fields} labelName={props.labelName} />}
              </li>
            ))}
          </ul>
        </section>
      ))}
      {warnings.length > 0 && (
        <section aria-label="Warnings" data-testid="sync-warnings">
          <Text weight="semibold">Warnings</Text>
          <ul className={styles.list}>
            {warnings.map((w) => (
              <li key={w}>
                <Muted>{w}</Muted>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
