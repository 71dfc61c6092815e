/**
 * The scan jobs view's model: the form sends what the backend's own schema accepts and reads back
 * what it stored, the schema's refusals land at the form's fields, and a run's progress, throughput
 * and schedule read as the view prints them.
 */
import type { z } from "zod";
import { formatPath } from "../../src/core/policy";
import type { RunDetail, ScanJobDefinition, ScanRun, ScannerNode } from "../../src/contracts/scanJobs";
import {
  EMPTY_JOB_FORM,
  actionRows,
  anyRunning,
  definitionOf,
  fieldOfIssue,
  formOf,
  formatBytes,
  issuesByField,
  lastSeenText,
  progressOf,
  scheduleText,
  throughputText,
} from "../../src/admin/model/scanJobs";
import { scanJobDefinitionSchema } from "../../src/server/scanJobs/model";

type Stored = z.infer<typeof scanJobDefinitionSchema>;
// The contract and the backend's schema describe the same definition, both ways (a compile error otherwise).
const toContract = (d: Stored): ScanJobDefinition => d;
const toStored = (d: ScanJobDefinition): Stored => d;

/** What the backend would answer for a form: its schema's issues as the 400 carries them. */
function backendIssues(input: unknown) {
  const parsed = scanJobDefinitionSchema.safeParse(input);
  return parsed.success
    ? []
    : parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
}

const run = (over: Partial<ScanRun> = {}): ScanRun => ({
  runId: "r1",
  jobId: "j1",
  jobName: "Finance",
  status: "running",
  trigger: "manual",
  fullRescan: false,
  createdAt: "2026-12-05T10:00:00.000Z",
  finishedAt: null,
  policyVersion: 3,
  unitsTotal: 4,
  unitsFinished: 1,
  filesFound: 200,
  bytesFound: 1000,
  filesDone: 50,
  bytesDone: 250,
  filesUnchanged: 0,
  filesSkipped: 0,
  errors: 0,
  ...over,
});

describe("the job form", () => {
  test("a form filled in goes through the backend's schema and reads back the same", () => {
    const form = {
      ...EMPTY_JOB_FORM,
      name: "Finance share",
      repositories: "/srv/finance\n\n  \\\\fs01\\hr  \n",
      exclude: "node_modules\n*.tmp",
      mode: "enforce" as const,
      everyMinutes: "1440",
      startAt: "2026-12-06T02:00:00Z",
      upn: "scanner@contoso.com",
      groups: "g1\ng2",
      identityName: "File share scanner",
      policyVersion: "7",
      relabel: true,
      justification: "Bulk relabel",
      fileTimeoutSeconds: "60",
    };
    const input = definitionOf(form);
    expect(input.repositories).toEqual([{ path: "/srv/finance" }, { path: "\\\\fs01\\hr" }]);
    const stored = scanJobDefinitionSchema.parse(input);
    expect(stored).toMatchObject({
      schedule: { everyMinutes: 1440, startAt: "2026-12-06T02:00:00Z" },
      identity: { upn: "scanner@contoso.com", groups: ["g1", "g2"], name: "File share scanner" },
      policyVersion: 7,
      fileTimeoutSeconds: 60,
    });
    // Read back as stored: blank lines gone, paths trimmed.
    expect(formOf(toContract(stored))).toEqual({ ...form, repositories: "/srv/finance\n\\\\fs01\\hr" });
    expect(toStored(toContract(stored))).toEqual(stored);
  });

  test("empty optional fields send nothing the schema would refuse: manual, current version, defaults", () => {
    const stored = scanJobDefinitionSchema.parse(
      definitionOf({ ...EMPTY_JOB_FORM, name: "x", repositories: "/srv/x", fileTimeoutSeconds: "" }),
    );
    expect(stored).toMatchObject({
      schedule: null,
      policyVersion: null,
      identity: { upn: null, groups: [], name: "Labelbridge scanner" },
      fileTimeoutSeconds: 120,
      mode: "discover",
    });
  });

  test("the backend's refusals land at their fields: a relative repository by its line, a short schedule, text for a number", () => {
    const input = definitionOf({
      ...EMPTY_JOB_FORM,
      name: "Bad",
      repositories: "/srv/ok\nshares/finance",
      everyMinutes: "2",
      policyVersion: "seven",
    });
    const { fields, general } = issuesByField(backendIssues(input));
    expect(fields.repositories).toBe(
      "line 2: must be an absolute path as the scanner nodes see it (/srv/share, D:\\Share or \\\\server\\share)",
    );
    expect(fields.everyMinutes).toMatch(/5/);
    expect(fields.policyVersion).toMatch(/number/i);
    expect(fields.name).toBeUndefined();
    expect(general).toEqual([]);
  });

  test("the definition's own rules land at the field they name: relabel outside enforce, a justification without relabel", () => {
    const relabel = definitionOf({ ...EMPTY_JOB_FORM, name: "x", repositories: "/x", relabel: true });
    expect(issuesByField(backendIssues(relabel)).fields.relabel).toBe("only applies to mode enforce");
    const why = definitionOf({ ...EMPTY_JOB_FORM, name: "x", repositories: "/x", justification: "why" });
    expect(issuesByField(backendIssues(why)).fields.justification).toBe("goes with relabel: true");
  });

  test("no repository and no name: both fields say so; unknown paths go to the general message", () => {
    const { fields } = issuesByField(backendIssues(definitionOf({ ...EMPTY_JOB_FORM, name: "  " })));
    expect(fields.repositories).toBe("name at least one repository");
    expect(fields.name).toBeDefined();
    expect(issuesByField([{ path: "(root)", message: "Unrecognized key" }]).general).toEqual([
      "(root): Unrecognized key",
    ]);
    expect(fieldOfIssue("identity.groups[3]")).toBe("groups");
    expect(fieldOfIssue("identity.upn")).toBe("upn");
    expect(fieldOfIssue("schedule.startAt")).toBe("startAt");
  });
});

