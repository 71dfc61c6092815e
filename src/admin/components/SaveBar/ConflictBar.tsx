/** Another admin saved first: the draft is kept, and the admin chooses to merge onto theirs or drop it. */
import * as React from "react";
import { Button } from "@fluentui/react-components";
import { useEditor } from "../../state";
import { SaveBarMessage } from "./SaveBarMessage";

export function ConflictBar() {
  const editor = useEditor();
  return (
    <SaveBarMessage
      intent="error"
      layout="multiline"
      testId="conflict"
      title="Someone else saved first"
      actions={
        <>
          <Button appearance="primary" onClick={() => void editor.mergeWithLatest()}>
            Apply my changes to the newer version
          </Button>
          <Button
            onClick={() => {
              editor.discard();
              void editor.reload();
            }}
          >
            Discard mine and reload
          </Button>
        </>
      }
    >
      {editor.conflict!.message}. Your changes are still here, not saved.
    </SaveBarMessage>
  );
}
