/**
 * One version: who saved it and when, what it changed against the version before, and rolling back
 * to it — which makes it current again as a new version, so the history itself is never rewritten.
 */
import * as React from "react";
import { Button, Text } from "@fluentui/react-components";
import { ArrowUndoRegular } from "@fluentui/react-icons";
import type { VersionDetail } from "../../../../contracts/adminApi";
import { ConfirmDialog } from "../../../components/ConfirmDialog";
import { SectionTitle } from "../../../components/Layout";
import { diffTenantPolicy } from "../../../model/diff";
import { useEditor } from "../../../state";
import { DiffList } from "./DiffList";
import { actorText, kindText } from "./kinds";

export function VersionDetails(props: { detail: VersionDetail; onRollback: (version: number) => void }) {
  const editor = useEditor();
  const { detail } = props;
  return (
    <>
      <SectionTitle as="h2">
        Version {detail.version}: {kindText(detail.kind)} by {actorText(detail)},{" "}
        {new Date(detail.createdAt).toLocaleString()}
      </SectionTitle>
      <Text>
        Compared with {detail.before ? `version ${detail.basedOn}` : "nothing (the first version)"}:
      </Text>
      <DiffList
        changes={diffTenantPolicy(detail.before, detail.after)}
        before={detail.before}
        after={detail.after}
      />
      {detail.version !== editor.version && (
        <ConfirmDialog
          trigger={
            <Button appearance="primary" icon={<ArrowUndoRegular />}>
              Roll back to version {detail.version}
            </Button>
          }
          title={`Make version ${detail.version} live again?`}
          confirmText="Roll back"
          onConfirm={() => props.onRollback(detail.version)}
        >
          It becomes a new version after {editor.version}; the history keeps everything.
          {editor.dirty && " Your unsaved changes are discarded."}
        </ConfirmDialog>
      )}
    </>
  );
}
