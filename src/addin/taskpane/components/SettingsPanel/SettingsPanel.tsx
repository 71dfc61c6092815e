import { Button } from "@fluentui/react-components";
import { lazy, Suspense, useState } from "react";
import type { Strings } from "../../../i18n/types";

const SettingsForm = lazy(() =>
  import(/* webpackChunkName: "settings" */ "./SettingsForm.js").then((m) => ({ default: m.SettingsForm })),
);

export interface SettingsPanelProps {
  strings: Pick<Strings, "settings" | "devTokenLabel" | "devTokenHint" | "save" | "clear" | "retry">;
  storage: string;
  auditPendingText: string | null;
  onSaveToken: (token: string) => void;
  onRetry: () => void;
}

/** Development sign-in (a pasted `labelbridge token`) and the state of the local audit queue. */
export function SettingsPanel(props: SettingsPanelProps) {
  const [open, setOpen] = useState(false);
  return (
    <section aria-label={props.strings.settings}>
      <Button
        appearance="transparent"
        size="small"
        aria-expanded={open}
        aria-controls="lb-settings"
        onClick={() => setOpen(!open)}
      >
        {props.strings.settings}
      </Button>
      {open && (
        <Suspense fallback={null}>
          <SettingsForm {...props} />
        </Suspense>
      )}
    </section>
  );
}
