export * from "./TenantSettings";
