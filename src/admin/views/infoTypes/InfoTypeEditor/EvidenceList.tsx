/** Elements that corroborate a pattern's primary element: which, how many times, distinct or not. */
import * as React from "react";
import { Button } from "@fluentui/react-components";
import { AddRegular, DeleteRegular } from "@fluentui/react-icons";
import type { InfoTypePattern } from "../../../../core/policy/infoTypes";
import { CheckboxField, ChoiceField, NumberField } from "../../../components/fields";
import { Row } from "../../../components/Layout";

type Match = InfoTypePattern["matches"][number];

export function EvidenceList(props: {
  at: string;
  matches: readonly Match[];
  elements: ReadonlyArray<{ value: string; text: string }>;
  addText: string;
  onChange: (next: Match[]) => void;
}) {
  const { at, matches, onChange } = props;
  const setAt = (i: number, change: Partial<Match>) =>
    onChange(matches.map((m, j) => (j === i ? { ...m, ...change } : m)));
  return (
    <>
      {matches.map((m, i) => (
        <Row key={i}>
          <ChoiceField
            path={`${at}[${i}].ref`}
            label="Element"
            value={m.ref}
            choices={props.elements}
            onChange={(ref) => setAt(i, { ref })}
          />
          <NumberField
            path={`${at}[${i}].minCount`}
            label="At least (times)"
            value={m.minCount}
            min={1}
            onChange={(v) => setAt(i, { minCount: v as number })}
          />
          <CheckboxField
            path={`${at}[${i}].uniqueResults`}
            label="Distinct texts only"
            checked={m.uniqueResults}
            onChange={(uniqueResults) => setAt(i, { uniqueResults })}
          />
          <Button icon={<DeleteRegular />} onClick={() => onChange(matches.filter((_m, j) => j !== i))}>
            Remove
          </Button>
        </Row>
      ))}
      <Row>
        <Button
          icon={<AddRegular />}
          disabled={props.elements.length === 0}
          onClick={() =>
            onChange([...matches, { ref: props.elements[0].value, minCount: 1, uniqueResults: false }])
          }
        >
          {props.addText}
        </Button>
      </Row>
    </>
  );
}
