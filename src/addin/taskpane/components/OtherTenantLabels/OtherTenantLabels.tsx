import { makeStyles, tokens } from "@fluentui/react-components";
import { useHeadedListStyles } from "../headedList.styles";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  note: { margin: 0, color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

export interface OtherTenantLabelsProps {
  heading: string;
  /** Label names (or ids where a record has no name). */
  labels: string[];
  /** Why they are there and what happens to them, e.g. "kept as it is". */
  note?: string;
}

/** Labels from other organisations the item carries: shown, read-only, never changed by us. */
export function OtherTenantLabels({ heading, labels, note }: OtherTenantLabelsProps) {
  const styles = useStyles();
  const listStyles = useHeadedListStyles();
  if (labels.length === 0) return null;
  return (
    <section className={styles.root} data-testid="other-tenant-labels">
      <h3 className={listStyles.heading}>{heading}</h3>
      <ul className={listStyles.list}>
        {labels.map((t) => (
          <li key={t}>{t}</li>
        ))}
      </ul>
      {note && <p className={styles.note}>{note}</p>}
    </section>
  );
}
