/** A custom type's elements, one card each: what its patterns look for. */
import * as React from "react";
import { Button, Text } from "@fluentui/react-components";
import { AddRegular } from "@fluentui/react-icons";
import type { CustomInfoType } from "../../../../core/policy/infoTypes";
import { CardList } from "../../../components/CardList";
import { FieldProblem } from "../../../components/fields";
import { Muted, SectionHeader } from "../../../components/Layout";
import { newElement, replaceElement, type ElementKind } from "../../../model/infoTypeEdits";
import { ElementFields } from "./ElementFields";
import type { EditInfoType } from "./InfoTypeEditor";

const KIND_TEXT: Record<ElementKind, string> = {
  regex: "Regular expression",
  keywords: "Keyword list",
  function: "Built-in function",
};

export function ElementList(props: { type: CustomInfoType; at: string; set: EditInfoType }) {
  const { type, at, set } = props;
  const addElement = (kind: ElementKind) =>
    set((t) => ({ ...t, elements: [...t.elements, newElement(kind, t.elements)] }));
  return (
    <>
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
    </>
  );
}
