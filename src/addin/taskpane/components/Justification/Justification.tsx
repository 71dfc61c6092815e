import { lazy, Suspense, useRef } from "react";
import type { JustificationRequest } from "../../controller";
import type { Strings } from "../../../i18n/types";

// Loaded only when someone lowers a label: not part of the pane's first paint.
const JustificationDialog = lazy(() =>
  import(/* webpackChunkName: "justification" */ "../JustificationDialog/JustificationDialog.js").then(
    (m) => ({
      default: m.JustificationDialog,
    }),
  ),
);

export interface JustificationProps {
  /** What the flows ask a reason for; null once answered or cancelled. */
  request: JustificationRequest | null;
  strings: Strings;
  busy: boolean;
  onSubmit: (reason: string, text: string) => void;
  onCancel: () => void;
}

/** The justification dialog, fetched the first time a flow asks for a reason. */
export function Justification({ request, strings, busy, onSubmit, onCancel }: JustificationProps) {
  // The last request stays rendered (closed) so the dialog can close properly and reopen fast.
  const last = useRef(request);
  if (request) last.current = request;
  const shown = last.current;
  if (!shown) return null;
  return (
    <Suspense fallback={null}>
      <JustificationDialog
        open={request !== null}
        strings={strings}
        message={shown.message}
        reasons={shown.reasons}
        otherReason={shown.otherReason}
        error={shown.error}
        busy={busy}
        onSubmit={onSubmit}
        onCancel={onCancel}
      />
    </Suspense>
  );
}
