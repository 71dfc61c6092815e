/**
 * Hash routes (`#/labels/<id>`): the console is one page at /admin, so no server route per view, and
 * a reload or a link keeps the view. /admin/reports opens the reports view.
 */
import { useEffect, useState } from "react";

export type View = "labels" | "policies" | "rollout" | "history" | "import" | "reports";
export const VIEWS: readonly View[] = ["labels", "policies", "rollout", "history", "import", "reports"];

export interface Route {
  view: View;
  /** Label or policy id, or version number. */
  id: string | null;
}

export function parseRoute(hash: string, pathname: string): Route {
  const parts = hash.replace(/^#\/?/, "").split("/").filter(Boolean).map(decodeURIComponent);
  const view = VIEWS.find((v) => v === parts[0]);
  if (view) return { view, id: parts[1] ?? null };
  return { view: /\/reports\/?$/.test(pathname) ? "reports" : "labels", id: null };
}

export function href(view: View, id?: string | number | null): string {
  return id === undefined || id === null ? `#/${view}` : `#/${view}/${encodeURIComponent(String(id))}`;
}

export function navigate(view: View, id?: string | number | null): void {
  location.hash = href(view, id);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash, location.pathname));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash, location.pathname));
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, []);
  return route;
}
