/** Chart.js (an ES module) loads with the first chart, registered with only what the reports draw. */
import type { Chart } from "chart.js" with { "resolution-mode": "import" };

let chartJs: Promise<typeof Chart> | null = null;

export function loadChart(): Promise<typeof Chart> {
  chartJs ??= import(/* webpackChunkName: "chartjs" */ "chart.js").then((m) => {
    m.Chart.register(
      m.ArcElement,
      m.BarController,
      m.BarElement,
      m.CategoryScale,
      m.DoughnutController,
      m.Legend,
      m.LinearScale,
      m.LineController,
      m.LineElement,
      m.PointElement,
      m.Tooltip,
    );
    return m.Chart;
  });
  return chartJs;
}
