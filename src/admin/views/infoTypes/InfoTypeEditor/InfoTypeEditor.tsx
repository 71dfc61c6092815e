/**
 * One custom type: its name and window, its elements (patterns, keywords, functions), its patterns
 * (a primary element and corroborating evidence at a confidence level), and a test box that runs
 * the type as edited on pasted text.
 */
import * as React from "react";
import { Button, Text } from "@fluentui/react-components";
import { AddRegular, DeleteRegular } from "@fluentui/react-icons";
import type { CustomInfoType } from "../../../../core/policy/infoTypes";
import { CardList } from "../../../components/CardList";
import { ConfirmDialog } from "../../../components/ConfirmDialog";
import { FieldProblem, NumberField, TextAreaField, TextField } from "../../../components/fields";
import { Grid, Muted, SectionHeader, Stack, ViewTitle } from "../../../components/Layout";
import {
  newElement,
  newPattern,
  replaceElement,
  updateInfoType,
  withInfoTypes,
  type ElementKind,
} from "../../../model/infoTypeEdits";
import { navigate } from "../../../router";
import { useEditor } from "../../../state";
import { TestBox } from "../TestBox";
import { ElementFields } from "./ElementFields";
import { PatternFields } from "./PatternFields";

const KIND_TEXT: Record<ElementKind, string> = {
  regex: "Regular expression",
  keywords: "Keyword list",
  function: "Built-in function",
};

export function InfoTypeEditor(props: { type: CustomInfoType; index: number }) {
  const { type } = props;
  const editor = useEditor();
  const at = `infoTypes[${props.index}]`;
  const set = (change: (t: CustomInfoType) => CustomInfoType) =>
    editor.update((d) => updateInfoType(d, type.id, change));
  const addElement = (kind: ElementKind) =>
    set((t) => ({ ...t, elements: [...t.elements, newElement(kind, t.elements)] }));
  const remove = () => {
    editor.update((d) =>
      withInfoTypes(
        d,
        (d.infoTypes ?? []).filter((t) => t.id !== type.id),
      ),
    );
    navigate("info-types");
  };
  const elementIds = type.elements.map((e) => e.id);

  return (
    <Stack form data-testid="info-type-editor">
      <ViewTitle>{type.name}</ViewTitle>
      <Muted>Id {type.id}: label conditions refer to the type by it.</Muted>
      <FieldProblem path={`${at}.id`} />
      <Grid size="field">
        <TextField
          path={`${at}.name`}
          label="Name"
          value={type.name}
          onChange={(name) => set((t) => ({ ...t, name }))}
        />
        <NumberField
          path={`${at}.proximity`}
          label="Evidence window (characters each side)"
          value={type.proximity}
          min={1}
          onChange={(v) => set((t) => ({ ...t, proximity: v as number }))}
        />
        <NumberField
          path={`${at}.recommendedConfidence`}
          label="Recommended confidence"
          value={type.recommendedConfidence}
          min={1}
          max={100}
          onChange={(v) => set((t) => ({ ...t, recommendedConfidence: v as number }))}
        />
      </Grid>
      <TextAreaField
        path={`${at}.description`}
        label="Description"
        rows={2}
        value={type.description}
        onChange={(description) => set((t) => ({ ...t, description }))}
      />

      <SectionHeader title="Elements" />
      <Muted>
        What the patterns look for: a regular expression (with a checksum), keywords, or a built-in function.
      </Muted>
      <CardList
        data-testid="info-type-elements"
        items={type.elements}
        pathOf={(i) => `${at}.elements[${i}]`}
        render={(element, i) => (
          <>
            <Text weight="semibold">{KIND_TEXT[element.kind]}</Text>
            <ElementFields
              element={element}
              at={`${at}.elements[${i}]`}
              onChange={(next) => set((t) => replaceElement(t, i, next))}
            />
          </>
        )}
        removeText="Remove element"
        onRemove={(i) => set((t) => ({ ...t, elements: t.elements.filter((_e, j) => j !== i) }))}
        addText="Add regular expression"
        onAdd={() => addElement("regex")}
        moreActions={
          <>
            <Button icon={<AddRegular />} onClick={() => addElement("keywords")}>
              Add keyword list
            </Button>
            <Button icon={<AddRegular />} onClick={() => addElement("function")}>
              Add function
            </Button>
          </>
        }
      >
        <FieldProblem path={`${at}.elements`} />
      </CardList>

      <SectionHeader title="Patterns" />
      <Muted>
        Each occurrence of a pattern’s primary element with all its required evidence in the window is a match
        at its confidence; the highest pattern that accepts an occurrence wins.
      </Muted>
      <CardList
        data-testid="info-type-patterns"
        items={type.patterns}
        pathOf={(i) => `${at}.patterns[${i}]`}
        render={(pattern, i) => (
          <PatternFields
            pattern={pattern}
            at={`${at}.patterns[${i}]`}
            number={i + 1}
            elementIds={elementIds}
            onChange={(next) =>
              set((t) => ({ ...t, patterns: t.patterns.map((p, j) => (j === i ? next : p)) }))
            }
          />
        )}
        removeText="Remove pattern"
        onRemove={(i) => set((t) => ({ ...t, patterns: t.patterns.filter((_p, j) => j !== i) }))}
        addText="Add pattern"
        onAdd={() => set((t) => ({ ...t, patterns: [...t.patterns, newPattern(t)] }))}
      >
        <FieldProblem path={`${at}.patterns`} />
      </CardList>

      <SectionHeader title="Test" />
      <TestBox type={type} />

      <SectionHeader title="Delete" />
      <ConfirmDialog
        trigger={<Button icon={<DeleteRegular />}>Delete information type</Button>}
        title={`Delete ${type.name}?`}
        confirmText="Delete"
        onConfirm={remove}
      >
        Conditions that name it are reported when you save, until they name another type.
      </ConfirmDialog>
    </Stack>
  );
}
