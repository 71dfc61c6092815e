/** The colour dot wherever the console names a label. */
import * as React from "react";
import { useLabelSwatchStyles } from "./LabelSwatch.styles";

/**
 * The colour is the label's own data, so it cannot be in a stylesheet: React sets it through CSSOM,
 * which the console's CSP allows (it blocks style attributes in markup). Anything but #RRGGBB is drawn
 * as no colour.
 */
export function LabelSwatch(props: { color?: string }) {
  const styles = useLabelSwatchStyles();
  const color = /^#[0-9a-fA-F]{6}$/.test(props.color ?? "") ? props.color : "transparent";
  return <span className={styles.swatch} style={{ backgroundColor: color }} aria-hidden="true" />;
}
