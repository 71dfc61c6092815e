/** A policy in the list: name, phase, problems, whom it scopes, and its place in the priority order. */
import * as React from "react";
import { Badge } from "@fluentui/react-components";
import type { LabelPolicy } from "../../../../core/policy";
import { ItemRow } from "../../../components/ItemList";
import { Muted } from "../../../components/Layout";
import { scopeText } from "../../../model/rollout";
import { navigate } from "../../../router";
import { usePoliciesViewStyles } from "./PoliciesView.styles";

export interface PolicyRowProps {
  policy: LabelPolicy;
  selected: boolean;
  first: boolean;
  last: boolean;
  problems: number;
  onMove: (delta: -1 | 1) => void;
}

export function PolicyRow({ policy: p, selected, first, last, problems, onMove }: PolicyRowProps) {
  const styles = usePoliciesViewStyles();
  return (
    <ItemRow
      selected={selected}
      onOpen={() => navigate("policies", p.id)}
      up={{ label: `Move ${p.name} up`, disabled: first, onMove: () => onMove(-1) }}
      down={{
        label: `Move ${p.name} down (wins over the ones above)`,
        disabled: last,
        onMove: () => onMove(1),
      }}
      data-testid="policy-row"
    >
      <span className={styles.stack}>
        <span>
          {p.name}{" "}
          <Badge appearance="tint" size="small">
            {p.phase}
          </Badge>{" "}
          {problems > 0 && (
            <Badge color="danger" size="small">
              {problems}
            </Badge>
          )}
        </span>
        <Muted size={200}>
          {scopeText(p)} · priority {p.priority}
        </Muted>
      </span>
    </ItemRow>
  );
}
