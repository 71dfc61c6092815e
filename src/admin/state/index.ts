export * from "./editorContext";
export { EditorProvider } from "./EditorProvider";
export { useLabelDraft, usePolicyDraft } from "./useEntityDraft";
