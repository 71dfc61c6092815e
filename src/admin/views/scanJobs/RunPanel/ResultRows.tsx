/**
 * A run's report rows in path order, 50 at a time (`after=<next>`), all of them or only those with
 * errors. Read again when the run's file count moves, so rows appear while it goes.
 */
import * as React from "react";
import { Button, Switch, Table, TableBody, TableCell, TableRow } from "@fluentui/react-components";
import type { ScanResultPage, ScanResultRow } from "../../../../contracts/scanJobs";
import { InlineMessage } from "../../../components/InlineMessage";
import { Muted, Row, SectionTitle } from "../../../components/Layout";
import { useEditor } from "../../../state";
import { runResults } from "../api";
import { TableHead } from "../TableHead";

const COLUMNS = ["Path", "Action", "Findings", "Error", "Node", "Outcome"] as const;

/** The findings a row carries (`infoTypes`: name and count), as one line. */
function findings(row: ScanResultRow): string {
  const types = Array.isArray(row.infoTypes)
    ? (row.infoTypes as Array<{ name?: string; count?: number }>)
    : [];
  return types.map((t) => `${t.name ?? "?"} ×${t.count ?? 0}`).join(", ");
}

export function ResultRows(props: { runId: string; filesDone: number }) {
  const { api } = useEditor();
  const [errorsOnly, setErrorsOnly] = React.useState(false);
  /** `after` of each page shown so far: the last is the current page. */
  const [pages, setPages] = React.useState<Array<string | null>>([null]);
  const [page, setPage] = React.useState<ScanResultPage | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const after = pages[pages.length - 1];

  React.useEffect(() => {
    let live = true;
    runResults(api, props.runId, { errorsOnly, after })
      .then((p) => live && (setPage(p), setError(null)))
      .catch((err: Error) => live && setError(err.message));
    return () => {
      live = false;
    };
  }, [api, props.runId, errorsOnly, after, props.filesDone]);

  return (
    <>
      <Row>
        <SectionTitle>Results</SectionTitle>
        <Switch
          label="Only rows with errors"
          checked={errorsOnly}
          onChange={(_e, d) => {
            setErrorsOnly(d.checked);
            setPages([null]);
          }}
        />
      </Row>
      {error && <InlineMessage intent="error">{error}</InlineMessage>}
      {page && page.rows.length === 0 && <Muted data-testid="no-results">No rows.</Muted>}
      {page && page.rows.length > 0 && (
        <Table size="small" aria-label="Results" data-testid="run-results">
          <TableHead columns={COLUMNS} />
          <TableBody>
            {page.rows.map((r) => (
              <TableRow key={r.path} data-testid="result-row" data-path={r.path}>
                <TableCell>{r.path}</TableCell>
                <TableCell>{r.action}</TableCell>
                <TableCell data-testid="result-findings">{findings(r)}</TableCell>
                <TableCell>{r.error ?? ""}</TableCell>
                <TableCell>{r.node}</TableCell>
                <TableCell>{r.outcome}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <Row>
        <Button disabled={pages.length === 1} onClick={() => setPages(pages.slice(0, -1))}>
          Previous rows
        </Button>
        <Button disabled={!page?.next} onClick={() => page?.next && setPages([...pages, page.next])}>
          Next rows
        </Button>
      </Row>
    </>
  );
}
