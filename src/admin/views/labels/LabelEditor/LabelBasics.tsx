/** A label's names, tooltip, description, colour, parent and order, and where it applies. */
import * as React from "react";
import { Input } from "@fluentui/react-components";
import type { Label } from "../../../../core/policy";
import {
  BoundField,
  CheckboxField,
  ChoiceField,
  SwitchField,
  TextAreaField,
  TextField,
} from "../../../components/fields";
import { Grid, Row } from "../../../components/Layout";
import { reparentLabel, renamed, withTarget } from "../../../model/labelEdits";
import { useLabelDraft } from "../../../state";
import { ColourField } from "./ColourField";
import { LabelProtectionFields } from "./LabelProtectionFields";

function ParentAndOrder(props: { label: Label; hasChildren: boolean }) {
  const { label } = props;
  const { editor, draft, at } = useLabelDraft(label);
  const parentChoices = [
    { value: "", text: "None (a top-level label)" },
    ...draft.labels
      .filter((l) => l.parentId === null && l.id !== label.id)
      .sort((a, b) => a.sensitivity - b.sensitivity)
      .map((l) => ({ value: l.id, text: l.displayName })),
  ];
  return (
    <Grid size="field">
      <ChoiceField
        path={`${at}.parentId`}
        label="Parent"
        value={label.parentId ?? ""}
        choices={parentChoices}
        hint={
          props.hasChildren
            ? "This label has sublabels, so it stays at the top level."
            : "A sublabel sits under its parent."
        }
        onChange={(v) => editor.update((d) => reparentLabel(d, label.id, v === "" ? null : v))}
      />
      <BoundField
        path={`${at}.sensitivity`}
        label="Order (sensitivity)"
        hint="Use the arrows in the list to change the order."
      >
        <Input value={String(label.sensitivity)} readOnly />
      </BoundField>
    </Grid>
  );
}

function Applicability(props: { label: Label }) {
  const { label } = props;
  const { at, set } = useLabelDraft(label);
  return (
    <Row>
      <SwitchField
        path={`${at}.isActive`}
        label="Active"
        checked={label.isActive}
        onChange={(v) => set({ isActive: v })}
      />
      <CheckboxField
        path={`${at}.applicableTo`}
        label="Mail"
        checked={label.applicableTo.includes("email")}
        onChange={(v) => set({ applicableTo: withTarget(label, "email", v) })}
      />
      <CheckboxField
        path={`${at}.applicableTo`}
        label="Files"
        checked={label.applicableTo.includes("file")}
        onChange={(v) => set({ applicableTo: withTarget(label, "file", v) })}
      />
    </Row>
  );
}

export function LabelBasics(props: { label: Label; hasChildren: boolean }) {
  const { label } = props;
  const { editor, draft, at, set } = useLabelDraft(label);
  return (
    <>
      <Grid size="field">
        <TextField
          path={`${at}.displayName`}
          label="Display name"
          required
          value={label.displayName}
          onChange={(v) => set(renamed(label, v, draft, editor.base))}
          hint="What people see in Office."
        />
        <TextField
          path={`${at}.name`}
          label="Name"
          required
          value={label.name}
          onChange={(v) => set({ name: v })}
          hint="Unique; written into mail headers and file metadata."
        />
      </Grid>
      <TextAreaField
        path={`${at}.tooltip`}
        label="Tooltip"
        required
        value={label.tooltip}
        onChange={(v) => set({ tooltip: v })}
        hint="Plain words: when should someone pick this label?"
      />
      <TextAreaField
        path={`${at}.description`}
        label="Description for admins"
        value={label.description}
        rows={2}
        onChange={(v) => set({ description: v })}
      />
      <ColourField path={`${at}.color`} value={label.color} onChange={(v) => set({ color: v })} />
      <ParentAndOrder label={label} hasChildren={props.hasChildren} />
      <Applicability label={label} />
      <LabelProtectionFields label={label} />
    </>
  );
}
