export * from "./BoundField";
export * from "./ChoiceField";
export * from "./FieldProblem";
export * from "./LinesField";
export * from "./TextFields";
export * from "./ToggleFields";
