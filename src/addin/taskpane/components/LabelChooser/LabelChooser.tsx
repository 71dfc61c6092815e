import { Button } from "@fluentui/react-components";
import type { EffectivePolicy } from "../../../../core/policy/effective";
import type { PaneState } from "../../controller";
import { describeLabel, labelTree } from "../../model/labelTree";
import type { LabelNote } from "../../model/labelNotes";
import type { PaneActions } from "../App/App";
import { useAppStyles } from "../App/App.styles";
import { LabelList } from "../LabelList";
import { MandatoryBanner } from "../MandatoryBanner";
import { OtherTenantLabels } from "../OtherTenantLabels";
import { PaneLinks } from "../PaneLinks";
import { RecommendationTip } from "../RecommendationTip";

export interface LabelChooserProps {
  state: PaneState;
  policy: EffectivePolicy;
  notes: LabelNote[];
  /** Other organisations' labels the document carries (kept when ours changes). */
  otherTenantLabels: string[];
  actions: Pick<PaneActions, "choose" | "acceptRecommendation" | "dismissRecommendation">;
}

/**
 * Where a label is set, once the policy is loaded on an item open for writing: what the policy asks
 * (a label, a recommendation), the label list (or why there is none), removal and the policy's links.
 */
export function LabelChooser({ state, policy, notes, otherTenantLabels, actions }: LabelChooserProps) {
  const styles = useAppStyles();
  const t = state.strings;
  const kind = state.info?.kind ?? "email";
  const writable = policy.features.manualLabeling && state.capabilities?.canWriteLabel === true;
  const mandatory = kind === "email" ? policy.settings.mandatoryMail : policy.settings.mandatoryDocuments;
  return (
    <>
      {mandatory && state.current === null && !notes.some((n) => n.kind === "office-label-unread") && (
        <MandatoryBanner text={kind === "email" ? t.mandatoryBanner : t.mandatoryBannerDocument} />
      )}
      {state.recommendation && (
        <RecommendationTip
          title={t.recommendationTitle}
          tip={state.recommendation.policyTip}
          acceptText={t.acceptRecommendation(describeLabel(policy, state.recommendation.labelId).name)}
          dismissText={t.dismiss}
          disabled={state.busy}
          onAccept={actions.acceptRecommendation}
          onDismiss={actions.dismissRecommendation}
        />
      )}
      {state.info?.mode === "document" && (
        <OtherTenantLabels heading={t.otherTenantLabel} labels={otherTenantLabels} note={t.otherTenantKept} />
      )}
      {writable ? (
        <LabelList
          labels={labelTree(policy, kind)}
          currentId={state.current?.labelId ?? null}
          disabled={state.busy}
          heading={t.labelsHeading}
          appliedText={t.applied}
          applyAria={t.applyLabelAria}
          onChoose={(id) => actions.choose(id)}
          autoFocus={state.focus === "label-picker"}
        />
      ) : (
        <p>{t.readOnlyCapability}</p>
      )}
      {writable && !mandatory && state.current !== null && (
        <Button
          className={styles.remove}
          appearance="secondary"
          size="small"
          disabled={state.busy}
          onClick={() => actions.choose(null)}
        >
          {t.removeLabel}
        </Button>
      )}
      <PaneLinks
        learnMoreUrl={policy.settings.moreInfoUrl}
        reportIssueUrl={policy.settings.reportIssueUrl}
        learnMoreText={t.learnMore}
        reportIssueText={t.reportIssue}
      />
    </>
  );
}
