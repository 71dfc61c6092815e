/** A page as the Office app would show it: header, body, footer, and the watermark across it. */
import * as React from "react";
import { mergeClasses } from "@fluentui/react-components";
import type { OfficeApp, ResolvedMarking } from "../../../../core/marking";
import { useMarkingStyles } from "./MarkingEditor.styles";
import { fontStyle } from "./preview";

function Mark(props: { mark: ResolvedMarking["header"]; testId: string }) {
  const styles = useMarkingStyles();
  const m = props.mark;
  return (
    <div
      style={m ? fontStyle(m, 28) : {}}
      className={mergeClasses(styles.mark, m && styles[m.alignment])}
      data-testid={props.testId}
    >
      {m?.text ?? ""}
    </div>
  );
}

export function PreviewPage(props: { app: OfficeApp; resolved: ResolvedMarking }) {
  const styles = useMarkingStyles();
  const { app, resolved } = props;
  const w = resolved.watermark;
  return (
    <div className={styles.page} aria-label={`${app} preview`}>
      {w && (
        <div
          style={fontStyle(w, 40)}
          className={mergeClasses(styles.watermark, w.layout === "Diagonal" && styles.diagonal)}
          data-testid="preview-watermark"
        >
          {w.text}
        </div>
      )}
      <Mark mark={resolved.header} testId="preview-header" />
      <div className={styles.body}>{app === "Outlook" ? "Message body" : "Document body"}</div>
      <Mark mark={resolved.footer} testId="preview-footer" />
    </div>
  );
}
