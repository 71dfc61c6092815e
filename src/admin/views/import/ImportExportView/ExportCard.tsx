/** Export: the labels and one policy's settings in Graph's shapes, downloaded as a JSON file. */
import * as React from "react";
import { Button, Card, Text } from "@fluentui/react-components";
import { ArrowDownloadRegular } from "@fluentui/react-icons";
import { downloadText } from "../../../browser/download";
import { SectionTitle } from "../../../components/Layout";
import { useEditor } from "../../../state";
import { useImportExportStyles } from "./ImportExportView.styles";
import { PolicyChoice } from "./PolicyChoice";
import type { Result } from "./ResultMessage";

export function ExportCard(props: { onResult: (result: Result | null) => void }) {
  const styles = useImportExportStyles();
  const editor = useEditor();
  const policies = editor.base!.policies;
  const [policyId, setPolicyId] = React.useState<string>(policies[0]?.id ?? "");

  const exportNow = async () => {
    props.onResult(null);
    try {
      const graph = await editor.api.exportGraph(policyId || undefined);
      const json = `${JSON.stringify(graph, null, 2)}\n`;
      downloadText(`labelbridge-graph-v${editor.version}.json`, json, "application/json");
    } catch (err) {
      props.onResult({ intent: "error", title: "Export failed", lines: [(err as Error).message] });
    }
  };

  return (
    <Card className={styles.card}>
      <SectionTitle as="h2">Export to Graph JSON</SectionTitle>
      <Text>
        The labels as{" "}
        <span className={styles.code}>GET /security/informationProtection/sensitivityLabels</span> returns
        them, and one policy&apos;s settings.
      </Text>
      <PolicyChoice
        label="Policy settings from"
        policies={policies}
        value={policyId}
        onChange={setPolicyId}
      />
      <div>
        <Button appearance="primary" icon={<ArrowDownloadRegular />} onClick={() => void exportNow()}>
          Download JSON
        </Button>
      </div>
    </Card>
  );
}
