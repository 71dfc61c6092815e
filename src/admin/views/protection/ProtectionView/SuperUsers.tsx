/**
 * The tenant's super users (the data-recovery role): they may have the key of every file Labelbridge
 * protected. Edited in the draft like every other setting; saved with the save bar.
 */
import * as React from "react";
import { LinesField } from "../../../components/fields";
import { Grid, SectionHeader } from "../../../components/Layout";
import { useEditor } from "../../../state";

const FIELDS = [
  {
    key: "users",
    label: "Users",
    hint: "One per line: Entra object id or user principal name. Each may open every Labelbridge-protected file.",
  },
  {
    key: "groups",
    label: "Groups",
    hint: "One per line: Entra group object ids, as tokens carry them in their groups claim.",
  },
] as const;

export function SuperUsers() {
  const editor = useEditor();
  const draft = editor.draft;
  if (!draft) return null;
  const superUsers = draft.protection.superUsers;
  const set = (change: Partial<typeof superUsers>) =>
    editor.update((d) => ({
      ...d,
      protection: { ...d.protection, superUsers: { ...d.protection.superUsers, ...change } },
    }));
  return (
    <>
      <SectionHeader title="Super users (data recovery)" />
      <Grid size="field">
        {FIELDS.map((f) => (
          <LinesField
            key={f.key}
            path={`protection.superUsers.${f.key}`}
            label={f.label}
            hint={f.hint}
            value={superUsers[f.key]}
            onChange={(lines) => set({ [f.key]: lines })}
          />
        ))}
      </Grid>
    </>
  );
}
