/** The one zod spelling of a GUID field: braces stripped, lower-cased, then checked. */
import { z } from "zod";
import { GUID_PATTERN } from "./ids";

export const guidSchema = z
  .string()
  .transform((s) => s.trim().replace(/^\{/, "").replace(/\}$/, "").toLowerCase())
  .pipe(z.string().regex(GUID_PATTERN, "must be a GUID like 0d814d60-469d-470c-8cb0-58434e2bf457"));
