/** Another admin saved first: the draft is kept, and the admin chooses to merge onto theirs or drop it. */
import * as React from "react";
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from "@fluentui/react-components";
import { useEditor } from "../../state";

export function ConflictBar() {
  const editor = useEditor();
  return (
    <MessageBar intent="error" layout="multiline" data-testid="conflict">
      <MessageBarBody>
        <MessageBarTitle>Someone else saved first</MessageBarTitle>
        {editor.conflict!.message}. Your changes are still here, not saved.
      </MessageBarBody>
      <MessageBarActions>
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
      </MessageBarActions>
    </MessageBar>
  );
}
