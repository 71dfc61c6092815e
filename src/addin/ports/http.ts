/**
 * The little of `fetch` the services use, injectable so tests and the benchmark run without a
 * network. Every request has a deadline; the classic Outlook runtime may lack AbortController, so
 * the deadline is a race and the late response is ignored.
 */
import { withTimeout } from "./timing";

export interface HttpResponse {
  status: number;
  header(name: string): string | null;
  text(): Promise<string>;
}

export interface HttpRequest {
  method: "GET" | "POST";
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

export type HttpClient = (request: HttpRequest) => Promise<HttpResponse>;

type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal?: unknown; cache?: string },
) => Promise<{ status: number; headers: { get(name: string): string | null }; text(): Promise<string> }>;

export function fetchHttpClient(fetchImpl?: FetchLike): HttpClient {
  return (request) => {
    const f = fetchImpl ?? (globalThis as { fetch?: FetchLike }).fetch;
    if (!f) return Promise.reject(new Error("this runtime has no fetch"));
    const Controller = (globalThis as { AbortController?: new () => { signal: unknown; abort(): void } })
      .AbortController;
    const controller = Controller ? new Controller() : null;
    const pending = f(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: controller?.signal,
      // ETag revalidation is ours; the browser's HTTP cache must not answer for the backend.
      cache: "no-store",
    }).then((r): HttpResponse => ({
      status: r.status,
      header: (n) => r.headers.get(n),
      text: () => r.text(),
    }));
    return withTimeout(pending, request.timeoutMs, `${request.method} ${request.url}`).catch(
      (error: unknown) => {
        controller?.abort();
        throw error;
      },
    );
  };
}
