/**
 * The roadmap as a page: each phase, the policies (and so the groups) in it, what it switches on,
 * and its checklist, with the next step highlighted. "Preview as a user" runs the same effective-policy
 * resolution the backend serves to the add-in, on the draft, so an admin sees what a pilot user gets
 * before saving.
 */
import * as React from "react";
import {
  Badge,
  Card,
  CardHeader,
  Field,
  Input,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import { CheckmarkCircleRegular, CircleRegular, QuestionCircleRegular } from "@fluentui/react-icons";
import { resolveEffectivePolicy, type PhaseFeatures } from "../../core/policy";
import { useEditor } from "../state/editor";
import { nextPhase, rolloutView, type RolloutStats } from "../model/rollout";
import { labelText } from "../components/labels";
// The badge the task pane shows: the preview shows a new mail's label exactly as the pane will.
import { LabelBadge } from "../../ui/LabelBadge";

const useStyles = makeStyles({
  phases: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(260px, 1fr))",
    gap: tokens.spacingHorizontalM,
  },
  card: { padding: tokens.spacingHorizontalM },
  next: { outline: `2px solid ${tokens.colorBrandStroke1}` },
  list: {
    margin: 0,
    paddingLeft: 0,
    listStyleType: "none",
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
  },
  item: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "flex-start" },
  done: { color: tokens.colorPaletteGreenForeground1, flexShrink: 0 },
  todo: { color: tokens.colorNeutralForeground3, flexShrink: 0 },
  how: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground3,
    display: "block",
  },
  muted: { color: tokens.colorNeutralForeground3 },
  features: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXS },
  preview: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(220px, 1fr))",
    gap: tokens.spacingHorizontalM,
  },
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
});

const FEATURE_TEXT: Record<keyof PhaseFeatures, string> = {
  manualLabeling: "manual labeling",
  enforcement: "defaults, mandatory, justification",
  contentMarking: "content marking",
  autoLabeling: "recommended/automatic",
  recipientRules: "recipient rules",
  scannerEnforce: "scanner labels files",
};

function dayString(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

export function RolloutView() {
  const styles = useStyles();
  const editor = useEditor();
  const live = editor.base!;
  const [stats, setStats] = React.useState<RolloutStats | null>(null);
  const [user, setUser] = React.useState({ upn: "sam@contoso.com", groups: "" });

  React.useEffect(() => {
    const now = Date.now();
    editor.api
      .report({ from: dayString(now - 89 * 86_400_000), to: dayString(now) })
      .then((r) =>
        setStats({
          scannedFiles: r.totals.scannedFiles,
          labelEvents: r.totals.applied + r.totals.changed,
          blockedSends: r.totals.blockedSends,
        }),
      )
      .catch(() => setStats(null));
  }, [editor.api, editor.version]);

  const phases = rolloutView(live, stats);
  const next = nextPhase(live);
  const groups = user.groups
    .split(/[\s,]+/)
    .map((g) => g.trim())
    .filter((g) => g !== "");
  const effective = resolveEffectivePolicy(editor.draft!, { id: user.upn, upn: user.upn, groups });
  const s = effective.settings;

  return (
    <div className={styles.section}>
      <Text as="h2" size={600} weight="semibold">
        Rollout
      </Text>
      <Text className={styles.muted}>
        What is live now (version {editor.version}), phase by phase; checks come from the configuration and
        the last 90 days of audit events.
      </Text>
      <div className={styles.phases}>
        {phases.map((p) => (
          <Card
            key={p.phase}
            className={mergeClasses(styles.card, p.phase === next && styles.next)}
            data-testid={`phase-${p.phase}`}
          >
            <CardHeader
              header={
                <Text weight="semibold">
                  {p.title} {p.phase === next && <Badge>next step</Badge>}
                </Text>
              }
              description={<Text size={200}>{p.summary}</Text>}
            />
            <div className={styles.features}>
              {(Object.keys(FEATURE_TEXT) as (keyof PhaseFeatures)[])
                .filter((k) => p.features[k])
                .map((k) => (
                  <Badge key={k} appearance="outline" size="small">
                    {FEATURE_TEXT[k]}
                  </Badge>
                ))}
            </div>
            <Text weight="semibold" size={200}>
              Policies in this phase
            </Text>
            {p.policies.length === 0 ? (
              <Text size={200} className={styles.muted}>
                none
              </Text>
            ) : (
              <ul className={styles.list}>
                {p.policies.map((x) => (
                  <li key={x.id}>
                    <Text size={200}>
                      {x.name} — {x.scope}
                    </Text>
                  </li>
                ))}
              </ul>
            )}
            <Text weight="semibold" size={200}>
              Checklist
            </Text>
            <ul className={styles.list}>
              {p.checklist.map((c) => (
                <li key={c.text} className={styles.item} data-done={String(c.done)}>
                  {c.done === true ? (
                    <CheckmarkCircleRegular className={styles.done} aria-label="done" />
                  ) : c.done === false ? (
                    <CircleRegular className={styles.todo} aria-label="not yet" />
                  ) : (
                    <QuestionCircleRegular className={styles.todo} aria-label="check yourself" />
                  )}
                  <span>
                    <Text size={200}>{c.text}</Text>
                    {c.how && <code className={styles.how}>{c.how}</code>}
                  </span>
                </li>
              ))}
            </ul>
          </Card>
        ))}
      </div>

      <Text as="h2" size={500} weight="semibold">
        Preview as a user
      </Text>
      <Text className={styles.muted}>
        What the add-in would get with the configuration as edited (saved or not).
      </Text>
      <div className={styles.preview}>
        <Field label="User principal name">
          <Input value={user.upn} onChange={(_e, d) => setUser({ ...user, upn: d.value })} />
        </Field>
        <Field label="Groups (comma-separated)">
          <Input
            value={user.groups}
            placeholder="Pilot"
            onChange={(_e, d) => setUser({ ...user, groups: d.value })}
          />
        </Field>
      </div>
      <Card className={styles.card} data-testid="effective-preview">
        <Text>
          Phase <b data-testid="effective-phase">{effective.phase}</b> from{" "}
          {effective.policyIds.length === 0
            ? "no live policy"
            : effective.policyIds
                .map((id) => editor.draft!.policies.find((p) => p.id === id)?.name ?? id)
                .join(" (wins), ")}
        </Text>
        <LabelBadge
          caption="A new mail starts as"
          name={s.defaultMailLabel ? labelText(s.defaultMailLabel, editor.draft!.labels) : null}
          color={editor.draft!.labels.find((l) => l.id === s.defaultMailLabel)?.color ?? null}
          noLabelText="No label"
        />
        <Text>Labels: {effective.labels.map((l) => l.displayName).join(", ") || "none"}</Text>
        <Text data-testid="effective-settings">
          Default mail label {labelText(s.defaultMailLabel, editor.draft!.labels) || "none"} · mandatory mail{" "}
          {s.mandatoryMail ? "on" : "off"} · mandatory documents {s.mandatoryDocuments ? "on" : "off"} ·
          justification {s.justificationRequired ? "on" : "off"}
        </Text>
      </Card>
    </div>
  );
}
