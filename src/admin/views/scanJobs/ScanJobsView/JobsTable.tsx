/** The jobs: name, repositories, mode, schedule and last run (status and files); a row opens its job. */
import * as React from "react";
import { Table, TableBody, TableCell, TableRow, mergeClasses } from "@fluentui/react-components";
import type { ScanJobList } from "../../../../contracts/scanJobs";
import { scheduleText } from "../../../model/scanJobs";
import { navigate } from "../../../router";
import { useScanJobsStyles } from "./ScanJobsView.styles";
import { TableHead } from "../TableHead";

const COLUMNS = ["Job", "Repositories", "Mode", "Schedule", "Last run"] as const;

export function lastRunText(run: ScanJobList["jobs"][number]["lastRun"]): string {
  if (!run) return "Never run";
  return `${run.status} · ${run.filesDone} of ${run.filesFound} files · ${run.errors} errors · ${run.createdAt}`;
}

export function JobsTable(props: { jobs: ScanJobList["jobs"]; selected: string | null }) {
  const styles = useScanJobsStyles();
  return (
    <Table size="small" aria-label="Scan jobs" data-testid="scan-jobs">
      <TableHead columns={COLUMNS} />
      <TableBody>
        {props.jobs.map((j) => (
          <TableRow
            key={j.jobId}
            data-testid="scan-job-row"
            data-job={j.jobId}
            className={mergeClasses(styles.row, j.jobId === props.selected && styles.selected)}
            onClick={() => navigate("scan-jobs", j.jobId)}
          >
            <TableCell>{j.definition.name}</TableCell>
            <TableCell className={styles.mono}>
              {j.definition.repositories.map((r) => r.path).join(", ")}
            </TableCell>
            <TableCell>{j.definition.mode}</TableCell>
            <TableCell>{scheduleText(j.definition)}</TableCell>
            <TableCell data-testid="last-run">{lastRunText(j.lastRun)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
