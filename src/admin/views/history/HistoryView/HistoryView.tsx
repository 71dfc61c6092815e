/**
 * Every saved version with who saved it and when; the selected one's changes and rolling back to it.
 */
import * as React from "react";
import { Spinner, Text } from "@fluentui/react-components";
import type { VersionDetail, VersionSummary } from "../../../../contracts/adminApi";
import { ApiError } from "../../../api";
import { InlineMessage } from "../../../components/InlineMessage";
import { ListDetail } from "../../../components/ListDetail";
import { navigate } from "../../../router";
import type { ViewProps } from "../../../routes";
import { useEditor } from "../../../state";
import { VersionDetails } from "./VersionDetails";
import { VersionTable } from "./VersionTable";

export function HistoryView(props: ViewProps) {
  const editor = useEditor();
  const [versions, setVersions] = React.useState<VersionSummary[] | null>(null);
  const [detail, setDetail] = React.useState<VersionDetail | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const selected = props.selected ? Number(props.selected) : null;

  React.useEffect(() => {
    editor.api.versions().then(setVersions, (err: Error) => setError(err.message));
  }, [editor.api, editor.version]);

  React.useEffect(() => {
    setDetail(null);
    if (selected === null) return;
    editor.api.version(selected).then(setDetail, (err: Error) => setError(err.message));
  }, [editor.api, selected]);

  const rollback = async (version: number) => {
    setError(null);
    try {
      const made = await editor.api.rollback(version, editor.version);
      await editor.adopt(made);
      editor.setNotice({
        intent: "success",
        title: "Rolled back",
        text: `Version ${made} restores version ${version} and is live.`,
      });
      navigate("history", made);
    } catch (err) {
      if (err instanceof ApiError && err.status === 412)
        setError(`${err.message}. Open History again to see the newer version before rolling back.`);
      else setError((err as Error).message);
    }
  };

  return (
    <ListDetail
      wide
      listLabel="Versions"
      list={
        versions ? (
          <VersionTable versions={versions} selected={selected} live={editor.version} />
        ) : (
          <Spinner size="small" label="Loading versions…" />
        )
      }
      detailLabel="Version details"
      detail={
        <>
          {error && (
            <InlineMessage intent="error" data-testid="history-error">
              {error}
            </InlineMessage>
          )}
          {selected === null ? (
            <Text>Pick a version to see what it changed.</Text>
          ) : detail ? (
            <VersionDetails detail={detail} onRollback={(v) => void rollback(v)} />
          ) : (
            <Spinner size="small" />
          )}
        </>
      }
    />
  );
}
