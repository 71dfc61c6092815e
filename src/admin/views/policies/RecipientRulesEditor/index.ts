export * from "./RecipientRulesEditor";
