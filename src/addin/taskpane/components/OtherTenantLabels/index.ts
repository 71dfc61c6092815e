export * from "./OtherTenantLabels";
