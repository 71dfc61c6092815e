/** What belongs to the tenant rather than a policy: its name and where documents carry the label. */
import * as React from "react";
import { LABEL_STORAGE, type LabelStorage } from "../../../../core/policy";
import { ChoiceField, TextField } from "../../../components/fields";
import { useEditor } from "../../../state";
import { useTenantSettingsStyles } from "./TenantSettings.styles";

const STORAGE_TEXT: Record<LabelStorage, string> = {
  auto: "As each file already has it (custom properties or LabelInfo.xml)",
  customProperties: "Custom document properties (MSIP_Label_…)",
  labelInfo: "docMetadata/LabelInfo.xml (co-authoring for labeled files is on)",
};

export function TenantSettings() {
  const styles = useTenantSettingsStyles();
  const editor = useEditor();
  const draft = editor.draft!;
  return (
    <section aria-label="Tenant settings" className={styles.row} data-testid="tenant-settings">
      <TextField
        path="name"
        label="Tenant name"
        value={draft.name}
        onChange={(name) => editor.update((d) => ({ ...d, name }))}
      />
      <ChoiceField
        path="labelStorage"
        label="Where documents carry the label"
        hint="Turn on LabelInfo.xml only once the tenant has co-authoring for labeled files."
        value={draft.labelStorage}
        choices={LABEL_STORAGE.map((v) => ({ value: v, text: STORAGE_TEXT[v] }))}
        onChange={(labelStorage) => editor.update((d) => ({ ...d, labelStorage }))}
      />
    </section>
  );
}
