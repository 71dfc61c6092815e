/**
 * The tenant's own settings, then label policies in priority order with the editor of the selected
 * one. As in Purview, the policy lower in the list wins each setting for users several policies scope.
 */
import * as React from "react";
import { Button, Text } from "@fluentui/react-components";
import { AddRegular } from "@fluentui/react-icons";
import { ItemList } from "../../../components/ItemList";
import { ListDetail } from "../../../components/ListDetail";
import { issuesAt } from "../../../model/issues";
import { byPriority, movePolicy, newPolicy } from "../../../model/policyList";
import { navigate, useOpenFirst } from "../../../router";
import type { ViewProps } from "../../../routes";
import { useEditor } from "../../../state";
import { PolicyEditor } from "../PolicyEditor";
import { TenantSettings } from "../TenantSettings";
import { PolicyRow } from "./PolicyRow";

export function PoliciesView(props: ViewProps) {
  const editor = useEditor();
  const draft = editor.draft!;
  const list = byPriority(draft.policies);
  const selected = draft.policies.find((p) => p.id === props.selected) ?? null;

  useOpenFirst("policies", props.selected, list[0]?.id);

  const add = () => {
    const policy = newPolicy(draft, crypto.randomUUID());
    editor.update((d) => ({ ...d, policies: [...d.policies, policy] }));
    navigate("policies", policy.id);
  };

  return (
    <>
      <TenantSettings />
      <ListDetail
        listLabel="Policies in priority order"
        toolbar={
          <Button icon={<AddRegular />} onClick={add}>
            New policy
          </Button>
        }
        hint="Lower in the list wins each setting for users that several policies scope."
        list={
          <ItemList>
            {list.map((p, i) => (
              <PolicyRow
                key={p.id}
                policy={p}
                selected={p.id === props.selected}
                first={i === 0}
                last={i === list.length - 1}
                problems={issuesAt(editor.issues, `policies[${draft.policies.indexOf(p)}]`, true).length}
                onMove={(delta) => editor.update((d) => movePolicy(d, p.id, delta))}
              />
            ))}
          </ItemList>
        }
        detailLabel="Policy details"
        detail={selected ? <PolicyEditor policy={selected} /> : <Text>Select a policy.</Text>}
      />
    </>
  );
}
