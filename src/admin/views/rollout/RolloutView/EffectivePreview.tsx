/**
 * "Preview as a user": the same effective-policy resolution the backend serves to the add-in, run on
 * the draft, so an admin sees what a pilot user gets before saving.
 */
import * as React from "react";
import { Card, Field, Input, Text } from "@fluentui/react-components";
import { resolveEffectivePolicy } from "../../../../core/policy";
import { Grid, Muted, SectionTitle } from "../../../components/Layout";
import { labelText } from "../../../model/labelNames";
import { useEditor } from "../../../state";
import { LabelBadge } from "../../../../ui/LabelBadge";
import { useRolloutStyles } from "./RolloutView.styles";

const onOff = (on: boolean) => (on ? "on" : "off");

export function EffectivePreview() {
  const styles = useRolloutStyles();
  const draft = useEditor().draft!;
  const [user, setUser] = React.useState({ upn: "sam@contoso.com", groups: "" });
  const groups = user.groups
    .split(/[\s,]+/)
    .map((g) => g.trim())
    .filter((g) => g !== "");
  const effective = resolveEffectivePolicy(draft, { id: user.upn, upn: user.upn, groups });
  const s = effective.settings;
  const policyName = (id: string) => draft.policies.find((p) => p.id === id)?.name ?? id;
  return (
    <>
      <SectionTitle as="h2">Preview as a user</SectionTitle>
      <Muted>What the add-in would get with the configuration as edited (saved or not).</Muted>
      <Grid size="field">
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
      </Grid>
      <Card className={styles.card} data-testid="effective-preview">
        <Text>
          Phase <b data-testid="effective-phase">{effective.phase}</b> from{" "}
          {effective.policyIds.length === 0
            ? "no live policy"
            : effective.policyIds.map(policyName).join(" (wins), ")}
        </Text>
        {/* The badge the task pane shows: a new mail's label exactly as the pane will show it. */}
        <LabelBadge
          caption="A new mail starts as"
          name={s.defaultMailLabel ? labelText(s.defaultMailLabel, draft.labels) : null}
          color={draft.labels.find((l) => l.id === s.defaultMailLabel)?.color ?? null}
          noLabelText="No label"
        />
        <Text>Labels: {effective.labels.map((l) => l.displayName).join(", ") || "none"}</Text>
        <Text data-testid="effective-settings">
          Default mail label {labelText(s.defaultMailLabel, draft.labels) || "none"} · mandatory mail{" "}
          {onOff(s.mandatoryMail)} · mandatory documents {onOff(s.mandatoryDocuments)} · justification{" "}
          {onOff(s.justificationRequired)}
        </Text>
      </Card>
    </>
  );
}
