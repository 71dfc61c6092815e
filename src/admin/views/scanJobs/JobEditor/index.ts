export { JobEditor } from "./JobEditor";
