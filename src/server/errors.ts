/**
 * One error shape for every 4xx/5xx: `{statusCode, error, code, message, ...details}`. `code` is
 * stable for programs, `message` says what was wrong and where for people.
 */
import { STATUS_CODES } from "node:http";

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "HttpError";
  }
}

export interface ErrorBody {
  statusCode: number;
  error: string;
  code: string;
  message: string;
  [detail: string]: unknown;
}

export function errorBody(
  statusCode: number,
  code: string,
  message: string,
  details: Record<string, unknown> = {},
): ErrorBody {
  return { statusCode, error: STATUS_CODES[statusCode] ?? "Error", code, message, ...details };
}

export const badRequest = (code: string, message: string, details?: Record<string, unknown>) =>
  new HttpError(400, code, message, details);
export const notFound = (code: string, message: string) => new HttpError(404, code, message);
