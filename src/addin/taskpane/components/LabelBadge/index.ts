export * from "./LabelBadge";
