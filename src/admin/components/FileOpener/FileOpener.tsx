/** A file input that hands the chosen file on: the import cards open what an admin exported or downloaded. */
import * as React from "react";

export function FileOpener(props: {
  accept: string;
  label: string;
  onFile: (file: File) => void;
  /** Clear the choice once handed on, so the same file can be opened again. */
  clear?: boolean;
}) {
  return (
    <input
      type="file"
      accept={props.accept}
      aria-label={props.label}
      onChange={(e) => {
        const file = e.target.files?.[0];
        if (file) props.onFile(file);
        if (props.clear) e.target.value = "";
      }}
    />
  );
}
