/** A label's colour: typed as #RRGGBB or picked from the palette Purview's own labels use. */
import * as React from "react";
import { Button, Input } from "@fluentui/react-components";
import { BoundField } from "../../../components/fields";
import { Row } from "../../../components/Layout";
import { LabelSwatch } from "../../../components/LabelSwatch";

const PALETTE = [
  "#0078D4",
  "#107C10",
  "#5C2E91",
  "#CA5010",
  "#A4262C",
  "#038387",
  "#8764B8",
  "#498205",
  "#69797E",
  "#000000",
];

export function ColourField(props: {
  path: string;
  value: string | undefined;
  onChange: (v: string | undefined) => void;
}) {
  return (
    <BoundField path={props.path} label="Colour" hint="Shown next to the label in Office; #RRGGBB.">
      <Row>
        <Input
          value={props.value ?? ""}
          placeholder="#A4262C"
          onChange={(_e, d) => props.onChange(d.value === "" ? undefined : d.value)}
          contentBefore={<LabelSwatch color={props.value} />}
        />
        {PALETTE.map((c) => (
          <Button
            key={c}
            size="small"
            appearance="subtle"
            aria-label={`Colour ${c}`}
            icon={<LabelSwatch color={c} />}
            onClick={() => props.onChange(c)}
          />
        ))}
      </Row>
    </BoundField>
  );
}
