/**
 * The fields of one label mapping (core/policy/mapping.ts), each bound to its path so the shared
 * validation's issues show at it: an invalid pattern, an unknown, parent or retired target label.
 */
import * as React from "react";
import type {
  CustomPropertyMapping,
  Label,
  LabelMapping,
  PartnerLabelMapping,
} from "../../../../core/policy";
import { ChoiceField, TextField } from "../../../components/fields";
import { LabelPicker } from "../../../components/LabelPicker";
import { Grid } from "../../../components/Layout";
import { matchOf, optionalText, withMatch, withMatchText, type MatchKind } from "../../../model/mappings";

interface FieldsProps<M extends LabelMapping> {
  mapping: M;
  at: string;
  labels: readonly Label[];
  onChange: (mapping: M) => void;
}

const MATCH_CHOICES: Array<{ value: MatchKind; text: string }> = [
  { value: "value", text: "Exact value" },
  { value: "pattern", text: "Pattern (regular expression)" },
];

function Common<M extends LabelMapping>(props: FieldsProps<M>) {
  const { mapping, at } = props;
  return (
    <>
      <LabelPicker
        path={`${at}.labelId`}
        label="Means our label"
        labels={props.labels}
        value={mapping.labelId === "" ? null : mapping.labelId}
        onChange={(labelId) => props.onChange({ ...mapping, labelId })}
      />
      <TextField
        path={`${at}.name`}
        label="Name in reports (optional)"
        value={mapping.name ?? ""}
        onChange={(name) => props.onChange({ ...mapping, name: optionalText(name) })}
      />
    </>
  );
}

export function CustomPropertyFields(props: FieldsProps<CustomPropertyMapping>) {
  const { mapping, at } = props;
  const kind = matchOf(mapping);
  return (
    <Grid size="field">
      <TextField
        path={`${at}.property`}
        label="Custom property"
        hint="As Titus or Boldon James write it; case does not matter."
        placeholder="Information Classification"
        value={mapping.property}
        onChange={(property) => props.onChange({ ...mapping, property })}
      />
      <ChoiceField
        path={at}
        label="Match"
        value={kind}
        choices={MATCH_CHOICES}
        onChange={(k) => props.onChange(withMatch(mapping, k))}
      />
      <TextField
        path={`${at}.${kind}`}
        label={kind === "value" ? "Value" : "Pattern"}
        hint={
          kind === "value"
            ? "Case and surrounding spaces are ignored."
            : "A JavaScript regular expression, tested case-insensitively."
        }
        placeholder={kind === "value" ? "General" : "^(Internal|General)$"}
        value={(kind === "value" ? mapping.value : mapping.pattern) ?? ""}
        onChange={(text) => props.onChange(withMatchText(mapping, text))}
      />
      <Common {...props} />
    </Grid>
  );
}

export function PartnerLabelFields(props: FieldsProps<PartnerLabelMapping>) {
  const { mapping, at } = props;
  return (
    <Grid size="field">
      <TextField
        path={`${at}.siteId`}
        label="Partner tenant id"
        hint="The SiteId their labels carry."
        value={mapping.siteId}
        onChange={(siteId) => props.onChange({ ...mapping, siteId })}
      />
      <TextField
        path={`${at}.partnerLabelId`}
        label="Partner's label GUID"
        value={mapping.partnerLabelId}
        onChange={(partnerLabelId) => props.onChange({ ...mapping, partnerLabelId })}
      />
      <Common {...props} />
    </Grid>
  );
}
