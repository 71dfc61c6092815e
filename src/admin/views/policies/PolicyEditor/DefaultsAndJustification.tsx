/** The policy's default labels, what it makes mandatory, and when and how a person must say why. */
import * as React from "react";
import type { LabelPolicy } from "../../../../core/policy";
import { LinesField, SwitchField, TextField } from "../../../components/fields";
import { LabelMultiPicker, LabelPicker } from "../../../components/LabelPicker";
import { Grid, Row } from "../../../components/Layout";
import { usePolicyDraft } from "../../../state";

export function DefaultsAndJustification(props: { policy: LabelPolicy }) {
  const { draft, at, setting } = usePolicyDraft(props.policy);
  const s = props.policy.settings;
  const path = `${at}.settings`;
  return (
    <>
      <Grid size="field">
        <LabelPicker
          path={`${path}.defaultDocumentLabel`}
          label="Default label for documents"
          labels={draft.labels}
          value={s.defaultDocumentLabel ?? ""}
          specials={[{ value: "", text: "None" }]}
          onChange={(v) => setting("defaultDocumentLabel", v === "" ? null : v)}
        />
        <LabelPicker
          path={`${path}.defaultMailLabel`}
          label="Default label for mail"
          labels={draft.labels}
          value={s.defaultMailLabel ?? ""}
          specials={[
            { value: "", text: "Same as documents" },
            { value: "none", text: "None" },
          ]}
          onChange={(v) => setting("defaultMailLabel", v === "" ? null : v)}
        />
      </Grid>
      <Row>
        <SwitchField
          path={`${path}.mandatoryMail`}
          label="Mail must have a label before it is sent"
          checked={s.mandatoryMail}
          onChange={(v) => setting("mandatoryMail", v)}
        />
        <SwitchField
          path={`${path}.mandatoryDocuments`}
          label="Documents must have a label"
          checked={s.mandatoryDocuments}
          onChange={(v) => setting("mandatoryDocuments", v)}
        />
        <SwitchField
          path={`${path}.justificationRequired`}
          label="Ask why when a label is lowered or removed"
          checked={s.justificationRequired}
          onChange={(v) => setting("justificationRequired", v)}
        />
      </Row>
      <Grid size="field">
        <LinesField
          path={`${path}.justificationReasons`}
          label="Justification reasons (one per line)"
          value={s.justificationReasons}
          onChange={(v) => setting("justificationReasons", v)}
        />
        <TextField
          path={`${path}.otherReasonText`}
          label="The 'Other' choice"
          hint="Always asks for text."
          value={s.otherReasonText}
          onChange={(v) => setting("otherReasonText", v)}
        />
      </Grid>
      <LabelMultiPicker
        path={`${path}.preventDowngradeFrom`}
        label="Never lower a label from"
        hint="Stronger than Purview, which can only ask for a justification."
        labels={draft.labels}
        value={s.preventDowngradeFrom}
        onChange={(v) => setting("preventDowngradeFrom", v)}
      />
    </>
  );
}
