export { ProtectionView } from "./ProtectionView";
