/**
 * Labels in order (order = sensitivity, least sensitive first), sublabels under their parent, and the
 * editor of the selected one. Moving a label renumbers the order the way the default taxonomy is
 * numbered; nothing is saved until Save.
 */
import * as React from "react";
import { Button, Text } from "@fluentui/react-components";
import { AddRegular } from "@fluentui/react-icons";
import type { Label } from "../../../../core/policy";
import { ItemList } from "../../../components/ItemList";
import { ListDetail } from "../../../components/ListDetail";
import { issuesAt } from "../../../model/issues";
import { addLabel, moveLabelIn } from "../../../model/labelEdits";
import { labelTree, newLabel } from "../../../model/labelTree";
import { navigate, useOpenFirst } from "../../../router";
import type { ViewProps } from "../../../routes";
import { useEditor } from "../../../state";
import { LabelEditor } from "../LabelEditor";
import { LabelRow } from "./LabelRow";

export function LabelsView(props: ViewProps) {
  const editor = useEditor();
  const draft = editor.draft!;
  const tree = labelTree(draft.labels);
  const selected = draft.labels.find((l) => l.id === props.selected) ?? null;

  useOpenFirst("labels", props.selected, tree[0]?.label.id);

  const add = (parentId: string | null) => {
    const label = newLabel(draft.labels, parentId, crypto.randomUUID());
    editor.update((d) => addLabel(d, label, parentId));
    navigate("labels", label.id);
  };

  const row = (label: Label, siblings: readonly Label[], index: number, child: boolean) => (
    <LabelRow
      key={label.id}
      label={label}
      selected={label.id === props.selected}
      child={child}
      first={index === 0}
      last={index === siblings.length - 1}
      problems={issuesAt(editor.issues, `labels[${draft.labels.indexOf(label)}]`, true).length}
      onMove={(delta) => editor.update((d) => moveLabelIn(d, label.id, delta))}
    />
  );

  const tops = tree.map((n) => n.label);
  return (
    <ListDetail
      listLabel="Labels in order"
      toolbar={
        <>
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
        </>
      }
      hint="Least sensitive at the top, most sensitive at the bottom."
      list={
        <ItemList>
          {tree.map((node, i) => (
            <React.Fragment key={node.label.id}>
              {row(node.label, tops, i, false)}
              {node.children.map((c, j) => row(c, node.children, j, true))}
            </React.Fragment>
          ))}
        </ItemList>
      }
      detailLabel="Label details"
      detail={selected ? <LabelEditor label={selected} /> : <Text>Select a label.</Text>}
    />
  );
}
