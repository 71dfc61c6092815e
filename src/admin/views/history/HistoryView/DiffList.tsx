/**
 * What a version changed: each label, policy or tenant setting (label mappings, Purview sync
 * settings), field by field, before → after; a label a Purview sync retired says so.
 */
import * as React from "react";
import { Badge, Text } from "@fluentui/react-components";
import type { TenantPolicy } from "../../../../core/policy";
import type { EntityChange } from "../../../model/diff";
import { FieldChanges } from "../../../components/FieldChange";
import { useHistoryStyles } from "./HistoryView.styles";

const ENTITY_TEXT: Record<EntityChange["entity"], string> = {
  tenant: "Tenant",
  label: "Label",
  policy: "Policy",
};
const KIND_COLOR = { removed: "danger", added: "success", changed: "brand", retired: "warning" } as const;

export function DiffList(props: {
  changes: EntityChange[];
  before: TenantPolicy | null;
  after: TenantPolicy;
}) {
  const styles = useHistoryStyles();
  const names = new Map<string, string>();
  for (const l of [...(props.before?.labels ?? []), ...props.after.labels]) names.set(l.id, l.displayName);
  const labelName = (id: string) => names.get(id);
  if (props.changes.length === 0) return <Text>No differences.</Text>;
  return (
    <div className={styles.changes} data-testid="diff">
      {props.changes.map((c) => (
        <div key={`${c.entity}:${c.id}`} className={styles.change}>
          <Text weight="semibold">
            {ENTITY_TEXT[c.entity]} “{c.name}”{" "}
            <Badge appearance="tint" color={KIND_COLOR[c.kind]}>
              {c.kind}
            </Badge>
          </Text>
          {c.fields.length > 0 && (
            <FieldChanges fields={c.fields.map((f) => ({ ...f, field: f.path }))} labelName={labelName} />
          )}
        </div>
      ))}
    </div>
  );
}
