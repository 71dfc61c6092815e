/**
 * Purview rule packages (docs/custom-info-types.md): a package opened here is read in the browser
 * first, so the admin sees per entity what cannot be mapped before anything is saved; importing
 * then saves a new version on the server (types with the same id replaced). Export downloads the
 * saved types as Purview writes a package (UTF-16).
 */
import * as React from "react";
import { Button, Card, Text } from "@fluentui/react-components";
import { ArrowDownloadRegular, ArrowUploadRegular } from "@fluentui/react-icons";
import { importRulePackage as readRulePackage } from "../../../../core/detect/rulePackage/import";
import { ApiError } from "../../../api";
import { downloadBlob } from "../../../browser/download";
import { FileOpener } from "../../../components/FileOpener";
import { InlineMessage } from "../../../components/InlineMessage";
import { SectionTitle, Stack } from "../../../components/Layout";
import { useEditor } from "../../../state";
import { exportRulePackage, importRulePackage } from "../api";
import { ImportReport } from "./ImportReport";
import type { InfoTypeImportReport } from "../../../../contracts/adminApi";

interface Opened {
  file: string;
  bytes: ArrayBuffer;
  report: InfoTypeImportReport;
  importable: number;
}

type Outcome = { intent: "success" | "error" | "warning"; title: string; lines: string[] };

function readLocally(file: string, bytes: ArrayBuffer): Opened | Outcome {
  try {
    const r = readRulePackage(new Uint8Array(bytes));
    const report = { rulePack: r.rulePack, entities: r.entities, problems: r.problems };
    return { file, bytes, report, importable: r.infoTypes.length };
  } catch (error) {
    return {
      intent: "error",
      title: `${file} is not a rule package we can read`,
      lines: [(error as Error).message],
    };
  }
}

export function RulePackageCard() {
  const editor = useEditor();
  const [opened, setOpened] = React.useState<Opened | null>(null);
  const [outcome, setOutcome] = React.useState<Outcome | null>(null);
  const [busy, setBusy] = React.useState(false);

  const open = async (file: File) => {
    setOutcome(null);
    const read = readLocally(file.name, await file.arrayBuffer());
    if ("intent" in read) {
      setOpened(null);
      setOutcome(read);
    } else setOpened(read);
  };

  const importNow = async () => {
    if (!opened) return;
    setBusy(true);
    try {
      const made = await importRulePackage(editor.api, opened.bytes, editor.version);
      await editor.adopt(made.version);
      const names = made.entities.filter((e) => e.imported).map((e) => e.name);
      setOutcome({ intent: "success", title: `Imported as version ${made.version}`, lines: names });
      setOpened(null);
    } catch (error) {
      setOutcome({
        intent: "error",
        title: "Not imported; nothing changed",
        lines: [(error as Error).message],
      });
    } finally {
      setBusy(false);
    }
  };

  const exportNow = async () => {
    setOutcome(null);
    try {
      const { blob, warnings } = await exportRulePackage(editor.api);
      downloadBlob(`labelbridge-info-types-v${editor.version}.xml`, blob);
      if (warnings.length > 0)
        setOutcome({ intent: "warning", title: "Exported, with warnings", lines: warnings });
    } catch (error) {
      const lines = [error instanceof ApiError ? error.message : String(error)];
      setOutcome({ intent: "error", title: "Export failed", lines });
    }
  };

  return (
    <Card data-testid="rule-packages">
      <SectionTitle>Purview rule packages</SectionTitle>
      <FileOpener
        accept=".xml,application/xml,text/xml"
        label="Open a rule package"
        onFile={(file) => void open(file)}
        clear
      />
      {opened && (
        <Stack>
          <Text>
            {opened.file}: {opened.importable} of {opened.report.entities.length} types can be imported.
          </Text>
          <ImportReport report={opened.report} />
          {editor.dirty && (
            <InlineMessage intent="warning">Importing discards your unsaved changes.</InlineMessage>
          )}
          <Button
            appearance="primary"
            icon={<ArrowUploadRegular />}
            disabled={busy || opened.importable === 0}
            onClick={() => void importNow()}
          >
            Import {opened.importable} as a new version
          </Button>
        </Stack>
      )}
      <Button icon={<ArrowDownloadRegular />} onClick={() => void exportNow()}>
        Export saved types (version {editor.version})
      </Button>
      {outcome && (
        <InlineMessage intent={outcome.intent} title={outcome.title} data-testid="rule-package-outcome">
          {outcome.lines.length > 0 && (
            <ul>
              {outcome.lines.map((l) => (
                <li key={l}>{l}</li>
              ))}
            </ul>
          )}
        </InlineMessage>
      )}
    </Card>
  );
}
