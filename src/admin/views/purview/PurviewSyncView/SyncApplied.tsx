/** What the applying sync did: the version it wrote and its changes, and whether Purview moved since the dry run. */
import * as React from "react";
import { Button } from "@fluentui/react-components";
import type { GraphSyncResult } from "../../../../contracts/adminApi";
import { InlineMessage } from "../../../components/InlineMessage";
import { Stack } from "../../../components/Layout";
import { sameChanges } from "../../../model/syncDiff";
import { href } from "../../../router";
import { SyncChanges } from "../SyncChanges";

export function SyncApplied(props: {
  applied: GraphSyncResult;
  preview: GraphSyncResult | null;
  labelName: (id: string) => string | undefined;
}) {
  const { applied, preview } = props;
  const moved = preview !== null && !sameChanges(preview.diff, applied.diff);
  return (
    <Stack role="region" aria-label="Sync result" data-testid="sync-applied">
      {applied.applied && applied.version !== null ? (
        <InlineMessage intent="success" title={`Applied: version ${applied.version} is current`}>
          Synced from Purview.{" "}
          <Button as="a" size="small" appearance="transparent" href={href("history", applied.version)}>
            See it in History
          </Button>
        </InlineMessage>
      ) : (
        <InlineMessage intent="info" title="Nothing applied">
          Purview and Labelbridge already agree.
        </InlineMessage>
      )}
      {moved && (
        <InlineMessage intent="warning" title="Purview changed since the dry run" data-testid="sync-moved">
          What was applied differs from the preview; these are the changes applied.
        </InlineMessage>
      )}
      {applied.applied && <SyncChanges result={applied} labelName={props.labelName} />}
    </Stack>
  );
}
