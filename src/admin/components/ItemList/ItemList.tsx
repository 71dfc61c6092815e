/**
 * An ordered list of items to pick from, each row a button that opens the item and, where order
 * means something (label sensitivity, policy priority), buttons that move it up or down.
 */
import * as React from "react";
import { Button, Tooltip, mergeClasses } from "@fluentui/react-components";
import { ArrowDownRegular, ArrowUpRegular } from "@fluentui/react-icons";
import { useItemListStyles } from "./ItemList.styles";

export function ItemList(props: { children: React.ReactNode }) {
  const styles = useItemListStyles();
  return <ul className={styles.list}>{props.children}</ul>;
}

export interface Move {
  /** What the button does, in words (its tooltip and accessible name). */
  label: string;
  disabled: boolean;
  onMove: () => void;
}

export interface ItemRowProps extends React.LiHTMLAttributes<HTMLLIElement> {
  selected: boolean;
  /** A child item (a sublabel) sits indented under its parent. */
  indented?: boolean;
  onOpen: () => void;
  up?: Move;
  down?: Move;
}

function MoveButton(props: { move: Move; icon: React.ReactElement }) {
  return (
    <Tooltip content={props.move.label} relationship="label">
      <Button
        size="small"
        appearance="subtle"
        icon={props.icon}
        disabled={props.move.disabled}
        onClick={props.move.onMove}
      />
    </Tooltip>
  );
}

export function ItemRow({
  selected,
  indented,
  onOpen,
  up,
  down,
  children,
  className,
  ...rest
}: ItemRowProps) {
  const styles = useItemListStyles();
  return (
    <li
      className={mergeClasses(
        styles.row,
        indented && styles.indented,
        selected && styles.selected,
        className,
      )}
      {...rest}
    >
      <Button
        appearance="subtle"
        className={styles.name}
        onClick={onOpen}
        aria-current={selected ? "true" : undefined}
      >
        {children}
      </Button>
      {up && <MoveButton move={up} icon={<ArrowUpRegular />} />}
      {down && <MoveButton move={down} icon={<ArrowDownRegular />} />}
    </li>
  );
}
