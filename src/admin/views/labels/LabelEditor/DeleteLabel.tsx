/** Deleting a label (never one with sublabels): content that carries it keeps it. */
import * as React from "react";
import { Button } from "@fluentui/react-components";
import { DeleteRegular } from "@fluentui/react-icons";
import type { Label } from "../../../../core/policy";
import { ConfirmDialog } from "../../../components/ConfirmDialog";
import { Muted, Row } from "../../../components/Layout";
import { deleteLabel, policiesNaming } from "../../../model/labelEdits";
import { fullName } from "../../../model/labelNames";
import { navigate } from "../../../router";
import { useLabelDraft } from "../../../state";

export function DeleteLabel(props: { label: Label; hasChildren: boolean }) {
  const { label } = props;
  const { editor, draft } = useLabelDraft(label);
  const references = policiesNaming(draft, label.id);
  return (
    <Row>
      <ConfirmDialog
        trigger={
          <Button icon={<DeleteRegular />} disabled={props.hasChildren}>
            Delete label
          </Button>
        }
        title={`Delete ${fullName(label, draft.labels)}?`}
        confirmText="Delete"
        onConfirm={() => {
          editor.update((d) => deleteLabel(d, label.id));
          navigate("labels");
        }}
      >
        Content that already carries this label keeps it.{" "}
        {references.length > 0
          ? `It is unpublished from ${references.map((p) => p.name).join(", ")}; settings that still name it will be pointed out before you can save.`
          : "No policy uses it."}
      </ConfirmDialog>
      {props.hasChildren && <Muted>Delete or move its sublabels first.</Muted>}
    </Row>
  );
}
