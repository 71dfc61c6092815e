import { FluentProvider, type Theme } from "@fluentui/react-components";
import { lazy, Suspense } from "react";
import type { PaneState } from "../../controller";
import { labelNotes } from "../../model/labelNotes";
import { describeLabel } from "../../model/labelTree";
import { LabelBadge } from "../../../../ui/LabelBadge";
import { Justification } from "../Justification";
import { LabelChooser } from "../LabelChooser";
import { LabelNotes } from "../LabelNotes";
import { Notices } from "../Notices";
import { ReadModeLabel } from "../ReadModeLabel";
import { SettingsPanel } from "../SettingsPanel";
import { useAppStyles } from "./App.styles";

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
  const readMode = state.info?.mode === "read";
  const current = state.current ? describeLabel(policy, state.current.labelId) : null;
  // Other organisations' labels are read-only for us: shown, and kept when ours changes.
  const otherTenantLabels = (state.label?.records ?? [])
    .filter((r) => policy && r.siteId !== policy.siteId && r.enabled)
    .map((r) => r.name ?? r.labelId);
  const notes = labelNotes(state.label, state.mapped, policy, t);

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
          <LabelChooser
            state={state}
            policy={policy}
            notes={notes}
            otherTenantLabels={otherTenantLabels}
            actions={actions}
          />
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
      <Justification
        request={state.justification}
        strings={t}
        busy={state.busy}
        onSubmit={actions.submitJustification}
        onCancel={actions.cancelJustification}
      />
    </FluentProvider>
  );
}
