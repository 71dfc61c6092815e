/**
 * One custom type: its name and window, its elements (patterns, keywords, functions), its patterns
 * (a primary element and corroborating evidence at a confidence level), and a test box that runs
 * the type as edited on pasted text.
 */
import * as React from "react";
import type { CustomInfoType } from "../../../../core/policy/infoTypes";
import { FieldProblem } from "../../../components/fields";
import { Muted, SectionHeader, Stack, ViewTitle } from "../../../components/Layout";
import { updateInfoType } from "../../../model/infoTypeEdits";
import { useEditor } from "../../../state";
import { TestBox } from "../TestBox";
import { DeleteInfoType } from "./DeleteInfoType";
import { ElementList } from "./ElementList";
import { InfoTypeFields } from "./InfoTypeFields";
import { PatternList } from "./PatternList";

/** Changes the type being edited in the draft. */
export type EditInfoType = (change: (t: CustomInfoType) => CustomInfoType) => void;

export function InfoTypeEditor(props: { type: CustomInfoType; index: number }) {
  const { type } = props;
  const editor = useEditor();
  const at = `infoTypes[${props.index}]`;
  const set: EditInfoType = (change) => editor.update((d) => updateInfoType(d, type.id, change));

  return (
    <Stack form data-testid="info-type-editor">
      <ViewTitle>{type.name}</ViewTitle>
      <Muted>Id {type.id}: label conditions refer to the type by it.</Muted>
      <FieldProblem path={`${at}.id`} />
      <InfoTypeFields type={type} at={at} set={set} />
      <ElementList type={type} at={at} set={set} />
      <PatternList type={type} at={at} set={set} />

      <SectionHeader title="Test" />
      <TestBox type={type} />

      <SectionHeader title="Delete" />
      <DeleteInfoType type={type} />
    </Stack>
  );
}
