/**
 * Hash routes (`#/labels/<id>`): the console is one page at /admin, so no server route per view, and
 * a reload or a link keeps the view. A page path naming a view (/admin/reports) opens that view.
 * Which views exist is the route table's business (routes.tsx).
 */
import { useEffect, useState } from "react";
import type { ViewId } from "./routes";

export interface Route {
  view: ViewId;
  /** Label or policy id, or version number. */
  id: string | null;
}

export function parseRoute(hash: string, pathname: string, views: readonly ViewId[]): Route {
  const parts = hash.replace(/^#\/?/, "").split("/").filter(Boolean).map(decodeURIComponent);
  const view = views.find((v) => v === parts[0]);
  if (view) return { view, id: parts[1] ?? null };
  const page = views.find((v) => pathname.replace(/\/$/, "").endsWith(`/${v}`));
  return { view: page ?? views[0], id: null };
}

export function href(view: ViewId, id?: string | number | null): string {
  return id === undefined || id === null ? `#/${view}` : `#/${view}/${encodeURIComponent(String(id))}`;
}

export function navigate(view: ViewId, id?: string | number | null): void {
  location.hash = href(view, id);
}

/** A list view with nothing selected opens its first item (when it has one). */
export function useOpenFirst(view: ViewId, selected: string | null, first: string | undefined): void {
  useEffect(() => {
    if (!selected && first !== undefined) navigate(view, first);
    // Only a change of selection asks again: the list changing under an open item does not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selected]);
}

export function useRoute(views: readonly ViewId[]): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash, location.pathname, views));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash, location.pathname, views));
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, [views]);
  return route;
}
