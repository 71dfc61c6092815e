/** One phase of the roadmap: what it switches on, the policies in it, and its checklist. */
import * as React from "react";
import { Badge, Card, CardHeader, Text, mergeClasses } from "@fluentui/react-components";
import { CheckmarkCircleRegular, CircleRegular, QuestionCircleRegular } from "@fluentui/react-icons";
import type { PhaseFeatures } from "../../../../core/policy";
import { Muted } from "../../../components/Layout";
import type { ChecklistItem, PhaseView } from "../../../model/rollout";
import { useRolloutStyles } from "./RolloutView.styles";

const FEATURE_TEXT: Record<keyof PhaseFeatures, string> = {
  manualLabeling: "manual labeling",
  enforcement: "defaults, mandatory, justification",
  contentMarking: "content marking",
  autoLabeling: "recommended/automatic",
  recipientRules: "recipient rules",
  scannerEnforce: "scanner labels files",
};

function CheckIcon(props: { done: boolean | null }) {
  const styles = useRolloutStyles();
  if (props.done === true) return <CheckmarkCircleRegular className={styles.done} aria-label="done" />;
  if (props.done === false) return <CircleRegular className={styles.todo} aria-label="not yet" />;
  return <QuestionCircleRegular className={styles.todo} aria-label="check yourself" />;
}

function Checklist(props: { items: ChecklistItem[] }) {
  const styles = useRolloutStyles();
  return (
    <ul className={styles.list}>
      {props.items.map((c) => (
        <li key={c.text} className={styles.item} data-done={String(c.done)}>
          <CheckIcon done={c.done} />
          <span>
            <Text size={200}>{c.text}</Text>
            {c.how && <code className={styles.how}>{c.how}</code>}
          </span>
        </li>
      ))}
    </ul>
  );
}

export function PhaseCard(props: { phase: PhaseView; next: boolean }) {
  const styles = useRolloutStyles();
  const p = props.phase;
  return (
    <Card className={mergeClasses(styles.card, props.next && styles.next)} data-testid={`phase-${p.phase}`}>
      <CardHeader
        header={
          <Text weight="semibold">
            {p.title} {props.next && <Badge>next step</Badge>}
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
        <Muted size={200}>none</Muted>
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
      <Checklist items={p.checklist} />
    </Card>
  );
}
