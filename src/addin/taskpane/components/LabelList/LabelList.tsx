import { Button, mergeClasses } from "@fluentui/react-components";
import type { LabelNode } from "../../model/labelTree";
import { useLabelListStyles } from "./LabelList.styles";

export interface LabelListProps {
  labels: LabelNode[];
  currentId: string | null;
  disabled: boolean;
  heading: string;
  appliedText: string;
  applyAria: (label: string) => string;
  onChoose: (labelId: string) => void;
  /** Moves keyboard focus to the list (the pane opened from "Select a label" at send). */
  autoFocus?: boolean;
}

/**
 * The labels a person may apply, with their tooltips shown as text (readable without hovering and
 * read by screen readers). A parent with sublabels is a group heading, never a choice.
 */
export function LabelList(props: LabelListProps) {
  const styles = useLabelListStyles();
  const option = (node: LabelNode, sub: boolean, first: boolean) => {
    const selected = node.id === props.currentId;
    return (
      <li key={node.id}>
        <Button
          appearance="subtle"
          className={mergeClasses(styles.option, sub && styles.sub, selected && styles.selected)}
          aria-pressed={selected}
          aria-label={props.applyAria(node.fullName)}
          aria-describedby={`lb-tip-${node.id}`}
          disabled={props.disabled}
          autoFocus={props.autoFocus && first}
          onClick={() => props.onChoose(node.id)}
          data-label-id={node.id}
        >
          <span
            className={styles.swatch}
            style={{ backgroundColor: node.color ?? "transparent" }}
            aria-hidden="true"
          />
          <span className={styles.text}>
            <span className={styles.name}>{node.displayName}</span>
            <span id={`lb-tip-${node.id}`} className={styles.tooltip}>
              {node.tooltip}
            </span>
          </span>
          {selected && (
            <span className={styles.applied} aria-hidden="true">
              {props.appliedText}
            </span>
          )}
        </Button>
      </li>
    );
  };
  let firstDone = false;
  const first = () => {
    const f = !firstDone;
    firstDone = true;
    return f;
  };
  return (
    <section aria-labelledby="lb-labels-heading" data-testid="label-list">
      <h2 id="lb-labels-heading" className={styles.heading}>
        {props.heading}
      </h2>
      <ul className={styles.root}>
        {props.labels.map((node) =>
          node.children.length === 0 ? (
            option(node, false, first())
          ) : (
            <li key={node.id}>
              <div className={styles.parent} id={`lb-group-${node.id}`} title={node.tooltip}>
                {node.displayName}
              </div>
              <ul className={styles.group} aria-labelledby={`lb-group-${node.id}`}>
                {node.children.map((child) => option(child, true, first()))}
              </ul>
            </li>
          ),
        )}
      </ul>
    </section>
  );
}