describe("runs and nodes as the view prints them", () => {
  test("progress: files and units as fractions; listing while the walk has units left; an empty completed run is full", () => {
    expect(progressOf(run())).toEqual({
      filesDone: 50,
      filesFound: 200,
      files: 0.25,
      units: 0.25,
      listing: true,
    });
    expect(progressOf(run({ unitsFinished: 4, filesDone: 200, status: "completed" }))).toMatchObject({
      files: 1,
      units: 1,
      listing: false,
    });
    expect(
      progressOf(run({ filesFound: 0, filesDone: 0, unitsTotal: 0, unitsFinished: 0 })).files,
    ).toBeNull();
    expect(
      progressOf(run({ status: "completed", filesFound: 0, filesDone: 0, unitsTotal: 1, unitsFinished: 1 }))
        .files,
    ).toBe(1);
  });

  test("throughput, sizes and durations", () => {
    const detail = {
      ...run(),
      elapsedSeconds: 125,
      filesPerSecond: 12.5,
      bytesPerSecond: 3 * 1024 * 1024,
    } as RunDetail;
    expect(throughputText(detail)).toBe("12.5 files/s · 3.0 MB/s over 2 min 5 s");
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(1536)).toBe("1.5 KB");
  });

  test("rows per action, largest first", () => {
    expect(actionRows({ reported: 2, none: 5, unchanged: 2 })).toEqual([
      { action: "none", rows: 5 },
      { action: "reported", rows: 2 },
      { action: "unchanged", rows: 2 },
    ]);
  });

  test("schedules in words", () => {
    const d = scanJobDefinitionSchema.parse({ name: "x", repositories: [{ path: "/x" }] });
    expect(scheduleText(d)).toBe("Manual");
    expect(scheduleText({ ...d, schedule: { everyMinutes: 1440 } })).toBe("Every 1 day");
    expect(scheduleText({ ...d, schedule: { everyMinutes: 120, startAt: "2026-12-06T02:00:00Z" } })).toBe(
      "Every 2 hours from 2026-12-06T02:00:00Z",
    );
    expect(scheduleText({ ...d, enabled: false, schedule: { everyMinutes: 45 } })).toBe(
      "Every 45 minutes (disabled)",
    );
  });

  test("last heartbeat, and polling only while something runs", () => {
    const node = { lastSeenAt: "2026-12-05T10:00:00.000Z" } as ScannerNode;
    expect(lastSeenText(node, Date.parse("2026-12-05T10:00:12.000Z"))).toBe("12 s ago");
    expect(anyRunning([null, run({ status: "completed" })])).toBe(false);
    expect(anyRunning([run({ status: "cancelled" }), run()])).toBe(true);
  });
});
