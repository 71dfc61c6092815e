import { Button } from "@fluentui/react-components";
import { Banner } from "../Banner";

export interface RecommendationTipProps {
  title: string;
  /** The policy tip (the admin's words). */
  tip: string;
  acceptText: string;
  dismissText: string;
  disabled: boolean;
  onAccept: () => void;
  onDismiss: () => void;
}

/** A recommended label from the detectors, with the policy tip; accept and dismiss are both audited. */
export function RecommendationTip(props: RecommendationTipProps) {
  return (
    <Banner
      intent="info"
      title={props.title}
      data-testid="recommendation"
      actions={
        <>
          <Button appearance="primary" size="small" disabled={props.disabled} onClick={props.onAccept}>
            {props.acceptText}
          </Button>
          <Button size="small" disabled={props.disabled} onClick={props.onDismiss}>
            {props.dismissText}
          </Button>
        </>
      }
    >
      {props.tip}
    </Banner>
  );
}
