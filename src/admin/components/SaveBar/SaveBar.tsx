/**
 * The strip above every editing view: which version is live, how many edits are waiting, Save and
 * Discard, and what happened — saved, refused with its problems, or overtaken by another admin's save.
 */
import * as React from "react";
import { Button, Text } from "@fluentui/react-components";
import { useEditor } from "../../state";
import { ConflictBar } from "./ConflictBar";
import { MergeBar } from "./MergeBar";
import { SaveNotice } from "./SaveNotice";
import { useSaveBarStyles } from "./SaveBar.styles";

const pending = (changes: number) => `${changes} unsaved change${changes === 1 ? "" : "s"}`;

export function SaveBar() {
  const styles = useSaveBarStyles();
  const editor = useEditor();
  const idle = !editor.dirty || editor.saving;
  return (
    <>
      <div className={styles.bar} data-testid="save-bar">
        <Text weight="semibold" data-testid="version">
          Version {editor.version}
        </Text>
        <Text data-testid="pending">{editor.dirty ? pending(editor.changes) : "No unsaved changes"}</Text>
        <span className={styles.grow} />
        <Button disabled={idle} onClick={editor.discard}>
          Discard
        </Button>
        <Button appearance="primary" disabled={idle} onClick={() => void editor.save()}>
          {editor.saving ? "Saving…" : "Save"}
        </Button>
      </div>
      {editor.notice && <SaveNotice />}
      {editor.conflict && <ConflictBar />}
      {editor.merge && <MergeBar />}
    </>
  );
}
