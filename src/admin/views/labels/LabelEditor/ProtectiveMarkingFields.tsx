/** The Australian Government protective marking a label carries under the au-epms marking profile. */
import * as React from "react";
import { EPMS_CLASSIFICATIONS, type Label, type LabelProtectiveMarking } from "../../../../core/policy";
import { ChoiceField, LinesField, SwitchField, choicesOf } from "../../../components/fields";
import { Grid } from "../../../components/Layout";
import { useLabelDraft } from "../../../state";

export function ProtectiveMarkingFields(props: { label: Label }) {
  const { label } = props;
  const { editor, at } = useLabelDraft(label);
  const protective = label.protectiveMarking;
  const setProtective = (pm: LabelProtectiveMarking | undefined) =>
    editor.updateLabel(label.id, (l) => {
      const next = { ...l };
      if (pm) next.protectiveMarking = pm;
      else delete next.protectiveMarking;
      return next;
    });
  return (
    <>
      <SwitchField
        path={`${at}.protectiveMarking`}
        label="This label has an Australian Government protective marking"
        checked={protective !== undefined}
        onChange={(v) => setProtective(v ? { sec: "OFFICIAL" } : undefined)}
      />
      {protective && (
        <Grid size="field">
          <ChoiceField
            path={`${at}.protectiveMarking.sec`}
            label="Security classification (SEC=)"
            value={protective.sec}
            choices={choicesOf(EPMS_CLASSIFICATIONS)}
            onChange={(v) => setProtective({ ...protective, sec: v })}
          />
          <LinesField
            path={`${at}.protectiveMarking.caveats`}
            label="Caveats (one per line)"
            value={protective.caveats ?? []}
            onChange={(v) => setProtective({ ...protective, caveats: v.length > 0 ? v : undefined })}
          />
          <LinesField
            path={`${at}.protectiveMarking.access`}
            label="Information management markers (ACCESS=)"
            hint="Personal-Privacy, Legal-Privilege or Legislative-Secrecy"
            value={protective.access ?? []}
            onChange={(v) =>
              setProtective({
                ...protective,
                access: v.length > 0 ? (v as LabelProtectiveMarking["access"]) : undefined,
              })
            }
          />
        </Grid>
      )}
    </>
  );
}
