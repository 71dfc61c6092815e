/**
 * A live preview of the text each Office app would write — variables filled in and `${If.App…}`
 * blocks resolved by the same core code the add-in runs — and the template's problems as they are typed.
 */
import * as React from "react";
import { Field, Input, Tab, TabList, Text } from "@fluentui/react-components";
import type { Label } from "../../../../core/policy";
import {
  EXCEL_HEADER_FOOTER_LIMIT,
  MARKING_VARIABLES,
  renderExcelHeaderFooter,
  type OfficeApp,
} from "../../../../core/marking";
import { InlineMessage } from "../../../components/InlineMessage";
import { Grid, Stack } from "../../../components/Layout";
import { useMarkingStyles } from "./MarkingEditor.styles";
import { PreviewPage } from "./PreviewPage";
import { APPS, SAMPLE, resolveFor, templateProblems } from "./preview";

function SampleFields(props: {
  app: OfficeApp;
  sample: typeof SAMPLE;
  onChange: (s: typeof SAMPLE) => void;
}) {
  const { sample, onChange } = props;
  return (
    <Grid size="narrow">
      <Field label="Preview as user">
        <Input value={sample.name} onChange={(_e, d) => onChange({ ...sample, name: d.value })} />
      </Field>
      <Field label="User principal name">
        <Input value={sample.upn} onChange={(_e, d) => onChange({ ...sample, upn: d.value })} />
      </Field>
      <Field label={props.app === "Outlook" ? "Subject" : "File name"}>
        <Input value={sample.item} onChange={(_e, d) => onChange({ ...sample, item: d.value })} />
      </Field>
    </Grid>
  );
}

export function MarkingPreview(props: { label: Label; labelName: string }) {
  const styles = useMarkingStyles();
  const [app, setApp] = React.useState<OfficeApp>("Word");
  const [sample, setSample] = React.useState(SAMPLE);
  const resolved = resolveFor(props.label, props.labelName, app, sample);
  const problems = templateProblems(props.label);
  const excel = app === "Excel" ? renderExcelHeaderFooter(resolved) : null;
  return (
    <Stack form data-testid="marking-preview">
      <TabList selectedValue={app} onTabSelect={(_e, d) => setApp(d.value as OfficeApp)} size="small">
        {APPS.map((a) => (
          <Tab key={a} value={a}>
            {a}
          </Tab>
        ))}
      </TabList>
      <SampleFields app={app} sample={sample} onChange={setSample} />
      <PreviewPage app={app} resolved={resolved} />
      {excel && (
        <Text size={200} data-testid="preview-excel-length">
          Excel stores this header and footer in {excel.totalLength} of {EXCEL_HEADER_FOOTER_LIMIT}{" "}
          characters.
        </Text>
      )}
      {problems.length > 0 && (
        <InlineMessage intent="warning" data-testid="preview-problems">
          {problems.join(" · ")}
        </InlineMessage>
      )}
      <Text size={200} className={styles.variables}>
        Variables: {MARKING_VARIABLES.map((v) => `\${${v}}`).join(" ")} · per app: {"${If.App.WXP}…${If.End}"}
      </Text>
    </Stack>
  );
}
