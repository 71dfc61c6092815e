/** The admin's edits carried onto the newer version; fields both changed, each with "Take mine". */
import * as React from "react";
import { Button } from "@fluentui/react-components";
import { formatValue } from "../../model/format";
import type { MergeConflict } from "../../model/merge";
import { useEditor } from "../../state";
import { useSaveBarStyles } from "./SaveBar.styles";
import { SaveBarMessage } from "./SaveBarMessage";

function BothChanged(props: { conflicts: MergeConflict[]; onTake: (c: MergeConflict) => void }) {
  const styles = useSaveBarStyles();
  return (
    <>
      {" "}
      These fields were changed by both of you; the saved value is kept unless you take yours:
      <ul className={styles.list}>
        {props.conflicts.map((c, i) => (
          <li key={i}>
            {c.entity} “{c.name}”{c.path ? ` ${c.path}` : ""}: saved {formatValue(c.theirs)}, yours{" "}
            {formatValue(c.mine)}{" "}
            <Button size="small" onClick={() => props.onTake(c)}>
              Take mine
            </Button>
          </li>
        ))}
      </ul>
    </>
  );
}

export function MergeBar() {
  const editor = useEditor();
  const merge = editor.merge!;
  return (
    <SaveBarMessage
      intent={merge.conflicts.length > 0 ? "warning" : "info"}
      layout="multiline"
      testId="merge"
      title={`Your changes were applied to version ${merge.toVersion} (you started from ${merge.fromVersion})`}
      actions={<Button onClick={editor.dismissMerge}>Close</Button>}
    >
      {merge.applied} of your edits carried over; review and save.
      {merge.conflicts.length > 0 && <BothChanged conflicts={merge.conflicts} onTake={editor.takeMine} />}
    </SaveBarMessage>
  );
}
