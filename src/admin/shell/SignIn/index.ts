export * from "./SignIn";
