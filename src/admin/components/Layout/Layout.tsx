/**
 * The console's page furniture: columns, field grids, rows, titles and section headers, so every view
 * lays out its forms the same way. Each takes a div's (or Text's) own attributes (`data-testid`, …).
 */
import * as React from "react";
import { Divider, Text, mergeClasses, type TextProps } from "@fluentui/react-components";
import { useLayoutStyles } from "./Layout.styles";

type DivProps = React.HTMLAttributes<HTMLDivElement>;

/** A column with the console's vertical rhythm; `form` also caps its width. */
export function Stack({ form, className, ...rest }: DivProps & { form?: boolean }) {
  const styles = useLayoutStyles();
  return <div className={mergeClasses(styles.stack, form && styles.form, className)} {...rest} />;
}

/** Fields, cards or charts side by side, as many per row as fit at the given minimum width. */
export type GridSize = "narrow" | "field" | "card" | "wide" | "chart";

export function Grid({ size, className, ...rest }: DivProps & { size: GridSize }) {
  const styles = useLayoutStyles();
  return <div className={mergeClasses(styles.grid, styles[size], className)} {...rest} />;
}

/** Controls in one line, wrapping when narrow. */
export function Row({ className, ...rest }: DivProps) {
  const styles = useLayoutStyles();
  return <div className={mergeClasses(styles.inline, className)} {...rest} />;
}

/** Secondary text: hints under lists, phase notes, ids. */
export function Muted({ className, ...rest }: TextProps) {
  const styles = useLayoutStyles();
  return <Text className={mergeClasses(styles.muted, className)} {...rest} />;
}

/** A view's or an editor's title. */
export function ViewTitle(props: { children: React.ReactNode }) {
  return (
    <Text as="h2" size={600} weight="semibold">
      {props.children}
    </Text>
  );
}

/** A heading inside a view. */
export function SectionTitle(props: { children: React.ReactNode; as?: "h2" | "h3" }) {
  return (
    <Text as={props.as ?? "h3"} size={500} weight="semibold">
      {props.children}
    </Text>
  );
}

/**
 * A rule, the section's heading and, when the section does nothing yet (a later phase switches it
 * on), a note saying so. Siblings, not a wrapper: the section's fields follow in the same column.
 */
export function SectionHeader(props: { title: string; note?: string | false }) {
  return (
    <>
      <Divider />
      <SectionTitle>{props.title}</SectionTitle>
      {props.note && <Muted>{props.note}</Muted>}
    </>
  );
}
