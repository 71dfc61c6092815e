/** What the last save did; when refused, the problems, each a link to the label or policy it is in. */
import * as React from "react";
import { Button } from "@fluentui/react-components";
import type { TenantPolicy } from "../../../core/policy";
import { describePath, ownerOf } from "../../model/issues";
import { navigate } from "../../router";
import { useEditor } from "../../state";
import { useSaveBarStyles } from "./SaveBar.styles";
import { SaveBarMessage } from "./SaveBarMessage";

function goTo(path: string, draft: TenantPolicy | null): void {
  if (!draft) return;
  const owner = ownerOf(path);
  if (owner.kind === "label" && draft.labels[owner.index]) navigate("labels", draft.labels[owner.index].id);
  if (owner.kind === "policy" && draft.policies[owner.index])
    navigate("policies", draft.policies[owner.index].id);
  if (owner.kind === "mapping") navigate("mappings");
  if (owner.kind === "infoType" && draft.infoTypes?.[owner.index])
    navigate("info-types", draft.infoTypes[owner.index].id);
}

export function SaveNotice() {
  const styles = useSaveBarStyles();
  const editor = useEditor();
  const { draft } = editor;
  const notice = editor.notice!;
  return (
    <SaveBarMessage
      intent={notice.intent}
      testId="notice"
      title={notice.title}
      actions={<Button onClick={() => editor.setNotice(null)}>Close</Button>}
    >
      {notice.text}
      {notice.intent === "error" && editor.issues.length > 0 && (
        <ul className={styles.list} data-testid="issue-list">
          {editor.issues.slice(0, 12).map((i) => (
            <li key={`${i.path}:${i.rule}`}>
              <span
                className={styles.linkish}
                role="link"
                tabIndex={0}
                onClick={() => goTo(i.path, draft)}
                onKeyDown={(e) => e.key === "Enter" && goTo(i.path, draft)}
                title={i.path}
              >
                {draft ? describePath(i.path, draft) : i.path}
              </span>
              : {i.message}
            </li>
          ))}
        </ul>
      )}
    </SaveBarMessage>
  );
}
