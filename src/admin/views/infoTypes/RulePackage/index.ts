export { RulePackageCard } from "./RulePackageCard";
