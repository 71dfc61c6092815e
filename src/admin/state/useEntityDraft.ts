/**
 * Editing one label or one policy of the draft: its JSON path (for issues at its fields) and setters
 * that change only it.
 */
import type { Label, LabelPolicy, PolicySettings, TenantPolicy } from "../../core/policy";
import { useEditor } from "./editorContext";

export function useLabelDraft(label: Label) {
  const editor = useEditor();
  const draft: TenantPolicy = editor.draft!;
  const at = `labels[${draft.labels.findIndex((l) => l.id === label.id)}]`;
  const set = (change: Partial<Label>) => editor.updateLabel(label.id, (l) => ({ ...l, ...change }));
  return { editor, draft, at, set };
}

export function usePolicyDraft(policy: LabelPolicy) {
  const editor = useEditor();
  const draft: TenantPolicy = editor.draft!;
  const at = `policies[${draft.policies.findIndex((p) => p.id === policy.id)}]`;
  const set = (change: Partial<LabelPolicy>) => editor.updatePolicy(policy.id, (p) => ({ ...p, ...change }));
  const setting = <K extends keyof PolicySettings>(key: K, value: PolicySettings[K]) =>
    editor.updatePolicy(policy.id, (p) => ({ ...p, settings: { ...p.settings, [key]: value } }));
  return { editor, draft, at, set, setting };
}
