/**
 * What an adapter did short of what the label asks (ApplyResult.warnings, DocumentOpenOutcome
 * warnings), in English and French. Only the pane's warning bars use these, and they load with
 * them (components/HostWarnings), so the pane's first chunk does not carry them.
 */
import type { HostWarning } from "../hosts/types";
import type { WarningStrings } from "./types";

export const enWarnings: WarningStrings = {
  "excel-marking-shortened": (w) =>
    `Excel allows 255 characters for a sheet's header and footer together. With the text already there, the label's marking did not fit in full on: ${w.sheets.join(", ")}.`,
  "watermark-not-supported": (w) =>
    w.app === "Excel"
      ? "Excel has no watermarks: the label's watermark was not written."
      : "Word cannot insert a watermark here: the label's watermark was not written.",
  "label-info-not-written": () =>
    "Your organisation keeps labels in LabelInfo (co-authoring of labeled files), which an add-in cannot write. The label was written as document properties: Office reads them only while LabelInfo holds no label of your organisation for this document.",
  "office-marks-kept": () =>
    "This version of Word cannot reach the shapes Office puts its own label markings in: the previous label's header, footer or watermark may still be there. Remove them by hand, or change the label in Word for Windows.",
  "document-kept-changing": () =>
    "The document kept changing while the label was applied; check its markings.",
  "word-mark-count": (w) =>
    `Word reports ${w.found} marking controls where ${w.expected} were written; headers linked to a previous section may show a mark twice.`,
  "open-with-document-not-saved": (w) =>
    `This pane could not be set to open with the document (${w.detail}); open it from the ribbon until the document is labeled.`,
  "mail-headers-not-supported": () =>
    "This version of Outlook cannot write mail headers, so the label's msip_labels header was not written: mail systems that read it will not see the label.",
  "not-in-outlook-catalog": () =>
    "Outlook's own sensitivity labels do not include this label, so it is recorded in Labelbridge's mail header only.",
  "mail-marking-not-on-mobile": () =>
    "Outlook on a phone or tablet cannot change a mail's subject or text, so the label's markings were not written here.",
};

export const frWarnings: WarningStrings = {
  "excel-marking-shortened": (w) =>
    `Excel limite l'en-tête et le pied de page d'une feuille à 255 caractères au total. Avec le texte déjà présent, le marquage de l'étiquette n'a pas pu être écrit en entier sur : ${w.sheets.join(", ")}.`,
  "watermark-not-supported": (w) =>
    w.app === "Excel"
      ? "Excel n'a pas de filigrane : le filigrane de l'étiquette n'a pas été écrit."
      : "Word ne peut pas insérer de filigrane ici : le filigrane de l'étiquette n'a pas été écrit.",
  "label-info-not-written": () =>
    "Votre organisation conserve les étiquettes dans LabelInfo (co-édition de fichiers étiquetés), qu'un complément ne peut pas écrire. L'étiquette a été écrite dans les propriétés du document : Office ne les lit que tant que LabelInfo ne contient aucune étiquette de votre organisation pour ce document.",
  "office-marks-kept": () =>
    "Cette version de Word ne donne pas accès aux formes dans lesquelles Office place ses propres marquages d'étiquette : l'en-tête, le pied de page ou le filigrane de l'étiquette précédente peuvent subsister. Supprimez-les à la main ou changez l'étiquette dans Word pour Windows.",
  "document-kept-changing": () =>
    "Le document a continué de changer pendant que l'étiquette était appliquée ; vérifiez ses marquages.",
  "word-mark-count": (w) =>
    `Word signale ${w.found} contrôles de marquage là où ${w.expected} ont été écrits ; des en-têtes liés à la section précédente peuvent afficher un marquage en double.`,
  "open-with-document-not-saved": (w) =>
    `Ce volet n'a pas pu être configuré pour s'ouvrir avec le document (${w.detail}) ; ouvrez-le depuis le ruban tant que le document n'est pas étiqueté.`,
  "mail-headers-not-supported": () =>
    "Cette version d'Outlook ne peut pas écrire d'en-têtes de message : l'en-tête msip_labels de l'étiquette n'a pas été écrit, et les systèmes de messagerie qui le lisent ne verront pas l'étiquette.",
  "not-in-outlook-catalog": () =>
    "Les étiquettes de confidentialité d'Outlook ne comprennent pas cette étiquette : elle n'est enregistrée que dans l'en-tête de message de Labelbridge.",
  "mail-marking-not-on-mobile": () =>
    "Outlook sur téléphone ou tablette ne peut pas modifier l'objet ni le texte d'un message : les marquages de l'étiquette n'ont pas été écrits ici.",
};

/** A warning in the language of `locale` (Strings.locale); English for any other. */
export function warningText(locale: string, warning: HostWarning): string {
  const say = (locale === "fr" ? frWarnings : enWarnings)[warning.code] as (w: HostWarning) => string;
  return say(warning);
}
