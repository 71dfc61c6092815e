/** Deleting a custom type: conditions that name it are reported at save until they name another. */
import * as React from "react";
import { Button } from "@fluentui/react-components";
import { DeleteRegular } from "@fluentui/react-icons";
import type { CustomInfoType } from "../../../../core/policy/infoTypes";
import { ConfirmDialog } from "../../../components/ConfirmDialog";
import { withInfoTypes } from "../../../model/infoTypeEdits";
import { navigate } from "../../../router";
import { useEditor } from "../../../state";

export function DeleteInfoType(props: { type: CustomInfoType }) {
  const { type } = props;
  const editor = useEditor();
  const remove = () => {
    editor.update((d) =>
      withInfoTypes(
        d,
        (d.infoTypes ?? []).filter((t) => t.id !== type.id),
      ),
    );
    navigate("info-types");
  };
  return (
    <ConfirmDialog
      trigger={<Button icon={<DeleteRegular />}>Delete information type</Button>}
      title={`Delete ${type.name}?`}
      confirmText="Delete"
      onConfirm={remove}
    >
      Conditions that name it are reported when you save, until they name another type.
    </ConfirmDialog>
  );
}
