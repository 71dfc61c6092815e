/**
 * "Try it": a custom property's name and value, or a label GUID (and the partner's tenant id), and
 * what it means here under the mappings being edited — the reading rule files and mail go through.
 */
import * as React from "react";
import { Card, Field, Input, Radio, RadioGroup, Text } from "@fluentui/react-components";
import type { TenantPolicy } from "../../../../core/policy";
import { InlineMessage } from "../../../components/InlineMessage";
import { tryMapping, type TrialAnswer } from "../../../model/mappingTrial";
import { useTryMappingStyles } from "./TryMapping.styles";

type Kind = "property" | "label";

const INTENT: Record<TrialAnswer["outcome"], "success" | "info" | "warning" | "error"> = {
  mapped: "success",
  own: "info",
  none: "warning",
  invalid: "error",
};

export function TryMapping(props: { policy: TenantPolicy }) {
  const styles = useTryMappingStyles();
  const [kind, setKind] = React.useState<Kind>("property");
  const [first, setFirst] = React.useState("");
  const [second, setSecond] = React.useState("");
  const empty = kind === "property" ? first.trim() === "" : second.trim() === "";
  const answer = empty
    ? null
    : tryMapping(
        kind === "property" ? { kind, name: first, value: second } : { kind, siteId: first, labelId: second },
        props.policy,
      );
  return (
    <Card className={styles.card} aria-label="Try the mappings" data-testid="try-mapping">
      <Text weight="semibold">Try it</Text>
      <RadioGroup
        layout="horizontal"
        value={kind}
        onChange={(_e, d) => {
          setKind(d.value as Kind);
          setFirst("");
          setSecond("");
        }}
      >
        <Radio value="property" label="Custom property" />
        <Radio value="label" label="Label" />
      </RadioGroup>
      {kind === "property" ? (
        <>
          <Field label="Property name">
            <Input
              value={first}
              onChange={(_e, d) => setFirst(d.value)}
              placeholder="Information Classification"
            />
          </Field>
          <Field label="Value">
            <Input value={second} onChange={(_e, d) => setSecond(d.value)} placeholder="General" />
          </Field>
        </>
      ) : (
        <>
          <Field label="Tenant id" hint="Empty: this tenant's own label.">
            <Input value={first} onChange={(_e, d) => setFirst(d.value)} />
          </Field>
          <Field label="Label GUID">
            <Input value={second} onChange={(_e, d) => setSecond(d.value)} />
          </Field>
        </>
      )}
      {answer && (
        <InlineMessage intent={INTENT[answer.outcome]} data-testid="try-answer">
          {answer.text}
        </InlineMessage>
      )}
    </Card>
  );
}
