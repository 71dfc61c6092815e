/**
 * The check of a node's results report (POST …/units/:runId/:unitId/results), by hand rather than
 * with zod: it is the backend's busiest body (a row per file), and zod's object parsing cost about
 * as much CPU per row as storing it (docs/benchmarks.md, "Scanner cluster: one write per file").
 * Same rules and the same 400 as the schema it replaced (parseBody.ts): every issue with its path,
 * the first in the message, nothing stored. Audit events, rare, still go through their schema.
 */
import { type AuditEvent, auditEventSchema } from "../../core/audit";
import { formatPath } from "../../core/policy";
import { badRequest } from "../errors";
import type { FileResult, ResultsReport } from "./wire";

type Path = Array<string | number>;
interface Issue {
  path: Path;
  message: string;
}

/** Beyond this many issues the rest are not listed (the body is wrong throughout). */
const MAX_ISSUES = 100;
const MAX_RESULTS = 1000;
const MAX_AUDIT = 20;

class Checker {
  readonly issues: Issue[] = [];

  issue(path: Path, message: string): false {
    if (this.issues.length < MAX_ISSUES) this.issues.push({ path, message });
    return false;
  }

  present(v: unknown, path: Path): boolean {
    return v === undefined ? this.issue(path, "Required") : true;
  }

  string(v: unknown, path: Path, min: number, max: number): boolean {
    if (!this.present(v, path)) return false;
    if (typeof v !== "string") return this.issue(path, `Expected string, received ${kindOf(v)}`);
    if (v.length < min) return this.issue(path, `String must contain at least ${min} character(s)`);
    if (v.length > max) return this.issue(path, `String must contain at most ${max} character(s)`);
    return true;
  }

  number(v: unknown, path: Path, min: number | null): boolean {
    if (!this.present(v, path)) return false;
    if (typeof v !== "number") return this.issue(path, `Expected number, received ${kindOf(v)}`);
    if (min !== null && v < min) return this.issue(path, `Number must be greater than or equal to ${min}`);
    return true;
  }

  /** Keys beyond `allowed` are refused (the schema's .strict()). */
  strict(o: Record<string, unknown>, allowed: ReadonlySet<string>, path: Path): void {
    const extra = Object.keys(o).filter((k) => !allowed.has(k));
    if (extra.length > 0)
      this.issue(path, `Unrecognized key(s) in object: ${extra.map((k) => `'${k}'`).join(", ")}`);
  }
}

function kindOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const REPORT_KEYS = new Set(["claim", "results", "done"]);
const RESULT_KEYS = new Set(["path", "outcome", "size", "mtimeMs", "hash", "row"]);

/** The fields of a report row (src/cli/scan/row.ts) the backend reads; the rest is kept as sent. */
function checkRow(c: Checker, row: unknown, path: Path): void {
  if (!isObject(row)) {
    c.issue(path, `Expected object, received ${kindOf(row)}`);
    return;
  }
  c.string(row.path, [...path, "path"], 1, 4096);
  c.number(row.size, [...path, "size"], 0);
  c.string(row.type, [...path, "type"], 0, 10);
  c.string(row.action, [...path, "action"], 1, 40);
  if (row.error !== null) c.string(row.error, [...path, "error"], 0, 10_000);
  const audit = row.audit;
  if (!c.present(audit, [...path, "audit"])) return;
  if (!Array.isArray(audit)) {
    c.issue([...path, "audit"], `Expected array, received ${kindOf(audit)}`);
    return;
  }
  if (audit.length > MAX_AUDIT)
    c.issue([...path, "audit"], `Array must contain at most ${MAX_AUDIT} element(s)`);
  const parsed: AuditEvent[] = [];
  audit.forEach((event, i) => {
    const result = auditEventSchema.safeParse(event);
    if (result.success) parsed.push(result.data);
    else
      for (const issue of result.error.issues) c.issue([...path, "audit", i, ...issue.path], issue.message);
  });
  // The events as their schema gives them (its defaults filled in), as the backend records them.
  row.audit = parsed;
}

function checkResult(c: Checker, r: unknown, path: Path): void {
  if (!isObject(r)) {
    c.issue(path, `Expected object, received ${kindOf(r)}`);
    return;
  }
  c.strict(r, RESULT_KEYS, path);
  c.string(r.path, [...path, "path"], 1, 4096);
  if (r.outcome !== "scanned" && r.outcome !== "unchanged")
    c.issue([...path, "outcome"], "Invalid enum value. Expected 'scanned' | 'unchanged'");
  c.number(r.size, [...path, "size"], 0);
  if (r.mtimeMs !== null) c.number(r.mtimeMs, [...path, "mtimeMs"], null);
  if (r.hash !== null) c.string(r.hash, [...path, "hash"], 0, 128);
  if (r.row !== null) {
    if (c.present(r.row, [...path, "row"])) checkRow(c, r.row, [...path, "row"]);
  }
  if (r.outcome === "scanned" && (!isObject(r.row) || r.row.path !== r.path))
    c.issue([...path, "row"], "a scanned file needs its report row, for the same path");
  if (r.outcome === "unchanged" && (r.mtimeMs === null || r.hash === null))
    c.issue([...path, "hash"], "an unchanged file needs its mtime and hash");
}

/** The report as sent, checked; a 400 listing every issue when it is not one. */
export function parseResultsReport(body: unknown): ResultsReport {
  const c = new Checker();
  if (!isObject(body)) c.issue([], `Expected object, received ${kindOf(body)}`);
  else {
    c.strict(body, REPORT_KEYS, []);
    if (c.number(body.claim, ["claim"], 1) && !Number.isInteger(body.claim))
      c.issue(["claim"], "Expected integer, received float");
    if (c.present(body.done, ["done"]) && typeof body.done !== "boolean")
      c.issue(["done"], `Expected boolean, received ${kindOf(body.done)}`);
    const results = body.results;
    if (c.present(results, ["results"])) {
      if (!Array.isArray(results)) c.issue(["results"], `Expected array, received ${kindOf(results)}`);
      else if (results.length > MAX_RESULTS)
        c.issue(["results"], `Array must contain at most ${MAX_RESULTS} element(s)`);
      else results.forEach((r, i) => checkResult(c, r, ["results", i]));
    }
  }
  if (c.issues.length === 0) return body as { claim: number; results: FileResult[]; done: boolean };
  const issues = c.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : "";
  throw badRequest("invalid-results", `${issues[0].path}: ${issues[0].message}${more}; nothing was stored`, {
    issues,
  });
}
