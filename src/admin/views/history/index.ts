export { HistoryView } from "./HistoryView";
