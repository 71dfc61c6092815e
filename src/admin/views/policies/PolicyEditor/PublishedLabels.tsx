/** The labels a policy publishes, ticked in the label tree. */
import * as React from "react";
import { Checkbox } from "@fluentui/react-components";
import type { LabelPolicy } from "../../../../core/policy";
import { BoundField } from "../../../components/fields";
import { LabelSwatch } from "../../../components/LabelSwatch";
import { labelTree } from "../../../model/labelTree";
import { usePolicyDraft } from "../../../state";
import { usePolicyEditorStyles } from "./PolicyEditor.styles";

export function PublishedLabels(props: { policy: LabelPolicy }) {
  const styles = usePolicyEditorStyles();
  const { editor, draft, at } = usePolicyDraft(props.policy);
  const published = new Set(props.policy.labels);
  const toggle = (id: string, on: boolean) =>
    editor.updatePolicy(props.policy.id, (p) => ({
      ...p,
      labels: on ? [...p.labels, id] : p.labels.filter((x) => x !== id),
    }));
  return (
    <BoundField
      path={`${at}.labels`}
      within
      label="Labels this policy publishes"
      hint="A published sublabel shows its parent too."
    >
      <div className={styles.tree}>
        {labelTree(draft.labels).map((node) => (
          <React.Fragment key={node.label.id}>
            <Checkbox
              checked={published.has(node.label.id)}
              onChange={(_e, d) => toggle(node.label.id, d.checked === true)}
              label={
                <>
                  <LabelSwatch color={node.label.color} />
                  {node.label.displayName}
                </>
              }
            />
            {node.children.map((c) => (
              <Checkbox
                key={c.id}
                className={styles.child}
                checked={published.has(c.id)}
                onChange={(_e, d) => toggle(c.id, d.checked === true)}
                label={c.displayName}
              />
            ))}
          </React.Fragment>
        ))}
      </div>
    </BoundField>
  );
}
