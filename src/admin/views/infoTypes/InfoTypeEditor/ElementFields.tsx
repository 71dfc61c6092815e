/** The fields of one element: a regular expression (and its checksum), a keyword list, or a function. */
import * as React from "react";
import { FUNCTION_NAMES } from "../../../../core/detect/functions";
import type { InfoTypeElement } from "../../../../core/policy/infoTypes";
import { CheckboxField, ChoiceField, choicesOf, LinesField, TextField } from "../../../components/fields";
import { Grid } from "../../../components/Layout";
import { ChecksumFields } from "./ChecksumFields";

export function ElementFields<E extends InfoTypeElement>(props: {
  element: E;
  at: string;
  onChange: (next: InfoTypeElement) => void;
}) {
  const { element: e, at, onChange } = props;
  const id = (
    <TextField
      path={`${at}.id`}
      label="Element id"
      hint="Patterns refer to the element by it."
      value={e.id}
      onChange={(v) => onChange({ ...e, id: v })}
    />
  );
  if (e.kind === "regex")
    return (
      <>
        <Grid size="field">
          {id}
          <CheckboxField
            path={`${at}.ignoreCase`}
            label="Ignore case"
            checked={e.ignoreCase}
            onChange={(ignoreCase) => onChange({ ...e, ignoreCase })}
          />
        </Grid>
        <TextField
          path={`${at}.pattern`}
          label="Pattern"
          hint="The syntax rule packages use; a pattern that could backtrack without end is refused or runs in linear time."
          value={e.pattern}
          onChange={(pattern) => onChange({ ...e, pattern })}
        />
        <ChecksumFields
          checksum={e.checksum}
          at={`${at}.checksum`}
          onChange={(checksum) => onChange({ ...e, checksum })}
        />
      </>
    );
  if (e.kind === "keywords")
    return (
      <>
        <Grid size="field">
          {id}
          <ChoiceField
            path={`${at}.matchStyle`}
            label="Match"
            value={e.matchStyle}
            choices={[
              { value: "word", text: "Whole words" },
              { value: "string", text: "Anywhere, even inside a word" },
            ]}
            onChange={(matchStyle) => onChange({ ...e, matchStyle })}
          />
          <CheckboxField
            path={`${at}.caseSensitive`}
            label="Case sensitive"
            checked={e.caseSensitive}
            onChange={(caseSensitive) => onChange({ ...e, caseSensitive })}
          />
        </Grid>
        <LinesField
          path={`${at}.terms`}
          label="Keywords, one per line"
          value={e.terms}
          onChange={(terms) => onChange({ ...e, terms })}
        />
      </>
    );
  return (
    <Grid size="field">
      {id}
      <ChoiceField
        path={`${at}.name`}
        label="Function"
        value={e.name}
        choices={choicesOf(FUNCTION_NAMES)}
        onChange={(name) => onChange({ ...e, name })}
      />
    </Grid>
  );
}
