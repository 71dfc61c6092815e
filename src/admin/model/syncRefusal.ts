/**
 * Why a Graph sync applied nothing, in words an admin can act on (what the backend answers is in
 * src/contracts/adminApi.ts, GraphSyncRefusal): not configured, Graph unreachable (the last good
 * policy stays in force), Purview data that does not fit (the issues at their fields), or an admin
 * who saved meanwhile.
 */
import type { PolicyIssue } from "../../contracts/adminApi";

export interface SyncRefusal {
  title: string;
  text: string;
  /** 409 sync-invalid: where Purview's data does not fit, path by path. */
  issues: PolicyIssue[];
  /** Nothing was written: the version in force stays. */
  lastGoodStays: boolean;
}

/** The settings the backend needs for Graph (docs/deploy.md, "Microsoft Graph"). */
export const GRAPH_SETTINGS_TEXT =
  "Set LABELBRIDGE_GRAPH_CLIENT_ID and either LABELBRIDGE_GRAPH_CLIENT_SECRET or " +
  "LABELBRIDGE_GRAPH_CERTIFICATE with LABELBRIDGE_GRAPH_CERTIFICATE_KEY on the backend, grant its app " +
  "registration InformationProtectionPolicy.Read.All with admin consent, and restart it " +
  "(docs/deploy.md, Microsoft Graph).";

const GRAPH_FAILURE: Record<string, string> = {
  unreachable: "Microsoft Graph did not answer",
  throttled: "Microsoft Graph kept throttling the requests",
  token: "The sign-in endpoint refused the backend's credential",
  unauthorized: "Microsoft Graph refused the backend's token",
  forbidden: "The app registration lacks a permission or admin consent",
  "not-found": "Microsoft Graph has no such resource",
  "bad-response": "Microsoft Graph answered something unexpected",
  "graph-error": "Microsoft Graph answered with an error",
};

export interface RefusalInput {
  status: number;
  code: string;
  message: string;
  body: { issues?: PolicyIssue[]; graphError?: unknown };
}

export function describeSyncRefusal(error: RefusalInput, liveVersion: number | null): SyncRefusal {
  const inForce =
    liveVersion && liveVersion > 0
      ? `Nothing was changed: version ${liveVersion}, the last good policy, stays in force.`
      : "Nothing was changed.";
  const issues = Array.isArray(error.body.issues) ? error.body.issues : [];
  switch (error.code) {
    case "graph-not-configured":
      return {
        title: "Microsoft Graph is not configured",
        text: GRAPH_SETTINGS_TEXT,
        issues,
        lastGoodStays: true,
      };
    case "graph-unavailable": {
      const how =
        typeof error.body.graphError === "string" ? GRAPH_FAILURE[error.body.graphError] : undefined;
      return {
        title: how ?? "Microsoft Graph could not be read",
        text: `${error.message}. ${inForce}`,
        issues,
        lastGoodStays: true,
      };
    }
    case "sync-invalid":
      return {
        title: "Purview's labels do not fit the configuration",
        text: `${inForce} Fix the field named below (in Purview, or rename or remove the Labelbridge label) and sync again.`,
        issues,
        lastGoodStays: true,
      };
    case "version-conflict":
      return {
        title: "Another change was saved meanwhile",
        text: error.message,
        issues,
        lastGoodStays: true,
      };
    default:
      return {
        title: error.status === 0 ? "The server could not be reached" : "The sync failed",
        text: error.message,
        issues,
        lastGoodStays: false,
      };
  }
}
