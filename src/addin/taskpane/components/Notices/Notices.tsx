import { Button } from "@fluentui/react-components";
import type { Notice } from "../../controller";
import { Banner } from "../Banner";

export interface NoticesProps {
  notice: Notice | null;
  dismissText: string;
  onDismiss: () => void;
}

/** The outcome of the last action (applied, refused, failed, offline). */
export function Notices({ notice, dismissText, onDismiss }: NoticesProps) {
  if (!notice) return null;
  return (
    <Banner
      intent={notice.kind}
      data-testid={`notice-${notice.kind}`}
      actions={
        <Button size="small" appearance="transparent" onClick={onDismiss}>
          {dismissText}
        </Button>
      }
    >
      {notice.text}
    </Banner>
  );
}
