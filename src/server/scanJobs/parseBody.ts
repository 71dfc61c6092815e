/** A request body checked against a zod schema: the 400 names the first wrong field and lists all. */
import type { z } from "zod";
import { formatPath } from "../../core/policy";
import { badRequest } from "../errors";

export function parseBody<T extends z.ZodTypeAny>(schema: T, body: unknown, code: string): z.infer<T> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : "";
  throw badRequest(code, `${issues[0].path}: ${issues[0].message}${more}; nothing was stored`, { issues });
}
