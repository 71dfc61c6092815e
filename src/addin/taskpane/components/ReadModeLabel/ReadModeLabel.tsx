import { makeStyles, tokens } from "@fluentui/react-components";
import { useHeadedListStyles } from "../headedList.styles";
import { LabelBadge } from "../../../../ui/LabelBadge";
import type { LabelNote } from "../../model/labelNotes";
import { LabelNotes } from "../LabelNotes";
import { OtherTenantLabels } from "../OtherTenantLabels";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  kind: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  none: { margin: 0, color: tokens.colorNeutralForeground2 },
});

export interface ReadModeLabelProps {
  heading: string;
  /** Our tenant's label of the received mail, or null. */
  label: { name: string; color: string | null } | null;
  noneText: string;
  noLabelText: string;
  /** Where the label comes from: "Mapped from …" when a label mapping gives it. */
  notes: LabelNote[];
  otherMarkingsHeading: string;
  otherMarkings: Array<{ kind: string; text: string }>;
  otherTenantHeading: string;
  otherTenantLabels: string[];
}

/** A received mail's label, read from its headers; read-only. */
export function ReadModeLabel(props: ReadModeLabelProps) {
  const styles = useStyles();
  const listStyles = useHeadedListStyles();
  return (
    <section className={styles.root} aria-labelledby="lb-read-heading" data-testid="read-mode">
      <h2 id="lb-read-heading" className={listStyles.heading}>
        {props.heading}
      </h2>
      {props.label ? (
        <LabelBadge
          name={props.label.name}
          color={props.label.color}
          noLabelText={props.noLabelText}
          caption={props.heading}
        />
      ) : (
        <p className={styles.none}>{props.noneText}</p>
      )}
      <LabelNotes notes={props.notes} />
      {props.otherMarkings.length > 0 && (
        <>
          <h3 className={listStyles.heading}>{props.otherMarkingsHeading}</h3>
          <ul className={listStyles.list} data-testid="other-markings">
            {props.otherMarkings.map((m) => (
              <li key={`${m.kind}:${m.text}`}>
                <span className={styles.kind}>{m.kind}</span> {m.text}
              </li>
            ))}
          </ul>
        </>
      )}
      <OtherTenantLabels heading={props.otherTenantHeading} labels={props.otherTenantLabels} />
    </section>
  );
}
