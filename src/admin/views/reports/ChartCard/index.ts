export * from "./ChartCard";
