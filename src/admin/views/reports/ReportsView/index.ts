export * from "./ReportsView";
