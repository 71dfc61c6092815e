/** Report figures shaped for charts: every day of the period present, by day or by ISO week. */
export interface DayCount {
  day: string;
  type: string;
  count: number;
}

const DAY_MS = 86_400_000;

export function daysOf(from: string, to: string): string[] {
  const out: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end; t += DAY_MS)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** Monday of the ISO week of a YYYY-MM-DD day. */
export function weekOf(day: string): string {
  const t = Date.parse(`${day}T00:00:00Z`);
  const weekday = (new Date(t).getUTCDay() + 6) % 7;
  return new Date(t - weekday * DAY_MS).toISOString().slice(0, 10);
}

export interface Series {
  /** Day (or week start) labels. */
  labels: string[];
  /** One list of counts per type, aligned with `labels`. */
  values: Record<string, number[]>;
}

export function seriesByDay(
  rows: readonly DayCount[],
  types: readonly string[],
  from: string,
  to: string,
): Series {
  const labels = daysOf(from, to);
  const at = new Map(labels.map((d, i) => [d, i]));
  const values: Record<string, number[]> = {};
  for (const type of types) values[type] = labels.map(() => 0);
  for (const r of rows) {
    const i = at.get(r.day);
    if (i !== undefined && values[r.type]) values[r.type][i] += r.count;
  }
  return { labels, values };
}

/** Sums a daily series into ISO weeks (Monday first); a partial first or last week is labelled by its Monday. */
export function toWeeks(series: Series): Series {
  const labels: string[] = [];
  const index = new Map<string, number>();
  for (const d of series.labels) {
    const w = weekOf(d);
    if (!index.has(w)) {
      index.set(w, labels.length);
      labels.push(w);
    }
  }
  const values: Record<string, number[]> = {};
  for (const [type, counts] of Object.entries(series.values)) {
    const sums = labels.map(() => 0);
    counts.forEach((n, i) => (sums[index.get(weekOf(series.labels[i]))!] += n));
    values[type] = sums;
  }
  return { labels, values };
}
