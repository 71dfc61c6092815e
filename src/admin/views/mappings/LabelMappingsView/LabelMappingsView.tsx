/**
 * The tenant's label mappings: other tools' classifications (a custom property and an exact value or
 * a pattern, as Titus and Boldon James write them) and partner tenants' label GUIDs → our labels.
 * Saved with the configuration (If-Match, 412 merge); the first match wins, so order matters.
 */
import * as React from "react";
import { Button, Text } from "@fluentui/react-components";
import { AddRegular } from "@fluentui/react-icons";
import type { LabelMapping } from "../../../../core/policy";
import { CardList } from "../../../components/CardList";
import { FieldProblem, IssueBar } from "../../../components/fields";
import { Muted, Stack, ViewTitle } from "../../../components/Layout";
import {
  moveItem,
  newCustomPropertyMapping,
  newPartnerLabelMapping,
  withMappings,
} from "../../../model/mappings";
import type { ViewProps } from "../../../routes";
import { useEditor } from "../../../state";
import { TryMapping } from "../TryMapping";
import { useLabelMappingsStyles } from "./LabelMappingsView.styles";
import { CustomPropertyFields, PartnerLabelFields } from "./MappingFields";

const TYPE_TEXT: Record<LabelMapping["type"], string> = {
  customProperty: "custom property",
  partnerLabel: "partner tenant's label",
};

export function LabelMappingsView(_props: ViewProps) {
  const styles = useLabelMappingsStyles();
  const editor = useEditor();
  const draft = editor.draft!;
  const mappings = draft.labelMappings ?? [];
  const setList = (list: LabelMapping[]) => editor.update((d) => withMappings(d, list));
  const setAt = (i: number, mapping: LabelMapping) =>
    setList(mappings.map((m, j) => (j === i ? mapping : m)));
  return (
    <div className={styles.layout}>
      <Stack>
        <ViewTitle>Label mappings</ViewTitle>
        <Muted>
          What another tool’s classification or a partner tenant’s label means here. The tenant’s own label
          always wins; then the first mapping that matches, partner labels before custom properties. Mappings
          write nothing into files.
        </Muted>
        <IssueBar path="labelMappings" />
        <CardList
          data-testid="label-mappings"
          items={mappings}
          render={(m, i) => {
            const at = `labelMappings[${i}]`;
            return (
              <>
                <Text weight="semibold">
                  Mapping {i + 1}: {TYPE_TEXT[m.type]}
                </Text>
                {m.type === "customProperty" ? (
                  <CustomPropertyFields
                    mapping={m}
                    at={at}
                    labels={draft.labels}
                    onChange={(n) => setAt(i, n)}
                  />
                ) : (
                  <PartnerLabelFields
                    mapping={m}
                    at={at}
                    labels={draft.labels}
                    onChange={(n) => setAt(i, n)}
                  />
                )}
                {m.type === "partnerLabel" && <FieldProblem path={at} />}
              </>
            );
          }}
          removeText="Remove mapping"
          onRemove={(i) => setList(mappings.filter((_m, j) => j !== i))}
          onMove={(i, delta) => setList(moveItem(mappings, i, delta) ?? mappings)}
          addText="Add custom property mapping"
          onAdd={() => setList([...mappings, newCustomPropertyMapping()])}
          moreActions={
            <Button icon={<AddRegular />} onClick={() => setList([...mappings, newPartnerLabelMapping()])}>
              Add partner label mapping
            </Button>
          }
        />
      </Stack>
      <TryMapping policy={draft} />
    </div>
  );
}
