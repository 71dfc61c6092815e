/**
 * A list of small records edited in place — a label's conditions, a policy's recipient rules — one
 * card each with its own Remove button, and an Add button after the last.
 */
import * as React from "react";
import { Button, Card } from "@fluentui/react-components";
import { AddRegular, DeleteRegular } from "@fluentui/react-icons";
import { Stack } from "../Layout";
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
  /** Shown above the cards: notes and the list's own issues. */
  children?: React.ReactNode;
  "data-testid"?: string;
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
          <div>
            <Button size="small" icon={<DeleteRegular />} onClick={() => props.onRemove(i)}>
              {props.removeText}
            </Button>
          </div>
        </Card>
      ))}
      <div>
        <Button icon={<AddRegular />} onClick={props.onAdd}>
          {props.addText}
        </Button>
      </div>
    </Stack>
  );
}
