/** A dry run's diff, before the admin applies it. */
import * as React from "react";
import { Button } from "@fluentui/react-components";
import { ArrowSyncRegular } from "@fluentui/react-icons";
import type { GraphSyncResult } from "../../../../contracts/adminApi";
import { Muted, Row, SectionTitle, Stack } from "../../../components/Layout";
import { SyncChanges } from "../SyncChanges";

export function SyncPreview(props: {
  preview: GraphSyncResult;
  labelName: (id: string) => string | undefined;
  busy: boolean;
  unsavedEdits: boolean;
  onApply: () => void;
}) {
  const { preview } = props;
  const read = new Date(preview.syncedAt).toLocaleString();
  return (
    <Stack role="region" aria-label="Dry run" data-testid="sync-preview">
      <SectionTitle>What applying would change</SectionTitle>
      <Muted>
        Purview read {read}, compared with{" "}
        {preview.basedOn === null
          ? "nothing (the tenant has no configuration yet)"
          : `version ${preview.basedOn}`}
        . Nothing has been applied.
      </Muted>
      <SyncChanges result={preview} labelName={props.labelName} />
      {!preview.diff.empty && (
        <Row>
          <Button
            appearance="primary"
            icon={<ArrowSyncRegular />}
            disabled={props.busy}
            onClick={props.onApply}
          >
            {props.busy ? "Applying…" : "Apply these changes"}
          </Button>
          <Muted>
            Purview is read again and the result saved as a new version, which History shows and can roll
            back.{props.unsavedEdits && " Your unsaved edits are carried onto it."}
          </Muted>
        </Row>
      )}
    </Stack>
  );
}
