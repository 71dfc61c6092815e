export { FileOpener } from "./FileOpener";
