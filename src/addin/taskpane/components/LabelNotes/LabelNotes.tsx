import { makeStyles, tokens } from "@fluentui/react-components";
import type { LabelNote } from "../../model/labelNotes";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS, margin: 0 },
  note: { margin: 0, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

/** Where the label comes from (a mapping) and what Office keeps of it: plain text under the badge. */
export function LabelNotes({ notes }: { notes: LabelNote[] }) {
  const styles = useStyles();
  if (notes.length === 0) return null;
  return (
    <div className={styles.root} data-testid="label-notes">
      {notes.map((n) => (
        <p key={n.kind} className={styles.note} data-testid={`label-note-${n.kind}`}>
          {n.text}
        </p>
      ))}
    </div>
  );
}
