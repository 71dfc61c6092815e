/** Header, footer and watermark of a label, beside a preview of what each Office app would write. */
import * as React from "react";
import type { Label } from "../../../../core/policy";
import { Grid, Stack } from "../../../components/Layout";
import { MarkingPreview } from "./MarkingPreview";
import { PartEditor } from "./PartEditor";

export function MarkingEditor(props: { label: Label }) {
  return (
    <Grid size="field">
      <Stack form>
        <PartEditor label={props.label} part="header" />
        <PartEditor label={props.label} part="footer" />
        <PartEditor label={props.label} part="watermark" />
      </Stack>
      {/* ${Item.Label} is the label's own display name, as the decision engine fills it in. */}
      <MarkingPreview label={props.label} labelName={props.label.displayName} />
    </Grid>
  );
}
