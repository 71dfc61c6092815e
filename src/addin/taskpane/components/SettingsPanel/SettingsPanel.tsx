import { Button } from "@fluentui/react-components";
import { lazy, Suspense, useState } from "react";

const SettingsForm = lazy(() =>
  import(/* webpackChunkName: "settings" */ "./SettingsForm.js").then((m) => ({ default: m.SettingsForm })),
);

export interface SettingsPanelProps {
  title: string;
  tokenLabel: string;
  tokenHint: string;
  saveText: string;
  clearText: string;
  retryText: string;
  storage: string;
  auditPendingText: string | null;
  onSaveToken: (token: string) => void;
  onRetry: () => void;
}

/** Development sign-in (a pasted `labelbridge token`) and the state of the local audit queue. */
export function SettingsPanel(props: SettingsPanelProps) {
  const [open, setOpen] = useState(false);
  return (
    <section aria-label={props.title}>
      <Button
        appearance="transparent"
        size="small"
        aria-expanded={open}
        aria-controls="lb-settings"
        onClick={() => setOpen(!open)}
      >
        {props.title}
      </Button>
      {open && (
        <Suspense fallback={null}>
          <SettingsForm {...props} />
        </Suspense>
      )}
    </section>
  );
}
