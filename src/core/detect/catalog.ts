import type { SensitiveInfoType } from "./types";

/** Entity GUIDs of the Microsoft sensitive information types we detect (docs/reference/label-policy.md §9). */
export const SIT_IDS = {
  creditCard: "50842eb7-edc8-4019-85dd-5a5c1f2bb085",
  usSsn: "a44669fe-0d48-453d-a9b1-2cc83f2cba77",
  iban: "e7dc4711-11b7-4cb0-b88b-2c394a771f0e",
  abaRouting: "cb353f78-2b72-4c3c-8827-92ebe4f69fdf",
  usUkPassport: "178ec42a-18b4-47cc-85c7-d62c92fd67f8",
  euDebitCard: "0e9b3178-9678-47dd-a509-37222ca96b42",
} as const;

export const SENSITIVE_INFO_TYPES: readonly SensitiveInfoType[] = Object.freeze([
  { id: SIT_IDS.creditCard, name: "Credit Card Number" },
  { id: SIT_IDS.usSsn, name: "U.S. Social Security Number (SSN)" },
  { id: SIT_IDS.iban, name: "International Banking Account Number (IBAN)" },
  { id: SIT_IDS.abaRouting, name: "ABA Routing Number" },
  { id: SIT_IDS.usUkPassport, name: "U.S. / U.K. Passport Number" },
  { id: SIT_IDS.euDebitCard, name: "EU Debit Card Number" },
]);

/** Policies written by hand or exported from PowerShell may carry upper-case GUIDs. */
export function findSensitiveInfoType(id: string): SensitiveInfoType | undefined {
  const wanted = id.trim().toLowerCase();
  return SENSITIVE_INFO_TYPES.find((type) => type.id === wanted);
}
