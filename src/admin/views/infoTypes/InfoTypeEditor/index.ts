export { InfoTypeEditor } from "./InfoTypeEditor";
