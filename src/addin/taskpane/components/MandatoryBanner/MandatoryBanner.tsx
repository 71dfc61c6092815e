import { Banner } from "../Banner";

export interface MandatoryBannerProps {
  text: string;
}

/** The item has no label and the policy requires one. */
export function MandatoryBanner({ text }: MandatoryBannerProps) {
  return (
    <Banner intent="warning" data-testid="mandatory-banner">
      {text}
    </Banner>
  );
}
