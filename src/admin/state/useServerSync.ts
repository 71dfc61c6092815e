/**
 * Talking to the server about the configuration: loading it (restoring or merging a kept draft),
 * saving the draft with the version it started from, and carrying the admin's edits onto a newer
 * version when someone else saved first. Nothing invalid is sent; a refusal loses nothing.
 */
import * as React from "react";
import { validateTenantPolicy, type TenantPolicy } from "../../core/policy";
import { ApiError, type ApiClient } from "../api";
import { mergeDrafts } from "../model/merge";
import { same, storedDraft } from "./draftStore";
import type { Notice } from "./editorContext";
import type { DraftState } from "./useDraftState";

const problems = (n: number) => `${n} problem${n > 1 ? "s" : ""}`;

export function useServerSync(api: ApiClient, state: DraftState, setNotice: (n: Notice | null) => void) {
  const [loading, setLoading] = React.useState(true);
  const [loadError, setLoadError] = React.useState<string | null>(null);
  const [noConfiguration, setNoConfiguration] = React.useState(false);
  const [saving, setSaving] = React.useState(false);
  const { settle, merged, base, draft, version, setDraft, setShowIssues, setConflict, setServerIssues } =
    state;

  const mergeOnto = React.useCallback(
    async (mineBase: TenantPolicy, mine: TenantPolicy, fromVersion: number) => {
      const latest = await api.getPolicy();
      const result = mergeDrafts(mineBase, mine, latest.body);
      merged(latest.body, latest.version, result.merged, {
        fromVersion,
        toVersion: latest.version,
        applied: result.applied,
        conflicts: result.conflicts,
      });
    },
    [api, merged],
  );

  const load = React.useCallback(async () => {
    setLoading(true);
    setLoadError(null);
    setNoConfiguration(false);
    try {
      const current = await api.getPolicy();
      const stored = storedDraft();
      settle(current.body, current.version);
      if (stored && stored.tenant === current.body.siteId && !same(stored.draft, current.body)) {
        if (stored.baseVersion === current.version) setDraft(stored.draft);
        else {
          const storedBase = await api.version(stored.baseVersion).catch(() => null);
          if (storedBase) await mergeOnto(storedBase.after, stored.draft, stored.baseVersion);
        }
      }
    } catch (err) {
      setLoadError((err as Error).message);
      setNoConfiguration(err instanceof ApiError && err.status === 404 && err.code === "no-policy");
    } finally {
      setLoading(false);
    }
  }, [api, mergeOnto, settle, setDraft]);

  React.useEffect(() => {
    void load();
  }, [load]);

  const save = React.useCallback(async (): Promise<boolean> => {
    if (!draft || !base) return false;
    setShowIssues(true);
    setNotice(null);
    const result = validateTenantPolicy(draft);
    if (!result.ok) {
      const text = `${problems(result.issues.length)} to fix first; nothing was sent to the server.`;
      setNotice({ intent: "error", title: "Not saved", text });
      return false;
    }
    setSaving(true);
    try {
      const saved = await api.putPolicy(draft, version);
      settle(saved.body, saved.version);
      setNotice({ intent: "success", title: "Saved", text: `Version ${saved.version} is live.` });
      return true;
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) {
        setConflict({ message: err.message, currentVersion: err.currentVersion });
      } else if (err instanceof ApiError && err.status === 400 && err.issues.length > 0) {
        setServerIssues({ for: draft, issues: err.issues });
        setNotice({ intent: "error", title: "Not saved", text: err.message });
      } else {
        setNotice({ intent: "error", title: "Not saved", text: (err as Error).message });
      }
      return false;
    } finally {
      setSaving(false);
    }
  }, [api, base, draft, version, settle, setNotice, setShowIssues, setConflict, setServerIssues]);

  return { loading, loadError, noConfiguration, saving, load, save, mergeOnto };
}
