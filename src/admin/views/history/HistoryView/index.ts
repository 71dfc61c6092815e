export * from "./HistoryView";
