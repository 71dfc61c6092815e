/**
 * One pattern: its confidence level, primary element, own window, and corroborating evidence — the
 * elements all required (Purview's Match) and groups of which some must be found (Any).
 */
import * as React from "react";
import { Button, Text } from "@fluentui/react-components";
import { AddRegular, DeleteRegular } from "@fluentui/react-icons";
import type { InfoTypePattern } from "../../../../core/policy/infoTypes";
import { ChoiceField, FieldProblem, NumberField } from "../../../components/fields";
import { Grid, Muted, Row } from "../../../components/Layout";
import { EvidenceList } from "./EvidenceList";

type Group = InfoTypePattern["any"][number];

export function PatternFields(props: {
  pattern: InfoTypePattern;
  at: string;
  number: number;
  elementIds: readonly string[];
  onChange: (next: InfoTypePattern) => void;
}) {
  const { pattern: p, at, onChange } = props;
  const elements = props.elementIds.map((id) => ({ value: id, text: id }));
  const setGroup = (g: number, next: Group) =>
    onChange({ ...p, any: p.any.map((x, j) => (j === g ? next : x)) });
  return (
    <>
      <Text weight="semibold">Pattern {props.number}</Text>
      <FieldProblem path={at} />
      <Grid size="field">
        <NumberField
          path={`${at}.confidence`}
          label="Confidence (1–100)"
          value={p.confidence}
          min={1}
          max={100}
          onChange={(v) => onChange({ ...p, confidence: v as number })}
        />
        <ChoiceField
          path={`${at}.idMatch`}
          label="Primary element"
          value={p.idMatch}
          choices={elements}
          onChange={(idMatch) => onChange({ ...p, idMatch })}
        />
        <NumberField
          path={`${at}.proximity`}
          label="Own window (empty: the type's)"
          value={p.proximity}
          min={1}
          onChange={(proximity) => onChange({ ...p, proximity })}
        />
      </Grid>
      <Muted>Required evidence near the primary element (all of it):</Muted>
      <EvidenceList
        at={`${at}.matches`}
        matches={p.matches}
        elements={elements}
        addText="Add required evidence"
        onChange={(matches) => onChange({ ...p, matches })}
      />
      {p.any.map((group, g) => (
        <React.Fragment key={g}>
          <Muted>Evidence group {g + 1}: between the minimum and maximum of these found</Muted>
          <Row>
            <NumberField
              path={`${at}.any[${g}].minMatches`}
              label="At least"
              value={group.minMatches}
              min={0}
              onChange={(v) => setGroup(g, { ...group, minMatches: v as number })}
            />
            <NumberField
              path={`${at}.any[${g}].maxMatches`}
              label="At most (empty: no limit)"
              value={group.maxMatches}
              min={0}
              onChange={(maxMatches) => setGroup(g, { ...group, maxMatches })}
            />
            <Button
              icon={<DeleteRegular />}
              onClick={() => onChange({ ...p, any: p.any.filter((_x, j) => j !== g) })}
            >
              Remove group
            </Button>
          </Row>
          <FieldProblem path={`${at}.any[${g}]`} />
          <EvidenceList
            at={`${at}.any[${g}].matches`}
            matches={group.matches}
            elements={elements}
            addText="Add to the group"
            onChange={(matches) => setGroup(g, { ...group, matches })}
          />
        </React.Fragment>
      ))}
      <Row>
        <Button
          icon={<AddRegular />}
          disabled={elements.length === 0}
          onClick={() =>
            onChange({
              ...p,
              any: [
                ...p.any,
                { minMatches: 1, matches: [{ ref: elements[0].value, minCount: 1, uniqueResults: false }] },
              ],
            })
          }
        >
          Add evidence group
        </Button>
      </Row>
    </>
  );
}
