/** A custom type's patterns: a primary element and its evidence, at a confidence level. */
import * as React from "react";
import type { CustomInfoType } from "../../../../core/policy/infoTypes";
import { CardList } from "../../../components/CardList";
import { FieldProblem } from "../../../components/fields";
import { Muted, SectionHeader } from "../../../components/Layout";
import { newPattern } from "../../../model/infoTypeEdits";
import type { EditInfoType } from "./InfoTypeEditor";
import { PatternFields } from "./PatternFields";

export function PatternList(props: { type: CustomInfoType; at: string; set: EditInfoType }) {
  const { type, at, set } = props;
  const elementIds = type.elements.map((e) => e.id);
  return (
    <>
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
    </>
  );
}
