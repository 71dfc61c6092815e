/**
 * The list-and-detail page: a list on the left (with its buttons and a line saying how to read it),
 * the selected item's editor or details on the right. Labels, policies and history use it.
 */
import * as React from "react";
import { mergeClasses } from "@fluentui/react-components";
import { Muted } from "../Layout";
import { useListDetailStyles } from "./ListDetail.styles";

export interface ListDetailProps {
  /** Accessible names of the two halves. */
  listLabel: string;
  detailLabel: string;
  toolbar?: React.ReactNode;
  hint?: string;
  list: React.ReactNode;
  detail: React.ReactNode;
  /** A wider list, for tables. */
  wide?: boolean;
}

export function ListDetail(props: ListDetailProps) {
  const styles = useListDetailStyles();
  return (
    <div className={mergeClasses(styles.layout, props.wide && styles.wide)}>
      <section aria-label={props.listLabel}>
        {props.toolbar && <div className={styles.toolbar}>{props.toolbar}</div>}
        {props.hint && <Muted size={200}>{props.hint}</Muted>}
        {props.list}
      </section>
      <section aria-label={props.detailLabel} className={styles.detail}>
        {props.detail}
      </section>
    </div>
  );
}
