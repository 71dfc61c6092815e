/** Why Graph or its token endpoint could not answer, in words an admin can act on. */
export type GraphErrorCode =
  | "unreachable"
  | "throttled"
  | "token"
  | "unauthorized"
  | "forbidden"
  | "not-found"
  | "bad-response"
  | "graph-error";

export class GraphError extends Error {
  constructor(
    readonly code: GraphErrorCode,
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = "GraphError";
  }
}

/** Graph's error body `{error: {code, message}}` and the token endpoint's `{error, error_description}`. */
export function graphErrorText(body: unknown): string {
  if (typeof body !== "object" || body === null) return "";
  const b = body as { error?: unknown; error_description?: unknown };
  if (typeof b.error === "object" && b.error !== null) {
    const e = b.error as { code?: unknown; message?: unknown };
    return [e.code, e.message].filter((v) => typeof v === "string" && v !== "").join(": ");
  }
  const description = typeof b.error_description === "string" ? b.error_description.split(/\r?\n/)[0] : "";
  return [b.error, description].filter((v) => typeof v === "string" && v !== "").join(": ");
}
