import { Button, FluentProvider, type Theme } from "@fluentui/react-components";
import { lazy, Suspense, useRef } from "react";
import type { PaneState } from "../../controller";
import { labelNotes } from "../../model/labelNotes";
import { describeLabel, labelTree } from "../../model/labelTree";
import { LabelBadge } from "../../../../ui/LabelBadge";
import { LabelList } from "../LabelList";
import { LabelNotes } from "../LabelNotes";
import { MandatoryBanner } from "../MandatoryBanner";
import { Notices } from "../Notices";
import { OtherTenantLabels } from "../OtherTenantLabels";
import { PaneLinks } from "../PaneLinks";
import { ReadModeLabel } from "../ReadModeLabel";
import { RecommendationTip } from "../RecommendationTip";
import { SettingsPanel } from "../SettingsPanel";
import { useAppStyles } from "./App.styles";

// Loaded only when someone lowers a label: not part of the pane's first paint.
const JustificationDialog = lazy(() =>
  import(/* webpackChunkName: "justification" */ "../JustificationDialog/JustificationDialog.js").then(
    (m) => ({
      default: m.JustificationDialog,
    }),
  ),
);

// Fluent's MessageBar brings its motion code, and the warnings their text: loaded when a write has
// something to warn about.
const HostWarnings = lazy(() =>
  import(/* webpackChunkName: "warnings" */ "../HostWarnings/HostWarnings.js").then((m) => ({
    default: m.HostWarnings,
  })),
);

export interface PaneActions {
  choose(labelId: string | null): void;
  submitJustification(reason: string, text: string): void;
  cancelJustification(): void;
  acceptRecommendation(): void;
  dismissRecommendation(): void;
  dismissNotice(): void;
  dismissPolicyNotice(): void;
  dismissWarning(index: number): void;
  saveToken(token: string): void;
  flushAudit(): void;
}

export interface AppProps {
  state: PaneState;
  actions: PaneActions;
  /** The Fluent theme for `state.theme` (themes.ts loads it). */
  theme: Theme;
}

export function App({ state, actions, theme }: AppProps) {
  const styles = useAppStyles();
  const t = state.strings;
  const policy = state.policy;
  const kind = state.info?.kind ?? "email";
  const writable = !!policy && policy.features.manualLabeling && state.capabilities?.canWriteLabel === true;
  const readMode = state.info?.mode === "read";
  const current = state.current ? describeLabel(policy, state.current.labelId) : null;
  const mandatory =
    !!policy && (kind === "email" ? policy.settings.mandatoryMail : policy.settings.mandatoryDocuments);
  // Other organisations' labels are read-only for us: shown, and kept when ours changes.
  const otherTenantLabels = (state.label?.records ?? [])
    .filter((r) => policy && r.siteId !== policy.siteId && r.enabled)
    .map((r) => r.name ?? r.labelId);
  const notes = labelNotes(state.label, state.mapped, policy, t);
  const j = state.justification;
  // The last request stays rendered (closed) so the dialog can close properly and reopen fast.
  const lastJ = useRef(j);
  if (j) lastJ.current = j;
  const shown = lastJ.current;

  return (
    <FluentProvider theme={theme} className={styles.provider} data-theme={state.theme}>
      <main className={styles.main} aria-busy={state.phase === "loading" || state.busy} lang={t.locale}>
        <header className={styles.header}>
          <h1 className={styles.title}>{t.title}</h1>
          {!readMode && state.phase === "ready" && (
            <LabelBadge
              name={current?.name ?? null}
              color={current?.color ?? null}
              noLabelText={t.noLabel}
              caption={t.currentLabel}
            />
          )}
        </header>
        {!readMode && state.phase === "ready" && <LabelNotes notes={notes} />}

        <Notices
          notice={state.policyNotice}
          scope="policy"
          dismissText={t.dismiss}
          onDismiss={actions.dismissPolicyNotice}
        />
        <Notices
          notice={state.notice}
          scope="action"
          dismissText={t.dismiss}
          onDismiss={actions.dismissNotice}
        />
        {state.warnings.length > 0 && (
          <Suspense fallback={null}>
            <HostWarnings
              warnings={state.warnings}
              locale={t.locale}
              dismissText={t.dismiss}
              onDismiss={actions.dismissWarning}
            />
          </Suspense>
        )}

        {state.phase === "loading" && (
          <p className={styles.loading} role="status">
            {t.loading}
          </p>
        )}

        {state.phase === "ready" && readMode && (
          <ReadModeLabel
            heading={t.readModeHeading}
            label={current}
            noneText={t.readModeNone}
            noLabelText={t.noLabel}
            notes={notes}
            otherMarkingsHeading={t.otherMarkings}
            otherMarkings={state.label?.otherMarkings ?? []}
            otherTenantHeading={t.otherTenantLabel}
            otherTenantLabels={otherTenantLabels}
          />
        )}

        {state.phase === "ready" && !readMode && policy && (
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
              <OtherTenantLabels
                heading={t.otherTenantLabel}
                labels={otherTenantLabels}
                note={t.otherTenantKept}
              />
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
        )}

        {(state.phase === "ready" || state.phase === "no-policy" || state.phase === "error") && (
          <SettingsPanel
            strings={t}
            storage={state.storage}
            auditPendingText={state.auditPending > 0 ? t.auditPending(state.auditPending) : null}
            onSaveToken={actions.saveToken}
            onRetry={actions.flushAudit}
          />
        )}
      </main>
      {shown && (
        <Suspense fallback={null}>
          <JustificationDialog
            open={j !== null}
            strings={t}
            message={shown.message}
            reasons={shown.reasons}
            otherReason={shown.otherReason}
            error={shown.error}
            busy={state.busy}
            onSubmit={actions.submitJustification}
            onCancel={actions.cancelJustification}
          />
        </Suspense>
      )}
    </FluentProvider>
  );
}
