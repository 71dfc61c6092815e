import { mergeClasses } from "@fluentui/react-components";
import { useLabelBadgeStyles } from "./LabelBadge.styles";

export interface LabelBadgeProps {
  /** Full label name, or null for "no label". */
  name: string | null;
  color: string | null;
  noLabelText: string;
  /** Accessible prefix, e.g. "Current label". */
  caption: string;
}

/** The item's current label as a coloured badge; a live region so a change is announced. */
export function LabelBadge({ name, color, noLabelText, caption }: LabelBadgeProps) {
  const styles = useLabelBadgeStyles();
  return (
    <div
      className={styles.root}
      role="status"
      aria-live="polite"
      aria-label={`${caption}: ${name ?? noLabelText}`}
      data-testid="label-badge"
    >
      {name !== null && (
        <span
          className={styles.swatch}
          style={{ backgroundColor: color ?? "transparent" }}
          aria-hidden="true"
        />
      )}
      <span className={mergeClasses(styles.name, name === null && styles.none)}>{name ?? noLabelText}</span>
    </div>
  );
}
