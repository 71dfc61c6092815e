import { Button } from "@fluentui/react-components";
import type { Notice } from "../../controller";
import { Banner } from "../Banner";

export interface NoticesProps {
  notice: Notice | null;
  /** What the notice is about: the policy (saved, missing, sign-in) or the last action. */
  scope: "policy" | "action";
  dismissText: string;
  onDismiss: () => void;
}

/** One notice with its own Dismiss: the policy's state, or the outcome of the last action. */
export function Notices({ notice, scope, dismissText, onDismiss }: NoticesProps) {
  if (!notice) return null;
  return (
    <Banner
      intent={notice.kind}
      data-testid={`notice-${notice.kind}`}
      data-scope={scope}
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
