/**
 * The tenant's Purview labels through the Graph sync (docs/coexistence.md): when the last sync
 * succeeded and the last error, a dry run whose diff the admin reads first, then applying it.
 */
import * as React from "react";
import { Button, Spinner } from "@fluentui/react-components";
import { EyeRegular } from "@fluentui/react-icons";
import type { GraphSyncResult } from "../../../../contracts/adminApi";
import { InlineMessage } from "../../../components/InlineMessage";
import { Muted, Row, Stack, ViewTitle } from "../../../components/Layout";
import type { ViewProps } from "../../../routes";
import { useEditor } from "../../../state";
import { SyncApplied } from "./SyncApplied";
import { SyncPreview } from "./SyncPreview";
import { SyncRefusalMessage } from "./SyncRefusalMessage";
import { SyncStatusCard } from "./SyncStatusCard";
import { useGraphSync } from "./useGraphSync";

/** Label ids in before/after values, named from the configuration and the labels a sync adds. */
function useLabelNames(...results: Array<GraphSyncResult | null>) {
  const { base } = useEditor();
  const names = new Map<string, string>();
  for (const l of base?.labels ?? []) names.set(l.id, l.displayName);
  for (const r of results) for (const l of r?.diff.labels.added ?? []) names.set(l.id, l.displayName);
  return (id: string) => names.get(id);
}

export function PurviewSyncView(_props: ViewProps) {
  const editor = useEditor();
  const sync = useGraphSync();
  const labelName = useLabelNames(sync.preview, sync.applied);
  const configured = sync.status?.configured === true;
  return (
    <Stack data-testid="purview-sync">
      <ViewTitle>Purview sync</ViewTitle>
      <Muted>
        Purview owns each synced label’s GUID, names, tooltip, colour, order, parent and protection flag;
        markings, conditions, recipient rules, phases and pilot groups stay Labelbridge’s. A label removed in
        Purview is retired here, never deleted.
      </Muted>
      {sync.statusError && (
        <InlineMessage intent="error" title="The sync status could not be read">
          {sync.statusError}
        </InlineMessage>
      )}
      {sync.status ? (
        <SyncStatusCard status={sync.status} liveVersion={editor.version} />
      ) : (
        !sync.statusError && <Spinner size="small" label="Reading the sync status…" />
      )}
      {configured && (
        <Row>
          <Button icon={<EyeRegular />} disabled={sync.busy !== null} onClick={() => void sync.runPreview()}>
            {sync.busy === "preview" ? "Reading Purview…" : "Preview changes (dry run)"}
          </Button>
        </Row>
      )}
      {sync.refusal && <SyncRefusalMessage refusal={sync.refusal} />}
      {sync.applied ? (
        <SyncApplied applied={sync.applied} preview={sync.preview} labelName={labelName} />
      ) : (
        sync.preview && (
          <SyncPreview
            preview={sync.preview}
            labelName={labelName}
            busy={sync.busy !== null}
            unsavedEdits={editor.dirty}
            onApply={() => void sync.apply()}
          />
        )
      )}
    </Stack>
  );
}
