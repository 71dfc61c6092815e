/**
 * Provides the configuration being edited to every view (see editorContext.ts). Nothing reaches the
 * server until Save; an invalid draft is never sent; a stale one comes back 412 and is merged, not lost.
 */
import * as React from "react";
import type { Label, LabelPolicy, TenantPolicy } from "../../core/policy";
import type { ApiClient } from "../api";
import { takeMine } from "../model/merge";
import { forgetDraft } from "./draftStore";
import { EditorContext, type Editor, type Notice } from "./editorContext";
import { useDraftState } from "./useDraftState";
import { useServerSync } from "./useServerSync";

export function EditorProvider(props: { api: ApiClient; children: React.ReactNode }) {
  const { api } = props;
  const [notice, setNotice] = React.useState<Notice | null>(null);
  const state = useDraftState();
  const sync = useServerSync(api, state, setNotice);
  const { base, draft, version, settle } = state;

  const { setDraft } = state;
  const update = React.useCallback(
    (change: (draft: TenantPolicy) => TenantPolicy) => setDraft((d) => (d ? change(d) : d)),
    [setDraft],
  );
  const updateLabel = React.useCallback(
    (id: string, change: (label: Label) => Label) =>
      update((d) => ({ ...d, labels: d.labels.map((l) => (l.id === id ? change(l) : l)) })),
    [update],
  );
  const updatePolicy = React.useCallback(
    (id: string, change: (policy: LabelPolicy) => LabelPolicy) =>
      update((d) => ({ ...d, policies: d.policies.map((p) => (p.id === id ? change(p) : p)) })),
    [update],
  );

  const editor: Editor = {
    loading: sync.loading,
    loadError: sync.loadError,
    noConfiguration: sync.noConfiguration,
    base,
    version,
    draft,
    dirty: state.dirty,
    changes: state.changes,
    issues: state.showIssues ? state.allIssues : [],
    allIssues: state.allIssues,
    saving: sync.saving,
    conflict: state.conflict,
    merge: state.merge,
    notice,
    update,
    updateLabel,
    updatePolicy,
    save: sync.save,
    discard: () => {
      forgetDraft();
      settle(base, version);
      setNotice(null);
    },
    reload: sync.load,
    mergeWithLatest: async () => {
      if (!base || !draft) return;
      try {
        await sync.mergeOnto(base, draft, version);
      } catch (err) {
        setNotice({
          intent: "error",
          title: "Could not load the newer version",
          text: (err as Error).message,
        });
      }
    },
    takeMine: (c) => {
      update((d) => takeMine(d, c));
      state.setMerge((m) => (m ? { ...m, conflicts: m.conflicts.filter((x) => x !== c) } : m));
    },
    dismissMerge: () => state.setMerge(null),
    setNotice,
    adopt: async (newVersion: number) => {
      forgetDraft();
      const current = await api.getPolicy();
      settle(current.body, current.version);
      if (current.version !== newVersion)
        setNotice({ intent: "info", title: "Reloaded", text: `Version ${current.version} is current.` });
    },
    api,
  };
  return <EditorContext.Provider value={editor}>{props.children}</EditorContext.Provider>;
}
