/** Everything about one label: names, tooltip, colour, place in the order, markings, conditions. */
import * as React from "react";
import { Divider } from "@fluentui/react-components";
import type { Label } from "../../../../core/policy";
import { Muted, Row, SectionHeader, Stack, ViewTitle } from "../../../components/Layout";
import { LabelSwatch } from "../../../components/LabelSwatch";
import { fullName } from "../../../model/labelNames";
import { useLabelDraft } from "../../../state";
import { ConditionsEditor } from "../ConditionsEditor";
import { MarkingEditor } from "../MarkingEditor";
import { DeleteLabel } from "./DeleteLabel";
import { LabelBasics } from "./LabelBasics";
import { ProtectiveMarkingFields } from "./ProtectiveMarkingFields";

export function LabelEditor(props: { label: Label }) {
  const { label } = props;
  const { draft } = useLabelDraft(label);
  const hasChildren = draft.labels.some((l) => l.parentId === label.id);
  return (
    <Stack form data-testid="label-editor" data-label-id={label.id}>
      <Row>
        <LabelSwatch color={label.color} />
        <ViewTitle>{fullName(label, draft.labels)}</ViewTitle>
        <Muted size={200} data-testid="label-id">
          id {label.id}
        </Muted>
      </Row>
      <LabelBasics label={label} hasChildren={hasChildren} />

      <SectionHeader title="Content marking" />
      <MarkingEditor label={label} />

      <SectionHeader title="Recommended and automatic labeling" />
      <ConditionsEditor label={label} isParent={hasChildren} />

      <SectionHeader title="Protective marking (au-epms profile)" />
      <ProtectiveMarkingFields label={label} />

      <Divider />
      <DeleteLabel label={label} hasChildren={hasChildren} />
    </Stack>
  );
}
