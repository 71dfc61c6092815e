/**
 * Importing this module lets detectSensitiveInfo run custom information types (detect.ts keeps the
 * engine out of bundles that do not import it: the Outlook event bundle).
 */
import { enableCustomInfoTypes } from "../detect";
import { compileInfoType } from "./compile";

enableCustomInfoTypes(compileInfoType);
