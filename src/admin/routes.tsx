/**
 * The console's route table: one entry per view, in the order of the navigation. Adding a view is a
 * folder under views/ and an entry here (docs/architecture-console.md says how).
 */
import * as React from "react";
import { LabelsView } from "./views/labels";
import { PoliciesView } from "./views/policies";
import { RolloutView } from "./views/rollout";
import { HistoryView } from "./views/history";
import { ImportExportView } from "./views/import";

/** What every view receives: the id after its name in the route (`#/labels/<id>`), if any. */
export interface ViewProps {
  selected: string | null;
}

export interface ConsoleRoute {
  /** `#/<id>`; also opens the view at the page path `/admin/<id>` where the server serves one. */
  id: string;
  /** Its entry in the navigation. */
  title: string;
  view: React.ComponentType<ViewProps>;
  /** Edits the configuration draft, so the save bar stands above it. */
  editsDraft: boolean;
  /** Whose validation problems its navigation entry counts. */
  problems?: "labels" | "policies";
  /** Shown while a view loaded on demand arrives. */
  loading?: string;
}

// ".js": node16 resolution wants the emitted name; webpack maps it back to the .tsx (extensionAlias).
// Reports (and Chart.js, which they load) are a chunk of their own: most visits never open them.
const ReportsView = React.lazy(() =>
  import(/* webpackChunkName: "reports" */ "./views/reports/index.js").then((m) => ({
    default: m.ReportsView,
  })),
);

export const ROUTES = [
  { id: "labels", title: "Labels", view: LabelsView, editsDraft: true, problems: "labels" },
  { id: "policies", title: "Policies", view: PoliciesView, editsDraft: true, problems: "policies" },
  { id: "rollout", title: "Rollout", view: RolloutView, editsDraft: true },
  { id: "history", title: "History", view: HistoryView, editsDraft: true },
  { id: "import", title: "Import & export", view: ImportExportView, editsDraft: true },
  { id: "reports", title: "Reports", view: ReportsView, editsDraft: false, loading: "Loading reports…" },
] as const satisfies readonly ConsoleRoute[];

export type ViewId = (typeof ROUTES)[number]["id"];

export const VIEW_IDS: readonly ViewId[] = ROUTES.map((r) => r.id);

export function routeOf(id: ViewId): ConsoleRoute {
  return ROUTES.find((r) => r.id === id) ?? ROUTES[0];
}
