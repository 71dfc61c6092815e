export * from "./RecommendationTip";
