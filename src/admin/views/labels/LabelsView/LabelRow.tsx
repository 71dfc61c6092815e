/** A label in the list: its colour, name, state and problems, and its place in the order. */
import * as React from "react";
import { Badge } from "@fluentui/react-components";
import type { Label } from "../../../../core/policy";
import { ItemRow } from "../../../components/ItemList";
import { LabelSwatch } from "../../../components/LabelSwatch";
import { navigate } from "../../../router";

export interface LabelRowProps {
  label: Label;
  selected: boolean;
  child: boolean;
  first: boolean;
  last: boolean;
  problems: number;
  onMove: (delta: -1 | 1) => void;
}

export function LabelRow({ label, selected, child, first, last, problems, onMove }: LabelRowProps) {
  return (
    <ItemRow
      selected={selected}
      indented={child}
      onOpen={() => navigate("labels", label.id)}
      up={{
        label: `Move ${label.displayName} up (less sensitive)`,
        disabled: first,
        onMove: () => onMove(-1),
      }}
      down={{
        label: `Move ${label.displayName} down (more sensitive)`,
        disabled: last,
        onMove: () => onMove(1),
      }}
      data-testid="label-row"
      data-label-id={label.id}
    >
      <LabelSwatch color={label.color} />
      <span data-testid="label-name">{label.displayName}</span>
      {!label.isActive && (
        <Badge appearance="outline" color="subtle" size="small">
          inactive
        </Badge>
      )}
      {problems > 0 && (
        <Badge color="danger" size="small" aria-label={`${problems} problems`}>
          {problems}
        </Badge>
      )}
    </ItemRow>
  );
}
