/**
 * The configuration being edited: the saved version (base), the admin's draft, the issues the shared
 * validation finds in it, and saving with the version the draft started from. Nothing reaches the
 * server until Save; an invalid draft is never sent; a stale one comes back 412 and is merged, not lost.
 */
import * as React from "react";
import {
  validateTenantPolicy,
  type Label,
  type LabelPolicy,
  type PolicyIssue,
  type TenantPolicy,
} from "../../core/policy";
import { ApiError, type ApiClient } from "../api";
import { changeCount, diffTenantPolicy } from "../model/diff";
import { mergeDrafts, takeMine, type MergeConflict } from "../model/merge";

const DRAFT_KEY = "labelbridge.admin.draft";

export interface Notice {
  intent: "success" | "warning" | "error" | "info";
  title: string;
  text: string;
}

export interface Conflict {
  message: string;
  currentVersion: number | null;
}

export interface MergeState {
  fromVersion: number;
  toVersion: number;
  applied: number;
  conflicts: MergeConflict[];
}

export interface Editor {
  loading: boolean;
  loadError: string | null;
  /** The tenant has no configuration yet (404 no-policy): the console offers to create one. */
  noConfiguration: boolean;
  base: TenantPolicy | null;
  version: number;
  draft: TenantPolicy | null;
  dirty: boolean;
  changes: number;
  /** Issues to show at fields: empty until the admin first tries to save. */
  issues: PolicyIssue[];
  /** Every issue in the draft right now, shown or not. */
  allIssues: PolicyIssue[];
  saving: boolean;
  conflict: Conflict | null;
  merge: MergeState | null;
  notice: Notice | null;
  update(change: (draft: TenantPolicy) => TenantPolicy): void;
  updateLabel(id: string, change: (label: Label) => Label): void;
  updatePolicy(id: string, change: (policy: LabelPolicy) => LabelPolicy): void;
  save(): Promise<boolean>;
  discard(): void;
  reload(): Promise<void>;
  mergeWithLatest(): Promise<void>;
  takeMine(conflict: MergeConflict): void;
  dismissMerge(): void;
  setNotice(notice: Notice | null): void;
  /** After a rollback or import made a new version on the server. */
  adopt(version: number): Promise<void>;
  api: ApiClient;
}

const EditorContext = React.createContext<Editor | null>(null);

export function useEditor(): Editor {
  const editor = React.useContext(EditorContext);
  if (!editor) throw new Error("useEditor outside EditorProvider");
  return editor;
}

interface StoredDraft {
  tenant: string;
  baseVersion: number;
  draft: TenantPolicy;
}

