/**
 * Label policies in priority order. As in Purview, the policy lower in the list (higher priority
 * number) wins each setting for a user that several policies scope.
 */
import * as React from "react";
import { Badge, Button, Text, Tooltip, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { AddRegular, ArrowDownRegular, ArrowUpRegular } from "@fluentui/react-icons";
import { policySettingsSchema, type LabelPolicy, type TenantPolicy } from "../../core/policy";
import { useEditor } from "../state/editor";
import { issuesAt } from "../model/issues";
import { scopeText } from "../model/rollout";
import { navigate } from "../router";
import { PolicyEditor } from "./PolicyEditor";
import { TenantSettings } from "./TenantSettings";

const useStyles = makeStyles({
  layout: {
    display: "grid",
    gridTemplateColumns: "minmax(260px, 340px) 1fr",
    gap: tokens.spacingHorizontalL,
  },
  list: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    gap: "2px",
  },
  row: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalXS,
    borderRadius: tokens.borderRadiusMedium,
  },
  selected: { backgroundColor: tokens.colorNeutralBackground1Selected },
  name: { flexGrow: 1, justifyContent: "flex-start", textAlign: "left", minWidth: 0 },
  stack: { display: "flex", flexDirection: "column", alignItems: "flex-start" },
  muted: { color: tokens.colorNeutralForeground3 },
  toolbar: { display: "flex", gap: tokens.spacingHorizontalS, marginBottom: tokens.spacingVerticalS },
});

export function byPriority(policies: readonly LabelPolicy[]): LabelPolicy[] {
  return [...policies].sort((a, b) => a.priority - b.priority);
}

/** Swaps a policy's priority with its neighbour's in list order. */
export function movePolicy(doc: TenantPolicy, id: string, delta: -1 | 1): TenantPolicy {
  const list = byPriority(doc.policies);
  const i = list.findIndex((p) => p.id === id);
  const j = i + delta;
  if (i < 0 || j < 0 || j >= list.length) return doc;
  const a = list[i].priority;
  const b = list[j].priority;
  return {
    ...doc,
    policies: doc.policies.map((p) =>
      p.id === list[i].id ? { ...p, priority: b } : p.id === list[j].id ? { ...p, priority: a } : p,
    ),
  };
}

export function newPolicy(doc: TenantPolicy, id: string): LabelPolicy {
  const names = new Set(doc.policies.map((p) => p.name));
  let name = "Pilot policy";
  for (let n = 2; names.has(name); n++) name = `Pilot policy ${n}`;
  return {
    id,
    name,
    description: "",
    // Empty on purpose: validation asks for a scope before the policy can be saved.
    scope: { everyone: false, users: [], groups: [] },
    priority: Math.max(-1, ...doc.policies.map((p) => p.priority)) + 1,
    phase: "define",
    labels: doc.labels.filter((l) => l.isActive).map((l) => l.id),
    settings: policySettingsSchema.parse({}),
  };
}

export function PoliciesView(props: { selected: string | null }) {
  const styles = useStyles();
  const editor = useEditor();
  const draft = editor.draft!;
  const list = byPriority(draft.policies);
  const selected = draft.policies.find((p) => p.id === props.selected) ?? null;

  React.useEffect(() => {
    if (!props.selected && list.length > 0) navigate("policies", list[0].id);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.selected]);

  return (
    <>
      <TenantSettings />
      <div className={styles.layout}>
        <section aria-label="Policies in priority order">
          <div className={styles.toolbar}>
            <Button
              icon={<AddRegular />}
              onClick={() => {
                const policy = newPolicy(draft, crypto.randomUUID());
                editor.update((d) => ({ ...d, policies: [...d.policies, policy] }));
                navigate("policies", policy.id);
              }}
            >
              New policy
            </Button>
          </div>
          <Text size={200} className={styles.muted}>
            Lower in the list wins each setting for users that several policies scope.
          </Text>
          <ul className={styles.list}>
            {list.map((p, i) => {
              const problems = issuesAt(editor.issues, `policies[${draft.policies.indexOf(p)}]`, true).length;
              return (
                <li
                  key={p.id}
                  className={mergeClasses(styles.row, p.id === props.selected && styles.selected)}
                  data-testid="policy-row"
                >
                  <Button
                    appearance="subtle"
                    className={styles.name}
                    onClick={() => navigate("policies", p.id)}
                  >
                    <span className={styles.stack}>
                      <span>
                        {p.name}{" "}
                        <Badge appearance="tint" size="small">
                          {p.phase}
                        </Badge>{" "}
                        {problems > 0 && (
                          <Badge color="danger" size="small">
                            {problems}
                          </Badge>
                        )}
                      </span>
                      <Text size={200} className={styles.muted}>
                        {scopeText(p)} · priority {p.priority}
                      </Text>
                    </span>
                  </Button>
                  <Tooltip content={`Move ${p.name} up`} relationship="label">
                    <Button
                      size="small"
                      appearance="subtle"
                      icon={<ArrowUpRegular />}
                      disabled={i === 0}
                      onClick={() => editor.update((d) => movePolicy(d, p.id, -1))}
                    />
                  </Tooltip>
                  <Tooltip content={`Move ${p.name} down (wins over the ones above)`} relationship="label">
                    <Button
                      size="small"
                      appearance="subtle"
                      icon={<ArrowDownRegular />}
                      disabled={i === list.length - 1}
                      onClick={() => editor.update((d) => movePolicy(d, p.id, 1))}
                    />
                  </Tooltip>
                </li>
              );
            })}
          </ul>
        </section>
        <section aria-label="Policy details">
          {selected ? <PolicyEditor policy={selected} /> : <Text>Select a policy.</Text>}
        </section>
      </div>
    </>
  );
}
