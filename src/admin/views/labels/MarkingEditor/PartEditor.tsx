/** One of a label's header, footer and watermark: on or off, its text, font, and placement. */
import * as React from "react";
import {
  MARKING_ALIGNMENTS,
  WATERMARK_LAYOUTS,
  type Label,
  type TextMarkingSettings,
  type WatermarkSettings,
} from "../../../../core/policy";
import {
  ChoiceField,
  NumberField,
  SwitchField,
  TextAreaField,
  TextField,
  choicesOf,
} from "../../../components/fields";
import { Grid, Stack } from "../../../components/Layout";
import { useLabelDraft } from "../../../state";

export type Part = "header" | "footer" | "watermark";

const TITLES: Record<Part, string> = { header: "Header", footer: "Footer", watermark: "Watermark" };

/** What a part starts as when the admin switches it on. */
const DEFAULTS: Record<Part, TextMarkingSettings | WatermarkSettings> = {
  header: { enabled: true, text: "${Item.Label}", fontSize: 10, fontColor: "#000000", alignment: "Center" },
  footer: {
    enabled: true,
    text: "Classified as ${Item.Label}",
    fontSize: 10,
    fontColor: "#000000",
    alignment: "Center",
  },
  watermark: { enabled: true, text: "${Item.Label}", fontSize: 48, fontColor: "#C0C0C0", layout: "Diagonal" },
};

type PartChange = Partial<TextMarkingSettings & WatermarkSettings>;

function Placement(props: {
  mark: TextMarkingSettings | WatermarkSettings;
  path: string;
  set: (c: PartChange) => void;
}) {
  const { mark, path, set } = props;
  if ("layout" in mark)
    return (
      <ChoiceField
        path={`${path}.layout`}
        label="Layout"
        value={mark.layout}
        choices={choicesOf(WATERMARK_LAYOUTS)}
        onChange={(v) => set({ layout: v })}
      />
    );
  return (
    <>
      <ChoiceField
        path={`${path}.alignment`}
        label="Alignment"
        value={mark.alignment}
        choices={choicesOf(MARKING_ALIGNMENTS)}
        onChange={(v) => set({ alignment: v })}
      />
      <NumberField
        path={`${path}.margin`}
        label="Margin (pt)"
        value={mark.margin}
        onChange={(v) => set({ margin: v })}
      />
    </>
  );
}

export function PartEditor(props: { label: Label; part: Part }) {
  const { part, label } = props;
  const { editor, at } = useLabelDraft(label);
  const mark = label.marking[part];
  const path = `${at}.marking.${part}`;
  const set = (next: PartChange | undefined) =>
    editor.updateLabel(label.id, (l) => {
      const marking = { ...l.marking };
      if (next === undefined) delete marking[part];
      else marking[part] = { ...(marking[part] ?? DEFAULTS[part]), ...next } as never;
      return { ...l, marking };
    });
  const title = TITLES[part];
  return (
    <Stack form data-testid={`marking-${part}`}>
      <SwitchField
        path={`${path}.enabled`}
        label={`${title}${part === "watermark" ? " (Word, Excel, PowerPoint; never on mail)" : ""}`}
        checked={mark?.enabled === true}
        onChange={(v) => set(mark ? { enabled: v } : v ? {} : undefined)}
      />
      {mark && (
        <>
          <TextAreaField
            path={`${path}.text`}
            label={`${title} text`}
            rows={2}
            value={mark.text}
            onChange={(v) => set({ text: v })}
          />
          <Grid size="narrow">
            <TextField
              path={`${path}.fontName`}
              label="Font"
              placeholder="Calibri"
              value={mark.fontName ?? ""}
              onChange={(v) => set({ fontName: v === "" ? undefined : v })}
            />
            <NumberField
              path={`${path}.fontSize`}
              label="Size (pt)"
              value={mark.fontSize}
              onChange={(v) => set({ fontSize: v as number })}
            />
            <TextField
              path={`${path}.fontColor`}
              label="Colour"
              value={mark.fontColor}
              onChange={(v) => set({ fontColor: v })}
            />
            <Placement mark={mark} path={path} set={set} />
          </Grid>
        </>
      )}
    </Stack>
  );
}
