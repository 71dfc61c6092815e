/**
 * The editing session's state: saved version and draft, which issues show, a conflict or merge in
 * progress, and what follows from them (issues, number of changes). The draft survives a reload in
 * this tab, and leaving the page with unsaved changes asks first.
 */
import * as React from "react";
import { validateTenantPolicy, type PolicyIssue, type TenantPolicy } from "../../core/policy";
import { changeCount, diffTenantPolicy } from "../model/diff";
import { keepDraft, same } from "./draftStore";
import type { Conflict, MergeState } from "./editorContext";

/** Issues the server found in a draft the shared validation passed, kept only for that draft. */
interface ServerIssues {
  for: TenantPolicy;
  issues: PolicyIssue[];
}

function useIssues(draft: TenantPolicy | null, server: ServerIssues | null): PolicyIssue[] {
  const validation = React.useMemo(() => (draft ? validateTenantPolicy(draft) : null), [draft]);
  return React.useMemo(() => {
    const local = validation && !validation.ok ? validation.issues : [];
    if (server && server.for === draft)
      return [
        ...local,
        ...server.issues.filter((s) => !local.some((l) => l.path === s.path && l.rule === s.rule)),
      ];
    return local;
  }, [validation, server, draft]);
}

function useKeepDraft(
  base: TenantPolicy | null,
  draft: TenantPolicy | null,
  version: number,
  dirty: boolean,
) {
  React.useEffect(() => {
    if (base && draft) keepDraft(base, version, draft);
  }, [base, draft, version]);

  React.useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);
}

export function useDraftState() {
  const [base, setBase] = React.useState<TenantPolicy | null>(null);
  const [version, setVersion] = React.useState(0);
  const [draft, setDraft] = React.useState<TenantPolicy | null>(null);
  const [showIssues, setShowIssues] = React.useState(false);
  const [serverIssues, setServerIssues] = React.useState<ServerIssues | null>(null);
  const [conflict, setConflict] = React.useState<Conflict | null>(null);
  const [merge, setMerge] = React.useState<MergeState | null>(null);

  const allIssues = useIssues(draft, serverIssues);
  const changes = React.useMemo(
    () => (base && draft && !same(base, draft) ? changeCount(diffTenantPolicy(base, draft)) : 0),
    [base, draft],
  );
  const dirty = changes > 0;
  useKeepDraft(base, draft, version, dirty);

  /** A version from the server becomes base and draft; no issue, conflict or merge is left over. */
  const settle = React.useCallback((body: TenantPolicy | null, at: number) => {
    setBase(body);
    setDraft(body);
    setVersion(at);
    setShowIssues(false);
    setServerIssues(null);
    setConflict(null);
    setMerge(null);
  }, []);

  /** The admin's edits carried onto a newer version: what merged is the draft, ready to review. */
  const merged = React.useCallback((latest: TenantPolicy, at: number, mine: TenantPolicy, m: MergeState) => {
    setBase(latest);
    setVersion(at);
    setDraft(mine);
    setConflict(null);
    setMerge(m);
  }, []);

  return {
    base,
    version,
    draft,
    setDraft,
    showIssues,
    setShowIssues,
    setServerIssues,
    allIssues,
    changes,
    dirty,
    conflict,
    setConflict,
    merge,
    setMerge,
    settle,
    merged,
  };
}

export type DraftState = ReturnType<typeof useDraftState>;
