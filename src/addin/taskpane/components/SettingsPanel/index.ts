export * from "./SettingsPanel";
