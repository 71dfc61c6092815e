/**
 * Every saved version with who saved it and when, what it changed against the version before, and
 * rolling back — which makes the old configuration current again as a new version, so the history
 * itself is never rewritten.
 */
import * as React from "react";
import {
  Badge,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  MessageBar,
  MessageBarBody,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { ArrowUndoRegular } from "@fluentui/react-icons";
import type { TenantPolicy } from "../../core/policy";
import type { VersionDetail, VersionSummary } from "../../contracts/adminApi";
import { ApiError } from "../api";
import { useEditor } from "../state/editor";
import { diffTenantPolicy, type EntityChange } from "../model/diff";
import { navigate } from "../router";
import { formatValue } from "./format";

const useStyles = makeStyles({
  layout: {
    display: "grid",
    gridTemplateColumns: "minmax(320px, 420px) 1fr",
    gap: tokens.spacingHorizontalL,
  },
  clickable: { cursor: "pointer" },
  selected: { backgroundColor: tokens.colorNeutralBackground1Selected },
  detail: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  change: { borderLeft: `3px solid ${tokens.colorBrandStroke1}`, paddingLeft: tokens.spacingHorizontalM },
  field: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  before: { color: tokens.colorPaletteRedForeground1, textDecorationLine: "line-through" },
  after: { color: tokens.colorPaletteGreenForeground1 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
});

const KIND_TEXT: Record<string, string> = {
  seed: "default taxonomy",
  replace: "edited",
  labels: "labels edited",
  policies: "policies edited",
  rollback: "rolled back",
  import: "imported from Graph",
};

export function DiffList(props: {
  changes: EntityChange[];
  before: TenantPolicy | null;
  after: TenantPolicy;
}) {
  const styles = useStyles();
  const names = new Map<string, string>();
  for (const l of [...(props.before?.labels ?? []), ...props.after.labels]) names.set(l.id, l.displayName);
  const labelName = (id: string) => names.get(id);
  if (props.changes.length === 0) return <Text>No differences.</Text>;
  return (
    <div className={styles.detail} data-testid="diff">
      {props.changes.map((c) => (
        <div key={`${c.entity}:${c.id}`} className={styles.change}>
          <Text weight="semibold">
            {c.entity === "tenant" ? "Tenant" : c.entity === "label" ? "Label" : "Policy"} “{c.name}”{" "}
            <Badge
              appearance="tint"
              color={c.kind === "removed" ? "danger" : c.kind === "added" ? "success" : "brand"}
            >
              {c.kind}
            </Badge>
          </Text>
          {c.fields.length > 0 && (
            <ul className={styles.list}>
              {c.fields.map((f) => (
                <li key={f.path} className={styles.field}>
                  {f.path}: <span className={styles.before}>{formatValue(f.before, labelName)}</span> →{" "}
                  <span className={styles.after}>{formatValue(f.after, labelName)}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </div>
  );
}

export function HistoryView(props: { selected: string | null }) {
  const styles = useStyles();
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
    <div className={styles.layout}>
      <section aria-label="Versions">
        {!versions ? (
          <Spinner size="small" label="Loading versions…" />
        ) : (
          <Table size="small" aria-label="Saved versions">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Version</TableHeaderCell>
                <TableHeaderCell>What</TableHeaderCell>
                <TableHeaderCell>Who</TableHeaderCell>
                <TableHeaderCell>When</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {versions.map((v) => (
                <TableRow
                  key={v.version}
                  className={`${styles.clickable} ${v.version === selected ? styles.selected : ""}`}
                  onClick={() => navigate("history", v.version)}
                  data-testid="version-row"
                  data-version={v.version}
                >
                  <TableCell>
                    {v.version} {v.version === editor.version && <Badge size="small">live</Badge>}
                  </TableCell>
                  <TableCell>{KIND_TEXT[v.kind] ?? v.kind}</TableCell>
                  <TableCell>{v.actor.name ?? v.actor.id}</TableCell>
                  <TableCell>{new Date(v.createdAt).toLocaleString()}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </section>
      <section aria-label="Version details" className={styles.detail}>
        {error && (
          <MessageBar intent="error" data-testid="history-error">
            <MessageBarBody>{error}</MessageBarBody>
          </MessageBar>
        )}
        {selected === null ? (
          <Text>Pick a version to see what it changed.</Text>
        ) : !detail ? (
          <Spinner size="small" />
        ) : (
          <>
            <Text as="h2" size={500} weight="semibold">
              Version {detail.version}: {KIND_TEXT[detail.kind] ?? detail.kind} by{" "}
              {detail.actor.name ?? detail.actor.id}, {new Date(detail.createdAt).toLocaleString()}
            </Text>
            <Text>
              Compared with {detail.before ? `version ${detail.basedOn}` : "nothing (the first version)"}:
            </Text>
            <DiffList
              changes={diffTenantPolicy(detail.before, detail.after)}
              before={detail.before}
              after={detail.after}
            />
            {detail.version !== editor.version && (
              <Dialog>
                <DialogTrigger disableButtonEnhancement>
                  <Button appearance="primary" icon={<ArrowUndoRegular />}>
                    Roll back to version {detail.version}
                  </Button>
                </DialogTrigger>
                <DialogSurface>
                  <DialogBody>
                    <DialogTitle>Make version {detail.version} live again?</DialogTitle>
                    <DialogContent>
                      It becomes a new version after {editor.version}; the history keeps everything.
                      {editor.dirty && " Your unsaved changes are discarded."}
                    </DialogContent>
                    <DialogActions>
                      <DialogTrigger disableButtonEnhancement>
                        <Button>Cancel</Button>
                      </DialogTrigger>
                      <DialogTrigger disableButtonEnhancement>
                        <Button appearance="primary" onClick={() => void rollback(detail.version)}>
                          Roll back
                        </Button>
                      </DialogTrigger>
                    </DialogActions>
                  </DialogBody>
                </DialogSurface>
              </Dialog>
            )}
          </>
        )}
      </section>
    </div>
  );
}
