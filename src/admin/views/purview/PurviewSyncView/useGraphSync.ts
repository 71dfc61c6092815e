/**
 * The Purview sync as the admin runs it: the status, a dry run whose diff is shown, then the sync
 * that applies — after which the console takes the new version (merging the admin's unsaved edits
 * onto it, as after another admin's save). A refusal keeps the preview and says why.
 */
import * as React from "react";
import type { GraphSyncResult, GraphSyncStatus } from "../../../../contracts/adminApi";
import { ApiError } from "../../../api";
import { describeSyncRefusal, type SyncRefusal } from "../../../model/syncRefusal";
import { useEditor, type Editor } from "../../../state";
import { graphStatus, graphSync } from "../api";

export type SyncBusy = "preview" | "apply" | null;

function refusalOf(err: unknown, liveVersion: number): SyncRefusal {
  const e =
    err instanceof ApiError
      ? { status: err.status, code: err.code, message: err.message, body: err.body }
      : { status: 0, code: "error", message: (err as Error).message, body: {} };
  return describeSyncRefusal(e, liveVersion);
}

/** The console follows the version the sync wrote. */
async function adoptSync(editor: Editor, result: GraphSyncResult): Promise<void> {
  if (!result.applied || result.version === null) return;
  if (!editor.draft) await editor.reload();
  else if (editor.dirty) await editor.mergeWithLatest();
  else await editor.adopt(result.version);
}

export function useGraphSync() {
  const editor = useEditor();
  const { api } = editor;
  const [status, setStatus] = React.useState<GraphSyncStatus | null>(null);
  const [statusError, setStatusError] = React.useState<string | null>(null);
  const [preview, setPreview] = React.useState<GraphSyncResult | null>(null);
  const [applied, setApplied] = React.useState<GraphSyncResult | null>(null);
  const [refusal, setRefusal] = React.useState<SyncRefusal | null>(null);
  const [busy, setBusy] = React.useState<SyncBusy>(null);

  const loadStatus = React.useCallback(async () => {
    try {
      setStatus(await graphStatus(api));
      setStatusError(null);
    } catch (err) {
      setStatusError((err as Error).message);
    }
  }, [api]);

  React.useEffect(() => void loadStatus(), [loadStatus]);

  const run = async (dryRun: boolean) => {
    setBusy(dryRun ? "preview" : "apply");
    setRefusal(null);
    if (dryRun) {
      setApplied(null);
      setPreview(null);
    }
    try {
      const result = await graphSync(api, dryRun);
      if (dryRun) setPreview(result);
      else {
        setApplied(result);
        await adoptSync(editor, result);
      }
    } catch (err) {
      setRefusal(refusalOf(err, editor.version));
    } finally {
      setBusy(null);
      await loadStatus();
    }
  };

  return {
    status,
    statusError,
    preview,
    applied,
    refusal,
    busy,
    runPreview: () => run(true),
    apply: () => run(false),
  };
}
