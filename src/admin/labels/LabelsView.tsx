/**
 * Labels in order (order = sensitivity, least sensitive first), sublabels under their parent, and the
 * editor of the selected one. Moving a label renumbers the order the way the default taxonomy is
 * numbered; nothing is saved until Save.
 */
import * as React from "react";
import { Badge, Button, Text, Tooltip, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { AddRegular, ArrowDownRegular, ArrowUpRegular } from "@fluentui/react-icons";
import type { Label } from "../../core/policy";
import { useEditor } from "../state/editor";
import { insertLabel, labelTree, moveLabel, newLabel } from "../model/labelTree";
import { issuesAt } from "../model/issues";
import { LabelSwatch } from "../components/labels";
import { navigate } from "../router";
import { LabelEditor } from "./LabelEditor";

const useStyles = makeStyles({
  layout: {
    display: "grid",
    gridTemplateColumns: "minmax(260px, 340px) 1fr",
    gap: tokens.spacingHorizontalL,
  },
  list: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    gap: "2px",
  },
  row: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalXS,
    borderRadius: tokens.borderRadiusMedium,
    paddingRight: tokens.spacingHorizontalXS,
    ":hover": { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  selected: { backgroundColor: tokens.colorNeutralBackground1Selected },
  child: { paddingLeft: tokens.spacingHorizontalXL },
  name: { flexGrow: 1, justifyContent: "flex-start", minWidth: 0, textAlign: "left" },
  toolbar: { display: "flex", gap: tokens.spacingHorizontalS, marginBottom: tokens.spacingVerticalS },
  muted: { color: tokens.colorNeutralForeground3 },
});

export function LabelsView(props: { selected: string | null }) {
  const styles = useStyles();
  const editor = useEditor();
  const draft = editor.draft!;
  const tree = labelTree(draft.labels);
  const selected = draft.labels.find((l) => l.id === props.selected) ?? null;

  React.useEffect(() => {
    if (!props.selected && tree.length > 0) navigate("labels", tree[0].label.id);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.selected]);

  const add = (parentId: string | null) => {
    const label = newLabel(draft.labels, parentId, crypto.randomUUID());
    editor.update((d) => ({
      ...d,
      labels: insertLabel(d.labels, label, parentId),
      // A new label is published by every policy that publishes its parent (or, top level, by none).
      policies: d.policies.map((p) =>
        parentId && p.labels.includes(parentId) ? { ...p, labels: [...p.labels, label.id] } : p,
      ),
    }));
    navigate("labels", label.id);
  };

  const move = (id: string, delta: -1 | 1) =>
    editor.update((d) => {
      const moved = moveLabel(d.labels, id, delta);
      return moved ? { ...d, labels: moved } : d;
    });

  const row = (label: Label, siblings: Label[], index: number, child: boolean) => {
    const problems = issuesAt(editor.issues, `labels[${draft.labels.indexOf(label)}]`, true).length;
    return (
      <li
        key={label.id}
        className={mergeClasses(
          styles.row,
          child && styles.child,
          label.id === props.selected && styles.selected,
        )}
        data-testid="label-row"
        data-label-id={label.id}
      >
        <Button
          appearance="subtle"
          className={styles.name}
          onClick={() => navigate("labels", label.id)}
          aria-current={label.id === props.selected ? "true" : undefined}
        >
          <LabelSwatch color={label.color} />
          <span data-testid="label-name">{label.displayName}</span>
          {!label.isActive && (
            <Badge appearance="outline" color="subtle" size="small">
              inactive
            </Badge>
          )}
          {problems > 0 && (
            <Badge color="danger" size="small" aria-label={`${problems} problems`}>
              {problems}
            </Badge>
          )}
        </Button>
        <Tooltip content={`Move ${label.displayName} up (less sensitive)`} relationship="label">
          <Button
            size="small"
            appearance="subtle"
            icon={<ArrowUpRegular />}
            disabled={index === 0}
            onClick={() => move(label.id, -1)}
          />
        </Tooltip>
        <Tooltip content={`Move ${label.displayName} down (more sensitive)`} relationship="label">
          <Button
            size="small"
            appearance="subtle"
            icon={<ArrowDownRegular />}
            disabled={index === siblings.length - 1}
            onClick={() => move(label.id, 1)}
          />
        </Tooltip>
      </li>
    );
  };

  const tops = tree.map((n) => n.label);
  return (
    <div className={styles.layout}>
      <section aria-label="Labels in order">
        <div className={styles.toolbar}>
          <Button icon={<AddRegular />} onClick={() => add(null)}>
            New label
          </Button>
          <Button
            icon={<AddRegular />}
            disabled={!selected || selected.parentId !== null}
            onClick={() => selected && add(selected.id)}
          >
            New sublabel
          </Button>
        </div>
        <Text size={200} className={styles.muted}>
          Least sensitive at the top, most sensitive at the bottom.
        </Text>
        <ul className={styles.list}>
          {tree.map((node, i) => (
            <React.Fragment key={node.label.id}>
              {row(node.label, tops, i, false)}
              {node.children.map((c, j) => row(c, node.children, j, true))}
            </React.Fragment>
          ))}
        </ul>
      </section>
      <section aria-label="Label details">
        {selected ? <LabelEditor label={selected} /> : <Text>Select a label.</Text>}
      </section>
    </div>
  );
}
