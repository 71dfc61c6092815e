/** Deleting a policy: the people it scopes fall back to the other policies that scope them. */
import * as React from "react";
import { Button } from "@fluentui/react-components";
import { DeleteRegular } from "@fluentui/react-icons";
import type { LabelPolicy } from "../../../../core/policy";
import { ConfirmDialog } from "../../../components/ConfirmDialog";
import { navigate } from "../../../router";
import { useEditor } from "../../../state";

export function DeletePolicy(props: { policy: LabelPolicy }) {
  const editor = useEditor();
  const { policy } = props;
  return (
    <div>
      <ConfirmDialog
        trigger={<Button icon={<DeleteRegular />}>Delete policy</Button>}
        title={`Delete ${policy.name}?`}
        confirmText="Delete"
        onConfirm={() => {
          editor.update((d) => ({ ...d, policies: d.policies.filter((p) => p.id !== policy.id) }));
          navigate("policies");
        }}
      >
        People it scopes fall back to the other policies that scope them, once you save.
      </ConfirmDialog>
    </div>
  );
}
