/**
 * Microsoft Graph JSON in and out: export the labels and one policy's settings in Graph's shapes, or
 * import a Purview tenant's `sensitivityLabel` list (and policy settings) as a new version.
 */
import * as React from "react";
import {
  Button,
  Card,
  Dropdown,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Option,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { ArrowDownloadRegular, ArrowUploadRegular } from "@fluentui/react-icons";
import { ApiError } from "../api";
import { useEditor } from "../state/editor";
import { downloadText } from "./download";

const useStyles = makeStyles({
  grid: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(360px, 1fr))",
    gap: tokens.spacingHorizontalL,
  },
  card: {
    padding: tokens.spacingHorizontalL,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
  },
  code: { fontFamily: tokens.fontFamilyMonospace },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
});

export function ImportExportView() {
  const styles = useStyles();
  const editor = useEditor();
  const policies = editor.base!.policies;
  const [policyId, setPolicyId] = React.useState<string>(policies[0]?.id ?? "");
  const [text, setText] = React.useState("");
  const [target, setTarget] = React.useState<string>(policies[0]?.id ?? "");
  // A file exported from a policy of ours goes back to that policy unless the admin picks another.
  const takeText = (value: string) => {
    setText(value);
    try {
      const id = (JSON.parse(value) as { labelPolicySettings?: { id?: unknown } }).labelPolicySettings?.id;
      if (typeof id === "string" && policies.some((p) => p.id === id)) setTarget(id);
    } catch {
      // Not JSON yet: the import button says so when pressed.
    }
  };
  const [busy, setBusy] = React.useState(false);
  const [result, setResult] = React.useState<{
    intent: "success" | "error";
    title: string;
    lines: string[];
  } | null>(null);

  const exportNow = async () => {
    setResult(null);
    try {
      const graph = await editor.api.exportGraph(policyId || undefined);
      downloadText(
        `labelbridge-graph-v${editor.version}.json`,
        `${JSON.stringify(graph, null, 2)}\n`,
        "application/json",
      );
    } catch (err) {
      setResult({ intent: "error", title: "Export failed", lines: [(err as Error).message] });
    }
  };

  const importNow = async () => {
    setResult(null);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (err) {
      return setResult({
        intent: "error",
        title: "Not imported",
        lines: [`The text is not JSON: ${(err as Error).message}`],
      });
    }
    setBusy(true);
    try {
      const withTarget =
        body !== null && typeof body === "object" && !Array.isArray(body) && target
          ? { ...(body as Record<string, unknown>), policyId: target }
          : body;
      const made = await editor.api.importGraph(withTarget, editor.version);
      await editor.adopt(made.version);
      setResult({
        intent: "success",
        title: `Imported as version ${made.version}`,
        lines: made.warnings.length > 0 ? made.warnings : ["No warnings."],
      });
    } catch (err) {
      const lines =
        err instanceof ApiError && err.issues.length > 0
          ? err.issues.map((i) => `${i.path}: ${i.message}`)
          : [(err as Error).message];
      setResult({ intent: "error", title: "Not imported; nothing changed", lines });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={styles.grid}>
      <Card className={styles.card}>
        <Text as="h2" size={500} weight="semibold">
          Export to Graph JSON
        </Text>
        <Text>
          The labels as{" "}
          <span className={styles.code}>GET /security/informationProtection/sensitivityLabels</span> returns
          them, and one policy&apos;s settings.
        </Text>
        <Field label="Policy settings from">
          <Dropdown
            value={policies.find((p) => p.id === policyId)?.name ?? ""}
            selectedOptions={[policyId]}
            onOptionSelect={(_e, d) => setPolicyId(d.optionValue ?? "")}
          >
            {policies.map((p) => (
              <Option key={p.id} value={p.id}>
                {p.name}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <div>
          <Button appearance="primary" icon={<ArrowDownloadRegular />} onClick={() => void exportNow()}>
            Download JSON
          </Button>
        </div>
      </Card>
      <Card className={styles.card}>
        <Text as="h2" size={500} weight="semibold">
          Import from Graph JSON
        </Text>
        <Text>
          Paste or open{" "}
          <span className={styles.code}>{'{"labels": {"value": [...]}, "labelPolicySettings": {...}}'}</span>.
          It becomes a new version; the history keeps the current one.
        </Text>
        <input
          type="file"
          accept="application/json,.json"
          aria-label="Open a Graph JSON file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void file.text().then(takeText);
          }}
        />
        <Field label="Graph JSON">
          <Textarea
            className={styles.code}
            rows={10}
            value={text}
            onChange={(_e, d) => takeText(d.value)}
            spellCheck={false}
          />
        </Field>
        <Field
          label="Policy settings go to"
          hint="Labels apply to the whole tenant; policy settings to one policy."
        >
          <Dropdown
            value={policies.find((p) => p.id === target)?.name ?? ""}
            selectedOptions={[target]}
            onOptionSelect={(_e, d) => setTarget(d.optionValue ?? "")}
          >
            {policies.map((p) => (
              <Option key={p.id} value={p.id}>
                {p.name}
              </Option>
            ))}
          </Dropdown>
        </Field>
        {editor.dirty && (
          <MessageBar intent="warning">
            <MessageBarBody>Importing discards your unsaved changes.</MessageBarBody>
          </MessageBar>
        )}
        <div>
          <Button
            appearance="primary"
            icon={<ArrowUploadRegular />}
            disabled={busy || text.trim() === ""}
            onClick={() => void importNow()}
          >
            Import as a new version
          </Button>
        </div>
      </Card>
      {result && (
        <MessageBar intent={result.intent} layout="multiline" data-testid="import-result">
          <MessageBarBody>
            <MessageBarTitle>{result.title}</MessageBarTitle>
            <ul className={styles.list}>
              {result.lines.map((l, i) => (
                <li key={i}>{l}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
