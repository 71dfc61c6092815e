/**
 * The roadmap as a page: each phase, the policies (and so the groups) in it, what it switches on,
 * and its checklist, with the next step highlighted; then what a user would get from the draft.
 */
import * as React from "react";
import type { ApiClient } from "../../../api";
import { Grid, Muted, Stack, ViewTitle } from "../../../components/Layout";
import { nextPhase, rolloutView, type RolloutStats } from "../../../model/rollout";
import { useEditor } from "../../../state";
import { EffectivePreview } from "./EffectivePreview";
import { PhaseCard } from "./PhaseCard";

const DAY_MS = 86_400_000;
const dayString = (t: number) => new Date(t).toISOString().slice(0, 10);

/** What the last 90 days of audit events tell the checklist; null while unknown. */
function useRolloutStats(api: ApiClient, version: number): RolloutStats | null {
  const [stats, setStats] = React.useState<RolloutStats | null>(null);
  React.useEffect(() => {
    const now = Date.now();
    api
      .report({ from: dayString(now - 89 * DAY_MS), to: dayString(now) })
      .then((r) =>
        setStats({
          scannedFiles: r.totals.scannedFiles,
          labelEvents: r.totals.applied + r.totals.changed,
          blockedSends: r.totals.blockedSends,
        }),
      )
      .catch(() => setStats(null));
  }, [api, version]);
  return stats;
}

export function RolloutView() {
  const editor = useEditor();
  const live = editor.base!;
  const stats = useRolloutStats(editor.api, editor.version);
  const next = nextPhase(live);
  return (
    <Stack>
      <ViewTitle>Rollout</ViewTitle>
      <Muted>
        What is live now (version {editor.version}), phase by phase; checks come from the configuration and
        the last 90 days of audit events.
      </Muted>
      <Grid size="card">
        {rolloutView(live, stats).map((p) => (
          <PhaseCard key={p.phase} phase={p} next={p.phase === next} />
        ))}
      </Grid>
      <EffectivePreview />
    </Stack>
  );
}
