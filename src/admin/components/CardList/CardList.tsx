/**
 * A list of small records edited in place — a label's conditions, a policy's recipient rules, the
 * tenant's label mappings — one card each with its own Remove button (and Move up/down where order
 * matters), and an Add button after the last.
 */
import * as React from "react";
import { Button, Card } from "@fluentui/react-components";
import { AddRegular, ArrowDownRegular, ArrowUpRegular, DeleteRegular } from "@fluentui/react-icons";
import { Row, Stack } from "../Layout";
import { useCardListStyles } from "./CardList.styles";

export interface CardListProps<T> {
  items: readonly T[];
  /** The fields of one record. */
  render: (item: T, index: number) => React.ReactNode;
  /** The record's JSON path, when its own issues should be findable on the card. */
  pathOf?: (index: number) => string;
  removeText: string;
  onRemove: (index: number) => void;
  addText: string;
  onAdd: () => void;
  /** Buttons next to Add (another kind of record). */
  moreActions?: React.ReactNode;
  /** Where order matters (the first match wins): moves a record one place up (-1) or down (+1). */
  onMove?: (index: number, delta: -1 | 1) => void;
  /** Shown above the cards: notes and the list's own issues. */
  children?: React.ReactNode;
  "data-testid"?: string;
}

function MoveButtons(props: {
  index: number;
  count: number;
  onMove: (index: number, delta: -1 | 1) => void;
}) {
  return (
    <>
      <Button
        size="small"
        appearance="subtle"
        icon={<ArrowUpRegular />}
        disabled={props.index === 0}
        onClick={() => props.onMove(props.index, -1)}
      >
        Move up
      </Button>
      <Button
        size="small"
        appearance="subtle"
        icon={<ArrowDownRegular />}
        disabled={props.index === props.count - 1}
        onClick={() => props.onMove(props.index, 1)}
      >
        Move down
      </Button>
    </>
  );
}

export function CardList<T>(props: CardListProps<T>) {
  const styles = useCardListStyles();
  return (
    <Stack form data-testid={props["data-testid"]}>
      {props.children}
      {props.items.map((item, i) => (
        // Records have no id of their own: their place in the list is their identity.
        <Card key={i} className={styles.card} data-path={props.pathOf?.(i)}>
          {props.render(item, i)}
          <Row>
            <Button size="small" icon={<DeleteRegular />} onClick={() => props.onRemove(i)}>
              {props.removeText}
            </Button>
            {props.onMove && <MoveButtons index={i} count={props.items.length} onMove={props.onMove} />}
          </Row>
        </Card>
      ))}
      <Row>
        <Button icon={<AddRegular />} onClick={props.onAdd}>
          {props.addText}
        </Button>
        {props.moreActions}
      </Row>
    </Stack>
  );
}
