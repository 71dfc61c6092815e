/**
 * Import: a Purview tenant's `sensitivityLabel` list (and policy settings), pasted or opened, becomes
 * a new version; the history keeps the current one. What the server refuses is listed, nothing changes.
 */
import * as React from "react";
import { Button, Card, Field, Text, Textarea } from "@fluentui/react-components";
import { ArrowUploadRegular } from "@fluentui/react-icons";
import { ApiError } from "../../../api";
import { FileOpener } from "../../../components/FileOpener";
import { InlineMessage } from "../../../components/InlineMessage";
import { SectionTitle } from "../../../components/Layout";
import { useEditor } from "../../../state";
import { useImportExportStyles } from "./ImportExportView.styles";
import { PolicyChoice } from "./PolicyChoice";
import type { Result } from "./ResultMessage";

/** The pasted JSON with the chosen policy as the settings' target; an error line if it is not JSON. */
function withTarget(text: string, target: string): { body: unknown } | { error: string } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (err) {
    return { error: `The text is not JSON: ${(err as Error).message}` };
  }
  const isObject = body !== null && typeof body === "object" && !Array.isArray(body);
  return { body: isObject && target ? { ...(body as Record<string, unknown>), policyId: target } : body };
}

export function ImportCard(props: { onResult: (result: Result | null) => void }) {
  const styles = useImportExportStyles();
  const editor = useEditor();
  const policies = editor.base!.policies;
  const [text, setText] = React.useState("");
  const [target, setTarget] = React.useState<string>(policies[0]?.id ?? "");
  const [busy, setBusy] = React.useState(false);
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

  const importNow = async () => {
    props.onResult(null);
    const parsed = withTarget(text, target);
    if ("error" in parsed)
      return props.onResult({ intent: "error", title: "Not imported", lines: [parsed.error] });
    setBusy(true);
    try {
      const made = await editor.api.importGraph(parsed.body, editor.version);
      await editor.adopt(made.version);
      const lines = made.warnings.length > 0 ? made.warnings : ["No warnings."];
      props.onResult({ intent: "success", title: `Imported as version ${made.version}`, lines });
    } catch (err) {
      const lines =
        err instanceof ApiError && err.issues.length > 0
          ? err.issues.map((i) => `${i.path}: ${i.message}`)
          : [(err as Error).message];
      props.onResult({ intent: "error", title: "Not imported; nothing changed", lines });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card className={styles.card}>
      <SectionTitle as="h2">Import from Graph JSON</SectionTitle>
      <Text>
        Paste or open{" "}
        <span className={styles.code}>{'{"labels": {"value": [...]}, "labelPolicySettings": {...}}'}</span>.
        It becomes a new version; the history keeps the current one.
      </Text>
      <FileOpener
        accept="application/json,.json"
        label="Open a Graph JSON file"
        onFile={(file) => void file.text().then(takeText)}
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
      <PolicyChoice
        label="Policy settings go to"
        hint="Labels apply to the whole tenant; policy settings to one policy."
        policies={policies}
        value={target}
        onChange={setTarget}
      />
      {editor.dirty && (
        <InlineMessage intent="warning">Importing discards your unsaved changes.</InlineMessage>
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
  );
}
