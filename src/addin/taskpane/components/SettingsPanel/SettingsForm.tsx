import { Button, Field, Input, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import type { SettingsPanelProps } from "./SettingsPanel";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    paddingBlockStart: tokens.spacingVerticalS,
  },
  row: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  meta: { margin: 0, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 },
});

/** The settings themselves: loaded only when someone opens them. */
export function SettingsForm(props: SettingsPanelProps) {
  const styles = useStyles();
  const [token, setToken] = useState("");
  return (
    <div id="lb-settings" className={styles.root}>
      <Field label={props.strings.devTokenLabel} hint={props.strings.devTokenHint}>
        <Input
          type="password"
          value={token}
          onChange={(_e, d) => setToken(d.value)}
          data-testid="dev-token"
          autoComplete="off"
        />
      </Field>
      <div className={styles.row}>
        <Button appearance="primary" size="small" onClick={() => props.onSaveToken(token)}>
          {props.strings.save}
        </Button>
        <Button size="small" onClick={() => props.onSaveToken("")}>
          {props.strings.clear}
        </Button>
        {props.auditPendingText && (
          <Button size="small" onClick={props.onRetry}>
            {props.strings.retry}
          </Button>
        )}
      </div>
      <p className={styles.meta}>{props.storage}</p>
      {props.auditPendingText && <p className={styles.meta}>{props.auditPendingText}</p>}
    </div>
  );
}
