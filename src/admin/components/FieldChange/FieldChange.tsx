/**
 * Fields that changed, one line each: `tooltip: "before" → "after"`, label ids named. History's diff
 * and the Purview sync's diff draw them the same way.
 */
import * as React from "react";
import { formatValue } from "../../model/format";
import { useFieldChangeStyles } from "./FieldChange.styles";

export interface ChangedField {
  /** Where in the label, policy or tenant (`settings.mandatoryMail`). */
  field: string;
  before?: unknown;
  after?: unknown;
}

export function FieldChanges(props: {
  fields: readonly ChangedField[];
  labelName: (id: string) => string | undefined;
}) {
  const styles = useFieldChangeStyles();
  return (
    <ul className={styles.list}>
      {props.fields.map((f) => (
        <li key={f.field} className={styles.field} data-testid="field-change">
          {f.field}: <span className={styles.before}>{formatValue(f.before, props.labelName)}</span> →{" "}
          <span className={styles.after}>{formatValue(f.after, props.labelName)}</span>
        </li>
      ))}
    </ul>
  );
}
