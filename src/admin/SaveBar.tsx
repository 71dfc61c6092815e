/**
 * The strip above every editing view: which version is live, how many edits are waiting, Save and
 * Discard, and what happened — saved, refused with its problems, or overtaken by another admin's save.
 */
import * as React from "react";
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useEditor } from "./state/editor";
import { describePath, ownerOf } from "./model/issues";
import { navigate } from "./router";
import { formatValue } from "./history/format";

const useStyles = makeStyles({
  bar: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalM,
    position: "sticky",
    top: 0,
    zIndex: 2,
    backgroundColor: tokens.colorNeutralBackground1,
    paddingBottom: tokens.spacingVerticalS,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  grow: { flexGrow: 1 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  linkish: { cursor: "pointer", textDecorationLine: "underline" },
});

export function SaveBar() {
  const styles = useStyles();
  const editor = useEditor();
  const { draft } = editor;
  const goTo = (path: string) => {
    if (!draft) return;
    const owner = ownerOf(path);
    if (owner.kind === "label" && draft.labels[owner.index]) navigate("labels", draft.labels[owner.index].id);
    if (owner.kind === "policy" && draft.policies[owner.index])
      navigate("policies", draft.policies[owner.index].id);
  };
  return (
    <>
      <div className={styles.bar} data-testid="save-bar">
        <Text weight="semibold" data-testid="version">
          Version {editor.version}
        </Text>
        <Text data-testid="pending">
          {editor.dirty
            ? `${editor.changes} unsaved change${editor.changes === 1 ? "" : "s"}`
            : "No unsaved changes"}
        </Text>
        <span className={styles.grow} />
        <Button disabled={!editor.dirty || editor.saving} onClick={editor.discard}>
          Discard
        </Button>
        <Button
          appearance="primary"
          disabled={!editor.dirty || editor.saving}
          onClick={() => void editor.save()}
        >
          {editor.saving ? "Saving…" : "Save"}
        </Button>
      </div>
      {editor.notice && (
        <MessageBar intent={editor.notice.intent} data-testid="notice">
          <MessageBarBody>
            <MessageBarTitle>{editor.notice.title}</MessageBarTitle>
            {editor.notice.text}
            {editor.notice.intent === "error" && editor.issues.length > 0 && (
              <ul className={styles.list} data-testid="issue-list">
                {editor.issues.slice(0, 12).map((i) => (
                  <li key={`${i.path}:${i.rule}`}>
                    <span
                      className={styles.linkish}
                      role="link"
                      tabIndex={0}
                      onClick={() => goTo(i.path)}
                      onKeyDown={(e) => e.key === "Enter" && goTo(i.path)}
                      title={i.path}
                    >
                      {draft ? describePath(i.path, draft) : i.path}
                    </span>
                    : {i.message}
                  </li>
                ))}
              </ul>
            )}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => editor.setNotice(null)}>Close</Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {editor.conflict && (
        <MessageBar intent="error" layout="multiline" data-testid="conflict">
          <MessageBarBody>
            <MessageBarTitle>Someone else saved first</MessageBarTitle>
            {editor.conflict.message}. Your changes are still here, not saved.
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
      )}
      {editor.merge && (
        <MessageBar
          intent={editor.merge.conflicts.length > 0 ? "warning" : "info"}
          layout="multiline"
          data-testid="merge"
        >
          <MessageBarBody>
            <MessageBarTitle>
              Your changes were applied to version {editor.merge.toVersion} (you started from{" "}
              {editor.merge.fromVersion})
            </MessageBarTitle>
            {editor.merge.applied} of your edits carried over; review and save.
            {editor.merge.conflicts.length > 0 && (
              <>
                {" "}
                These fields were changed by both of you; the saved value is kept unless you take yours:
                <ul className={styles.list}>
                  {editor.merge.conflicts.map((c, i) => (
                    <li key={i}>
                      {c.entity} “{c.name}”{c.path ? ` ${c.path}` : ""}: saved {formatValue(c.theirs)}, yours{" "}
                      {formatValue(c.mine)}{" "}
                      <Button size="small" onClick={() => editor.takeMine(c)}>
                        Take mine
                      </Button>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={editor.dismissMerge}>Close</Button>
          </MessageBarActions>
        </MessageBar>
      )}
    </>
  );
}
