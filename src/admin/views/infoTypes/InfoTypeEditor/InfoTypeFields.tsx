/** A custom type's name, evidence window, recommended confidence and description. */
import * as React from "react";
import type { CustomInfoType } from "../../../../core/policy/infoTypes";
import { NumberField, TextAreaField, TextField } from "../../../components/fields";
import { Grid } from "../../../components/Layout";
import type { EditInfoType } from "./InfoTypeEditor";

export function InfoTypeFields(props: { type: CustomInfoType; at: string; set: EditInfoType }) {
  const { type, at, set } = props;
  return (
    <>
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
    </>
  );
}
