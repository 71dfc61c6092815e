import type { MessageParams, Strings } from "./types";

const outsideFr = (p: MessageParams): string =>
  `Ce message est étiqueté « ${p.label} » et s'adresse à des personnes extérieures à votre organisation${p.who ? ` : ${p.who}` : ""}.`;

export const fr: Strings = {
  locale: "fr",
  title: "Confidentialité",
  loading: "Chargement des étiquettes…",
  currentLabel: "Étiquette actuelle",
  noLabel: "Aucune étiquette",
  labelsHeading: "Étiquettes",
  applyLabelAria: (label) => `Appliquer l'étiquette ${label}`,
  applied: "Appliquée",
  chooseSublabel: "Choisissez l'une de ses sous-étiquettes",
  learnMore: "En savoir plus",
  reportIssue: "Signaler un problème",
  mandatoryBanner:
    "Votre organisation exige une étiquette de confidentialité sur ce message. Choisissez-en une avant l'envoi.",
  mandatoryBannerDocument:
    "Votre organisation exige une étiquette de confidentialité sur ce document. Office ne signale pas l'enregistrement à l'avance : rien n'empêche donc d'enregistrer ce document sans étiquette. Choisissez-la ici. Ce volet s'ouvre avec le document tant qu'il n'est pas étiqueté, et le scanner impose les étiquettes aux fichiers enregistrés.",
  recommendationTitle: "Étiquette recommandée",
  acceptRecommendation: (label) => `Appliquer ${label}`,
  dismiss: "Ignorer",
  justificationTitle: "Justifier ce changement",
  justificationIntro: (from, to) =>
    `Votre organisation demande pourquoi vous abaissez ou supprimez l'étiquette « ${from} »${to ? ` (vers « ${to} »)` : ""}.`,
  justificationOtherLabel: "Expliquez pourquoi",
  justificationOtherRequired: "Expliquez pourquoi dans la zone de texte lorsque vous choisissez « Autre ».",
  justificationPickReason: "Choisissez une raison.",
  cancel: "Annuler",
  confirmChange: "Changer l'étiquette",
  readModeHeading: "Étiquette de ce message",
  readModeNone: "Ce message ne porte aucune étiquette de votre organisation.",
  otherMarkings: "Autres marquages",
  otherTenantLabel: "Étiquette d'une autre organisation",
  otherTenantKept: "Conservée telle quelle : seule l'étiquette de votre organisation est modifiée ici.",
  offlineNotice: (when) =>
    `Le service d'étiquetage est injoignable. Stratégie enregistrée le ${when} utilisée.`,
  noPolicy: "La stratégie d'étiquetage n'a pas pu être chargée.",
  retry: "Réessayer",
  applyFailed: (detail) =>
    `L'étiquette n'a pas pu être appliquée (${detail}). Le message est resté inchangé.`,
  outsideOffice: "Ouvrez Labelbridge depuis Outlook, Word ou Excel.",
  settings: "Paramètres",
  devTokenLabel: "Jeton de développement",
  devTokenHint: "Collez le jeton affiché par `labelbridge token`.",
  save: "Enregistrer",
  clear: "Effacer",
  tokenSaved: "Jeton enregistré.",
  tokenInvalid: "Ceci ne ressemble pas à un jeton.",
  auditPending: (n) => `${n} enregistrement${n === 1 ? "" : "s"} d'audit en attente d'envoi`,
  nativeAlsoSet: "L'étiquette de confidentialité d'Outlook a aussi été définie.",
  readOnlyCapability: "Ce message est ouvert en lecture : son étiquette ne peut pas être modifiée ici.",
  removeLabel: "Supprimer l'étiquette",
  labelChangedOutside: (label) =>
    `L'étiquette « ${label} » a été choisie avec le bouton Confidentialité d'Outlook.`,
  recipientJustificationIntro:
    "Ce message s'adresse à des personnes extérieures à votre organisation et son étiquette demande une raison. Pourquoi l'envoyez-vous ?",
  recipientJustified: "Raison enregistrée. Vous pouvez envoyer le message.",
  chooseLabelButton: "Choisir l'étiquette",
  sendHelpMarkdown: "Ouvrez **Labelbridge** pour choisir une étiquette.",
  reasons: {
    "labeling-not-available": () => "L'étiquetage n'est pas encore disponible pour votre compte.",
    "unknown-label": () => "Cette étiquette n'existe pas dans cette organisation.",
    "label-not-in-policy": (p) => `L'étiquette « ${p.label} » ne vous est pas proposée.`,
    "parent-not-appliable": (p) => `« ${p.label} » a des sous-étiquettes : choisissez-en une.`,
    "inactive-label": (p) => `« ${p.label} » n'est plus utilisée.`,
    "not-applicable-to-item": (p) => `« ${p.label} » ne peut pas être appliquée aux messages.`,
    unchanged: () => "Le message porte déjà cette étiquette.",
    allowed: (p) => `L'étiquette « ${p.label} » sera appliquée.`,
    upgrade: (p) => `L'étiquette « ${p.label} » sera appliquée.`,
    justified: (p) => `L'étiquette « ${p.label} » sera appliquée.`,
    "justification-required": () =>
      "Une justification est nécessaire pour abaisser ou supprimer cette étiquette.",
    "justification-text-required": () =>
      "Expliquez pourquoi dans la zone de texte lorsque vous choisissez « Autre ».",
    "justification-invalid": () => "Cette raison n'est pas proposée par la stratégie.",
    "downgrade-prevented": (p) =>
      `Votre organisation n'autorise pas à abaisser ou supprimer l'étiquette « ${p.from ?? p.label} ».`,
    "removal-not-allowed-mandatory": () =>
      "Votre organisation exige une étiquette ici : vous pouvez la changer, mais pas la supprimer.",
    "manual-label-kept": (p) => `L'étiquette « ${p.label} » a été choisie par une personne et est conservée.`,
    "default-label": (p) => `Étiquette « ${p.label} » appliquée par défaut.`,
    "no-default-label": () => "La stratégie n'a pas d'étiquette par défaut ici.",
    "already-labeled": () => "Le message porte déjà une étiquette.",
    "mandatory-label-missing": () => "Sélectionnez une étiquette de confidentialité avant d'envoyer.",
    "recommended-label": (p) => p.text ?? `Il est recommandé d'étiqueter ce message « ${p.label} ».`,
    "automatic-label": (p) => `Étiquette « ${p.label} » appliquée automatiquement.`,
    "attachment-label-higher": (p) =>
      `Une pièce jointe porte l'étiquette « ${p.label} », plus élevée que ce message. Il est recommandé d'étiqueter ce message « ${p.label} ».`,
    "recipient-rule-warn": (p) => p.text ?? outsideFr(p),
    "recipient-rule-justify": (p) => `${p.text ?? outsideFr(p)} Indiquez une raison pour l'envoyer.`,
    "recipient-rule-block": (p) => `${p.text ?? outsideFr(p)} Retirez-les ou changez l'étiquette.`,
    "no-policy-allow": () => "Envoyé sans stratégie d'étiquetage (elle n'a pas pu être chargée).",
    "no-policy-block": () =>
      "Sélectionnez une étiquette de confidentialité avant d'envoyer. (La stratégie d'étiquetage n'a pas pu être chargée.)",
    ok: () => "Prêt à envoyer.",
  },
};
