export * from "./InlineMessage";
