/**
 * The console's route table: one entry per view, in the order of the navigation. Adding a view is a
 * folder under views/ and an entry here (docs/architecture-console.md says how).
 */
import * as React from "react";
import { LabelsView } from "./views/labels";
import { PoliciesView } from "./views/policies";
import { RolloutView } from "./views/rollout";

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
  problems?: "labels" | "policies" | "mappings" | "infoTypes";
  /** Opens even while the tenant has no configuration (the Purview sync can make its first one). */
  withoutConfiguration?: boolean;
  /** Shown while a view loaded on demand arrives. */
  loading?: string;
}

/** A view loaded on demand: its folder's index.ts exports it as `name`. */
function lazyView<K extends string>(load: () => Promise<Record<K, React.ComponentType<ViewProps>>>, name: K) {
  return React.lazy(() => load().then((m) => ({ default: m[name] })));
}

/*
 * Views an admin opens now and then load on demand, each a chunk of its own (reports also bring
 * Chart.js), so the page labels and policies are edited in stays small. The webpackChunkName comment
 * names the chunk; ".js": node16 resolution wants the emitted name, and webpack maps it back to the
 * .tsx (extensionAlias).
 */
const HistoryView = lazyView(
  () => import(/* webpackChunkName: "history" */ "./views/history/index.js"),
  "HistoryView",
);
const ImportExportView = lazyView(
  () => import(/* webpackChunkName: "import" */ "./views/import/index.js"),
  "ImportExportView",
);
const InfoTypesView = lazyView(
  () => import(/* webpackChunkName: "info-types" */ "./views/infoTypes/index.js"),
  "InfoTypesView",
);
const LabelMappingsView = lazyView(
  () => import(/* webpackChunkName: "mappings" */ "./views/mappings/index.js"),
  "LabelMappingsView",
);
const PurviewSyncView = lazyView(
  () => import(/* webpackChunkName: "purview" */ "./views/purview/index.js"),
  "PurviewSyncView",
);
const ProtectionView = lazyView(
  () => import(/* webpackChunkName: "protection" */ "./views/protection/index.js"),
  "ProtectionView",
);
const ScanJobsView = lazyView(
  () => import(/* webpackChunkName: "scan-jobs" */ "./views/scanJobs/index.js"),
  "ScanJobsView",
);
const ReportsView = lazyView(
  () => import(/* webpackChunkName: "reports" */ "./views/reports/index.js"),
  "ReportsView",
);

export const ROUTES = [
  { id: "labels", title: "Labels", view: LabelsView, editsDraft: true, problems: "labels" },
  { id: "policies", title: "Policies", view: PoliciesView, editsDraft: true, problems: "policies" },
  { id: "rollout", title: "Rollout", view: RolloutView, editsDraft: true },
  {
    id: "info-types",
    title: "Information types",
    view: InfoTypesView,
    editsDraft: true,
    problems: "infoTypes",
    loading: "Loading information types…",
  },
  {
    id: "mappings",
    title: "Label mappings",
    view: LabelMappingsView,
    editsDraft: true,
    problems: "mappings",
    loading: "Loading label mappings…",
  },
  {
    id: "purview",
    title: "Purview sync",
    view: PurviewSyncView,
    editsDraft: true,
    withoutConfiguration: true,
    loading: "Loading the Purview sync…",
  },
  {
    id: "protection",
    title: "Protection",
    view: ProtectionView,
    editsDraft: true,
    loading: "Loading protection…",
  },
  { id: "history", title: "History", view: HistoryView, editsDraft: true, loading: "Loading history…" },
  { id: "import", title: "Import & export", view: ImportExportView, editsDraft: true, loading: "Loading…" },
  { id: "reports", title: "Reports", view: ReportsView, editsDraft: false, loading: "Loading reports…" },
  {
    id: "scan-jobs",
    title: "Scan jobs",
    view: ScanJobsView,
    editsDraft: false,
    withoutConfiguration: true,
    loading: "Loading scan jobs…",
  },
] as const satisfies readonly ConsoleRoute[];

export type ViewId = (typeof ROUTES)[number]["id"];

export const VIEW_IDS: readonly ViewId[] = ROUTES.map((r) => r.id);

export function routeOf(id: ViewId): ConsoleRoute {
  return ROUTES.find((r) => r.id === id) ?? ROUTES[0];
}
