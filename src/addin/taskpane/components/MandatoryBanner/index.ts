export * from "./MandatoryBanner";
