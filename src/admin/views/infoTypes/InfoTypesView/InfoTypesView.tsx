/**
 * The tenant's custom sensitive information types (docs/custom-info-types.md): the list, the
 * selected type's editor with its test box, and rule packages in and out. Types are part of the
 * configuration: saved with it (If-Match, 412 merge), checked by the shared validation at each field.
 */
import * as React from "react";
import { Badge, Button, Text } from "@fluentui/react-components";
import { AddRegular } from "@fluentui/react-icons";
import { ItemList, ItemRow } from "../../../components/ItemList";
import { ListDetail } from "../../../components/ListDetail";
import { Stack } from "../../../components/Layout";
import { issuesAt } from "../../../model/issues";
import { newInfoType, withInfoTypes } from "../../../model/infoTypeEdits";
import { navigate, useOpenFirst } from "../../../router";
import type { ViewProps } from "../../../routes";
import { useEditor } from "../../../state";
import { InfoTypeEditor } from "../InfoTypeEditor";
import { RulePackageCard } from "../RulePackage";

export function InfoTypesView(props: ViewProps) {
  const editor = useEditor();
  const draft = editor.draft!;
  const types = draft.infoTypes ?? [];
  const index = types.findIndex((t) => t.id === props.selected);
  useOpenFirst("info-types", props.selected, types[0]?.id);

  const add = () => {
    const type = newInfoType(types, crypto.randomUUID());
    editor.update((d) => withInfoTypes(d, [...(d.infoTypes ?? []), type]));
    navigate("info-types", type.id);
  };

  return (
    <ListDetail
      listLabel="Custom information types"
      toolbar={
        <Button icon={<AddRegular />} onClick={add}>
          New information type
        </Button>
      }
      hint="Label conditions name them beside the built-in types."
      list={
        <Stack>
          <ItemList>
            {types.map((t, i) => {
              const problems = issuesAt(editor.issues, `infoTypes[${i}]`, true).length;
              return (
                <ItemRow
                  key={t.id}
                  selected={t.id === props.selected}
                  onOpen={() => navigate("info-types", t.id)}
                  data-testid="info-type-row"
                >
                  <span>{t.name}</span>
                  {problems > 0 && (
                    <Badge color="danger" size="small" aria-label={`${problems} problems`}>
                      {problems}
                    </Badge>
                  )}
                </ItemRow>
              );
            })}
          </ItemList>
          <RulePackageCard />
        </Stack>
      }
      detailLabel="Information type"
      detail={
        index >= 0 ? (
          <InfoTypeEditor key={types[index].id} type={types[index]} index={index} />
        ) : (
          <Text>
            {types.length === 0 ? "No custom information types yet." : "Select an information type."}
          </Text>
        )
      }
    />
  );
}
