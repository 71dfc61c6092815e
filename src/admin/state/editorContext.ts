/**
 * What every editing view sees of the configuration being edited: the saved version (base), the
 * admin's draft, the issues the shared validation finds in it, and the actions on it.
 */
import * as React from "react";
import type { Label, LabelPolicy, PolicyIssue, TenantPolicy } from "../../core/policy";
import type { ApiClient } from "../api";
import type { MergeConflict } from "../model/merge";

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

export const EditorContext = React.createContext<Editor | null>(null);

export function useEditor(): Editor {
  const editor = React.useContext(EditorContext);
  if (!editor) throw new Error("useEditor outside EditorProvider");
  return editor;
}
