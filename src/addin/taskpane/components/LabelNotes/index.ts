export { LabelNotes } from "./LabelNotes";