function storedDraft(): StoredDraft | null {
  try {
    const raw = sessionStorage.getItem(DRAFT_KEY);
    return raw ? (JSON.parse(raw) as StoredDraft) : null;
  } catch {
    return null;
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function EditorProvider(props: { api: ApiClient; children: React.ReactNode }) {
  const { api } = props;
  const [loading, setLoading] = React.useState(true);
  const [loadError, setLoadError] = React.useState<string | null>(null);
  const [noConfiguration, setNoConfiguration] = React.useState(false);
  const [base, setBase] = React.useState<TenantPolicy | null>(null);
  const [version, setVersion] = React.useState(0);
  const [draft, setDraft] = React.useState<TenantPolicy | null>(null);
  const [showIssues, setShowIssues] = React.useState(false);
  const [serverIssues, setServerIssues] = React.useState<{ for: TenantPolicy; issues: PolicyIssue[] } | null>(
    null,
  );
  const [saving, setSaving] = React.useState(false);
  const [conflict, setConflict] = React.useState<Conflict | null>(null);
  const [merge, setMerge] = React.useState<MergeState | null>(null);
  const [notice, setNotice] = React.useState<Notice | null>(null);

  const validation = React.useMemo(() => (draft ? validateTenantPolicy(draft) : null), [draft]);
  const allIssues = React.useMemo(() => {
    const local = validation && !validation.ok ? validation.issues : [];
    if (serverIssues && serverIssues.for === draft)
      return [
        ...local,
        ...serverIssues.issues.filter((s) => !local.some((l) => l.path === s.path && l.rule === s.rule)),
      ];
    return local;
  }, [validation, serverIssues, draft]);
  const changes = React.useMemo(
    () => (base && draft && !same(base, draft) ? changeCount(diffTenantPolicy(base, draft)) : 0),
    [base, draft],
  );
  const dirty = changes > 0;

  // Keep the draft across a reload or a new sign-in in this tab.
  React.useEffect(() => {
    if (!base || !draft) return;
    if (same(base, draft)) sessionStorage.removeItem(DRAFT_KEY);
    else
      sessionStorage.setItem(DRAFT_KEY, JSON.stringify({ tenant: base.siteId, baseVersion: version, draft }));
  }, [base, draft, version]);

  React.useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  const mergeOnto = React.useCallback(
    async (mineBase: TenantPolicy, mine: TenantPolicy, fromVersion: number) => {
      const latest = await api.getPolicy();
      const result = mergeDrafts(mineBase, mine, latest.body);
      setBase(latest.body);
      setVersion(latest.version);
      setDraft(result.merged);
      setConflict(null);
      setMerge({
        fromVersion,
        toVersion: latest.version,
        applied: result.applied,
        conflicts: result.conflicts,
      });
    },
    [api],
  );

  const load = React.useCallback(async () => {
    setLoading(true);
    setLoadError(null);
    setNoConfiguration(false);
    try {
      const current = await api.getPolicy();
      const stored = storedDraft();
      setBase(current.body);
      setVersion(current.version);
      setDraft(current.body);
      setConflict(null);
      setMerge(null);
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
  }, [api, mergeOnto]);

  React.useEffect(() => {
    void load();
  }, [load]);

  const update = React.useCallback((change: (draft: TenantPolicy) => TenantPolicy) => {
    setDraft((d) => (d ? change(d) : d));
  }, []);
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

  const save = React.useCallback(async (): Promise<boolean> => {
    if (!draft || !base) return false;
    setShowIssues(true);
    setNotice(null);
    const result = validateTenantPolicy(draft);
    if (!result.ok) {
      setNotice({
        intent: "error",
        title: "Not saved",
        text: `${result.issues.length} problem${result.issues.length > 1 ? "s" : ""} to fix first; nothing was sent to the server.`,
      });
      return false;
    }
    setSaving(true);
    try {
      const saved = await api.putPolicy(draft, version);
      setBase(saved.body);
      setDraft(saved.body);
      setVersion(saved.version);
      setShowIssues(false);
      setServerIssues(null);
      setConflict(null);
      setMerge(null);
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
  }, [api, base, draft, version]);

  const editor: Editor = {
    loading,
    loadError,
    noConfiguration,
    base,
    version,
    draft,
    dirty,
    changes,
    issues: showIssues ? allIssues : [],
    allIssues,
    saving,
    conflict,
    merge,
    notice,
    update,
    updateLabel,
    updatePolicy,
    save,
    discard: () => {
      sessionStorage.removeItem(DRAFT_KEY);
      setDraft(base);
      setShowIssues(false);
      setServerIssues(null);
      setConflict(null);
      setMerge(null);
      setNotice(null);
    },
    reload: load,
    mergeWithLatest: async () => {
      if (!base || !draft) return;
      try {
        await mergeOnto(base, draft, version);
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
      setMerge((m) => (m ? { ...m, conflicts: m.conflicts.filter((x) => x !== c) } : m));
    },
    dismissMerge: () => setMerge(null),
    setNotice,
    adopt: async (newVersion: number) => {
      sessionStorage.removeItem(DRAFT_KEY);
      const current = await api.getPolicy();
      setBase(current.body);
      setDraft(current.body);
      setVersion(current.version);
      setShowIssues(false);
      setServerIssues(null);
      setConflict(null);
      setMerge(null);
      if (current.version !== newVersion)
        setNotice({ intent: "info", title: "Reloaded", text: `Version ${current.version} is current.` });
    },
    api,
  };
  return <EditorContext.Provider value={editor}>{props.children}</EditorContext.Provider>;
}
