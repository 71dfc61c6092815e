/**
 * How the label protects (src/core/policy/protection.ts): none, Microsoft Purview, or Labelbridge
 * with the rights groups and users who may open its files; and the rights template the Exchange rule
 * applies to mail. The shared validation's problems show at each field.
 */
import * as React from "react";
import { type Label, type LabelProtection, labelProtection } from "../../../../core/policy";
import { ChoiceField, FieldProblem, LinesField, TextField } from "../../../components/fields";
import { Grid } from "../../../components/Layout";
import { useLabelDraft } from "../../../state";

type Kind = LabelProtection["kind"];

const KINDS: ReadonlyArray<{ value: Kind; text: string }> = [
  { value: "none", text: "None: the label and its markings only" },
  { value: "purview", text: "Microsoft Purview (only Outlook's own label applies it)" },
  { value: "labelbridge", text: "Labelbridge: encrypt files at rest, keys kept by this server" },
];

/** The protection after a change of kind: what both kinds share (the template) is kept. */
function withKind(p: LabelProtection, kind: Kind): LabelProtection {
  const template = p.kind === "none" ? undefined : p.rightsTemplate;
  if (kind === "none") return { kind };
  if (kind === "purview") return template ? { kind, rightsTemplate: template } : { kind };
  const rights = p.kind === "labelbridge" ? p : { rightsGroups: [], rightsUsers: [] };
  return {
    kind,
    rightsGroups: rights.rightsGroups,
    rightsUsers: rights.rightsUsers,
    rightsTemplate: template,
  };
}

export function LabelProtectionFields(props: { label: Label }) {
  const { at, set } = useLabelDraft(props.label);
  const p = labelProtection(props.label);
  // `hasProtection` is Graph's flag; the console edits `protection`, which says how.
  const change = (next: LabelProtection) => set({ protection: next, hasProtection: undefined });
  return (
    <>
      <Grid size="field">
        <ChoiceField
          path={`${at}.protection.kind`}
          label="Protection"
          value={p.kind}
          choices={KINDS}
          onChange={(kind) => change(withKind(p, kind))}
        />
        {p.kind !== "none" && (
          <TextField
            path={`${at}.protection.rightsTemplate`}
            label="Rights template for mail"
            hint="The Exchange rule applies it to mail with this label; empty: Office 365 Message Encryption."
            value={p.rightsTemplate ?? ""}
            onChange={(v) => change({ ...p, rightsTemplate: v.trim() === "" ? undefined : v })}
          />
        )}
      </Grid>
      <FieldProblem path={`${at}.protection`} />
      {p.kind === "labelbridge" && (
        <Grid size="field">
          <LinesField
            path={`${at}.protection.rightsGroups`}
            label="Rights groups"
            hint="Entra group object ids, one per line: their members may open the label's files."
            value={p.rightsGroups}
            onChange={(rightsGroups) => change({ ...p, rightsGroups })}
          />
          <LinesField
            path={`${at}.protection.rightsUsers`}
            label="Rights users"
            hint="Entra object ids or user principal names, one per line."
            value={p.rightsUsers}
            onChange={(rightsUsers) => change({ ...p, rightsUsers })}
          />
        </Grid>
      )}
    </>
  );
}
