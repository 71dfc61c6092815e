/**
 * Office's callback style (`xAsync(..., cb(AsyncResult))`) as promises. A failed AsyncResult
 * becomes a HostError naming the operation and carrying Office's error code and message.
 */
import { HostError } from "./types";

/** The AsyncResult fields we rely on (see @types/office-js `Office.AsyncResult`). */
export interface AsyncResultLike<T> {
  status: unknown;
  value: T;
  error?: { code: number; message: string; name: string } | null;
}

function isSuccess(status: unknown, succeeded: unknown): boolean {
  if (succeeded !== undefined) return status === succeeded;
  const fromGlobal = (globalThis as { Office?: { AsyncResultStatus?: { Succeeded?: unknown } } }).Office
    ?.AsyncResultStatus?.Succeeded;
  return fromGlobal !== undefined ? status === fromGlobal : String(status).toLowerCase() === "succeeded";
}

/**
 * Calls `start(callback)` and settles with the callback's AsyncResult. `succeeded` is the host's
 * own `Office.AsyncResultStatus.Succeeded` (office.js uses "succeeded"; @types/office-js declares
 * a numeric enum) — compare with the enum member, never a literal. Defaults to the global Office's.
 */
export function officeCall<T>(
  operation: string,
  start: (callback: (result: AsyncResultLike<T>) => void) => void,
  succeeded?: unknown,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    try {
      start((result) => {
        if (settled) return;
        settled = true;
        if (result && isSuccess(result.status, succeeded)) resolve(result.value);
        else {
          const error = result?.error;
          reject(
            new HostError(operation, error?.message || `${operation} failed`, error?.code ?? error?.name),
          );
        }
      });
    } catch (error) {
      settled = true;
      // Some clients throw synchronously for an API they do not implement.
      reject(new HostError(operation, error instanceof Error ? error.message : String(error)));
    }
  });
}
