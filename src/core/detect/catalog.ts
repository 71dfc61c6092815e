import type { SensitiveInfoType } from "./types";

/**
 * Entity GUIDs of the Microsoft sensitive information types we detect (docs/reference/label-policy.md §9; the
 * national ones as Microsoft's published entity definitions give them), so a condition written
 * for Purview means the same here.
 */
export const SIT_IDS = {
  creditCard: "50842eb7-edc8-4019-85dd-5a5c1f2bb085",
  usSsn: "a44669fe-0d48-453d-a9b1-2cc83f2cba77",
  iban: "e7dc4711-11b7-4cb0-b88b-2c394a771f0e",
  abaRouting: "cb353f78-2b72-4c3c-8827-92ebe4f69fdf",
  usUkPassport: "178ec42a-18b4-47cc-85c7-d62c92fd67f8",
  euDebitCard: "0e9b3178-9678-47dd-a509-37222ca96b42",
  auTaxFileNumber: "e29bc95f-ff70-4a37-aa01-04d17360a4c5",
  auMedicare: "104a99a0-3d3b-4542-a40d-ab0b9e1efe63",
  auBusinessNumber: "76e83b3b-01ee-4530-aced-e667a6609f49",
  nzInlandRevenue: "dd0fe2bc-7bcf-455f-bac1-83b1e3eb25fd",
  nzHealthNumber: "2b71c1c8-d14e-4430-82dc-fd1ed6bf05c7",
  ukNino: "16c07343-c26f-49d2-a987-3daf717e94cc",
  ukNhsNumber: "3192014e-2a16-44e9-aa69-4b20375c9a78",
  caSin: "a2f29c85-ecb8-4514-a610-364790c0773e",
  deIdCard: "e577372f-c42e-47a0-9d85-bebed1c237d4",
  frInsee: "71f62b97-efe0-4aa1-aa49-e14de253619d",
  itFiscalCode: "4cd79172-8da9-4ff5-9188-98b1e7e2eca6",
  esDni: "8e6251b9-47b4-40e8-a42b-0f80876be192",
  plPesel: "e3aaf206-4297-412f-9e06-ba8487e22456",
  nlBsn: "c5f54253-ef7e-44f6-a578-440ed67e946d",
} as const;

export const SENSITIVE_INFO_TYPES: readonly SensitiveInfoType[] = Object.freeze([
  { id: SIT_IDS.creditCard, name: "Credit Card Number" },
  { id: SIT_IDS.usSsn, name: "U.S. Social Security Number (SSN)" },
  { id: SIT_IDS.iban, name: "International Banking Account Number (IBAN)" },
  { id: SIT_IDS.abaRouting, name: "ABA Routing Number" },
  { id: SIT_IDS.usUkPassport, name: "U.S. / U.K. Passport Number" },
  { id: SIT_IDS.euDebitCard, name: "EU Debit Card Number" },
  { id: SIT_IDS.auTaxFileNumber, name: "Australia Tax File Number" },
  { id: SIT_IDS.auMedicare, name: "Australia Medical Account Number" },
  { id: SIT_IDS.auBusinessNumber, name: "Australia Business Number" },
  { id: SIT_IDS.nzInlandRevenue, name: "New Zealand Inland Revenue number" },
  { id: SIT_IDS.nzHealthNumber, name: "New Zealand Ministry of Health Number" },
  { id: SIT_IDS.ukNino, name: "U.K. National Insurance Number (NINO)" },
  { id: SIT_IDS.ukNhsNumber, name: "U.K. National Health Service Number" },
  { id: SIT_IDS.caSin, name: "Canada Social Insurance Number" },
  { id: SIT_IDS.deIdCard, name: "Germany Identity Card Number" },
  { id: SIT_IDS.frInsee, name: "France Social Security Number (INSEE)" },
  { id: SIT_IDS.itFiscalCode, name: "Italy Fiscal Code" },
  { id: SIT_IDS.esDni, name: "Spain DNI" },
  { id: SIT_IDS.plPesel, name: "Poland National ID (PESEL)" },
  { id: SIT_IDS.nlBsn, name: "Netherlands Citizen's Service (BSN) Number" },
]);

/** Policies written by hand or exported from PowerShell may carry upper-case GUIDs. */
export function findSensitiveInfoType(id: string): SensitiveInfoType | undefined {
  const wanted = id.trim().toLowerCase();
  return SENSITIVE_INFO_TYPES.find((type) => type.id === wanted);
}
