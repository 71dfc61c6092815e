/**
 * A regular expression's checksum, from the fixed set (docs/custom-info-types.md): Luhn, MOD 97,
 * MOD 11, admin weights with a rule, or Purview's check-digit validator.
 */
import * as React from "react";
import type { ChecksumSettings } from "../../../../core/policy/infoTypes";
import { CheckboxField, ChoiceField, NumberField } from "../../../components/fields";
import { Grid } from "../../../components/Layout";
import { WeightsField } from "./WeightsField";

type Kind = ChecksumSettings["kind"] | "none";

const KINDS: Array<{ value: Kind; text: string }> = [
  { value: "none", text: "None" },
  { value: "luhn", text: "Luhn" },
  { value: "mod97", text: "ISO 7064 MOD 97-10" },
  { value: "mod11", text: "MOD 11 (weights 2, 3, 4… from the right)" },
  { value: "weighted", text: "Weights and modulus" },
  { value: "checkDigit", text: "Check digit (Purview's validator)" },
];

function initial(kind: Kind): ChecksumSettings | undefined {
  if (kind === "none") return undefined;
  if (kind === "weighted") return { kind, weights: [1, 2], modulus: 10, rule: "sum-zero" };
  if (kind === "checkDigit") return { kind, weights: [1, 2], modulus: 11, position: 3, allowLetters: false };
  return { kind };
}

export function ChecksumFields(props: {
  checksum: ChecksumSettings | undefined;
  at: string;
  onChange: (next: ChecksumSettings | undefined) => void;
}) {
  const { checksum: c, at, onChange } = props;
  const kind = (
    <ChoiceField
      path={`${at}.kind`}
      label="Checksum"
      value={c?.kind ?? "none"}
      choices={KINDS}
      onChange={(k) => onChange(initial(k))}
    />
  );
  if (!c || (c.kind !== "weighted" && c.kind !== "checkDigit")) return <Grid size="field">{kind}</Grid>;
  return (
    <Grid size="field">
      {kind}
      <WeightsField
        path={`${at}.weights`}
        value={c.weights}
        onChange={(weights) => onChange({ ...c, weights })}
      />
      <NumberField
        path={`${at}.modulus`}
        label="Modulus"
        value={c.modulus}
        min={2}
        onChange={(v) => onChange({ ...c, modulus: v as number })}
      />
      {c.kind === "weighted" ? (
        <ChoiceField
          path={`${at}.rule`}
          label="Rule"
          value={c.rule}
          choices={[
            { value: "sum-zero", text: "Weighted sum ≡ 0" },
            { value: "remainder", text: "Last = sum of the others mod m" },
            { value: "complement", text: "Last = (m − sum mod m) mod m" },
          ]}
          onChange={(rule) => onChange({ ...c, rule })}
        />
      ) : (
        <>
          <NumberField
            path={`${at}.position`}
            label="Check character (position, from 1)"
            value={c.position}
            min={1}
            onChange={(v) => onChange({ ...c, position: v as number })}
          />
          <CheckboxField
            path={`${at}.allowLetters`}
            label="Letters allowed"
            checked={c.allowLetters}
            onChange={(allowLetters) => onChange({ ...c, allowLetters })}
          />
        </>
      )}
    </Grid>
  );
}
