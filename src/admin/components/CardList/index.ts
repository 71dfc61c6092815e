export * from "./CardList";
