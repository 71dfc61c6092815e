/**
 * A content scan job as an admin defines it (docs/scanner-cluster.md): the repositories to scan,
 * which files, when, in which mode, and whose policy decides. Validated whole before anything is
 * stored; every problem is reported with its path.
 */
import { z } from "zod";

/** A path as every scanner node sees it: POSIX absolute, a Windows drive, or a UNC share. */
const repositoryPath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => !p.includes("\0"), "must not contain a NUL character")
  .refine(
    (p) => p.startsWith("/") || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith("\\\\"),
    "must be an absolute path as the scanner nodes see it (/srv/share, D:\\Share or \\\\server\\share)",
  );

const glob = z.string().min(1).max(500);

export const MIN_SCHEDULE_MINUTES = 5;
export const MAX_SCHEDULE_MINUTES = 60 * 24 * 31;

export const scanJobDefinitionSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    repositories: z
      .array(z.object({ path: repositoryPath }).strict())
      .min(1, "name at least one repository")
      .max(100),
    include: z.array(glob).max(100).default([]),
    exclude: z.array(glob).max(100).default([]),
    /** null: runs only when started; otherwise every N minutes from `startAt` (default: now). */
    schedule: z
      .object({
        everyMinutes: z.number().int().min(MIN_SCHEDULE_MINUTES).max(MAX_SCHEDULE_MINUTES),
        startAt: z.string().datetime().optional(),
      })
      .strict()
      .nullable()
      .default(null),
    mode: z.enum(["discover", "enforce"]).default("discover"),
    /** Whose policies apply (as `labelbridge scan --user`), and the name audit events carry. */
    identity: z
      .object({
        upn: z.string().min(1).max(320).nullable().default(null),
        groups: z.array(z.string().min(1).max(128)).max(500).default([]),
        name: z.string().min(1).max(200).default("Labelbridge scanner"),
      })
      .strict()
      .default({}),
    /** The configuration version a run uses; null: the tenant's current one when the run starts. */
    policyVersion: z.number().int().min(1).nullable().default(null),
    relabel: z.boolean().default(false),
    justification: z.string().trim().min(1).max(1000).nullable().default(null),
    treatRecommendedAsAutomatic: z.boolean().default(false),
    dryRun: z.boolean().default(false),
    /** Skip files whose size and mtime (or content hash) are those of the last run. */
    incremental: z.boolean().default(true),
    fileTimeoutSeconds: z.number().int().min(1).max(3600).default(120),
    enabled: z.boolean().default(true),
  })
  .strict()
  .superRefine((job, ctx) => {
    if (job.justification !== null && !job.relabel)
      ctx.addIssue({ code: "custom", path: ["justification"], message: "goes with relabel: true" });
    if (job.relabel && job.mode !== "enforce")
      ctx.addIssue({ code: "custom", path: ["relabel"], message: "only applies to mode enforce" });
  });

export type ScanJobDefinition = z.infer<typeof scanJobDefinitionSchema>;

// The answers' types are the admin API's contract, shared with the console.
export type { RunCounters, RunStatus, ScanJob, ScanRun } from "../../contracts/scanJobs";
