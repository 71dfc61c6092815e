import { Button, MessageBar, MessageBarActions, MessageBarBody } from "@fluentui/react-components";
import type { HostWarning } from "../../../hosts/types";
import { warningText } from "../../../i18n/warnings";
import { useHostWarningsStyles } from "./HostWarnings.styles";

export interface HostWarningsProps {
  warnings: HostWarning[];
  /** The person's language (Strings.locale). */
  locale: string;
  dismissText: string;
  onDismiss: (index: number) => void;
}

/**
 * What the last write did short of what the label asks (a shortened Excel marking, a watermark the
 * host has none of, a tenant that keeps labels in LabelInfo), each in a warning bar. Loaded only
 * when there is one, with the warnings' text.
 */
export function HostWarnings({ warnings, locale, dismissText, onDismiss }: HostWarningsProps) {
  const styles = useHostWarningsStyles();
  return (
    <div className={styles.root} data-testid="host-warnings">
      {warnings.map((warning, i) => (
        <MessageBar
          key={`${i}:${warning.code}`}
          intent="warning"
          layout="multiline"
          data-testid="host-warning"
        >
          <MessageBarBody>{warningText(locale, warning)}</MessageBarBody>
          <MessageBarActions>
            <Button size="small" appearance="transparent" onClick={() => onDismiss(i)}>
              {dismissText}
            </Button>
          </MessageBarActions>
        </MessageBar>
      ))}
    </div>
  );
}
