import { frDecisions } from "./frDecisions";
import type { Strings } from "./types";

export const fr: Strings = {
  ...frDecisions,
  reasons: {
    ...frDecisions.reasons,
    // Outcomes no event handler shows (a label applied or kept, nothing to say at send): kept out of
    // frDecisions, which the Outlook event bundle carries.
    "labeling-not-available": () => "L'étiquetage n'est pas encore disponible pour votre compte.",
    "justification-text-required": () =>
      "Expliquez pourquoi dans la zone de texte lorsque vous choisissez « Autre ».",
    "justification-invalid": () => "Cette raison n'est pas proposée par la stratégie.",
    "manual-label-kept": (p) => `L'étiquette « ${p.label} » a été choisie par une personne et est conservée.`,
    unchanged: () => "Le message porte déjà cette étiquette.",
    "default-label": (p) => `Étiquette « ${p.label} » appliquée par défaut.`,
    "original-label-inherited": (p) => `Étiquette « ${p.label} » reprise du message auquel il répond.`,
    "no-default-label": () => "La stratégie n'a pas d'étiquette par défaut ici.",
    "already-labeled": () => "Le message porte déjà une étiquette.",
    "automatic-label": (p) => `Étiquette « ${p.label} » appliquée automatiquement.`,
    "no-policy-allow": () => "Envoyé sans stratégie d'étiquetage (elle n'a pas pu être chargée).",
    ok: () => "Prêt à envoyer.",
    // Word and Excel only.
    "office-keeps-label": () =>
      "Office conserve l'étiquette de ce document dans son propre enregistrement (LabelInfo), que seul Office peut modifier. Utilisez le bouton Confidentialité d'Office pour la changer.",
    "office-label-unknown": () =>
      "Labelbridge ne peut pas lire l'endroit où Office conserve l'étiquette de ce document ; il n'applique donc aucune étiquette de lui-même : Office l'a peut-être étiqueté.",
  },
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
  mappedFrom: (source, original) => `Correspondance de ${source} « ${original} »`,
  partnerLabelSource: "l'étiquette d'une organisation partenaire",
  officeKeepsLabel:
    "Office conserve l'étiquette de ce document dans son propre enregistrement (LabelInfo), que seul Office peut modifier : utilisez le bouton Confidentialité d'Office pour la changer.",
  officeLabelUnread: (why) =>
    `Labelbridge ne peut pas lire l'endroit où Office conserve les étiquettes de ce document (${why}) ; il n'applique donc aucune étiquette de lui-même : Office l'a peut-être étiqueté. Une étiquette choisie ici est écrite dans les propriétés du document, qu'Office ignore s'il conserve sa propre étiquette.`,
  unreadReasons: {
    "not-supported": "cette version d'Office ne donne pas le fichier du document aux compléments",
    "too-large": "le document est trop volumineux pour être lu",
    "timed-out": "la lecture du document a pris trop de temps",
    failed: "la lecture du document a échoué",
  },
  offlineNotice: (when) =>
    `Le service d'étiquetage est injoignable. Stratégie enregistrée le ${when} utilisée.`,
  signedOutNotice: (when) =>
    `Vous n'êtes pas connecté à Labelbridge : stratégie enregistrée le ${when} utilisée. Connectez-vous à Office, ou collez un jeton de développement dans les Paramètres ci-dessous.`,
  noPolicy: "La stratégie d'étiquetage n'a pas pu être chargée.",
  notSignedIn:
    "Vous n'êtes pas connecté à Labelbridge : les étiquettes de votre organisation n'ont pas pu être chargées. Connectez-vous à Office, ou collez un jeton de développement dans les Paramètres ci-dessous.",
  signInRefused:
    "Le service d'étiquetage n'a pas accepté votre connexion. Reconnectez-vous à Office, ou collez un nouveau jeton de développement dans les Paramètres ci-dessous.",
  serviceUnreachable:
    "Le service d'étiquetage est injoignable et aucune stratégie enregistrée n'est disponible. Vérifiez la connexion, puis réessayez.",
  requirementMissing: (app, set) =>
    `Labelbridge a besoin de ${set}, que cette version de ${app} ne propose pas, pour lire et écrire les étiquettes. Mettez Office à jour, ou ouvrez le fichier dans ${app} sur le web.`,
  retry: "Réessayer",
  applyFailed: (detail) =>
    `L'étiquette n'a pas pu être appliquée (${detail}). Le message est resté inchangé.`,
  applyFailedNotUndone: (detail, calls) =>
    `L'étiquette n'a pas pu être appliquée (${detail}), et ce qui était déjà écrit n'a pas pu être entièrement annulé (${calls}) : vérifiez l'objet, le corps et l'étiquette du message avant de l'envoyer.`,
  applyFailedDocument: (detail) =>
    `L'étiquette n'a pas pu être appliquée (${detail}). Office effectue la modification en un seul lot — les marquages, puis les propriétés de l'étiquette — et s'arrête à l'étape en échec sans annuler les étapes précédentes : certains marquages ont donc pu changer. Choisissez à nouveau l'étiquette pour terminer.`,
  readFailed: (detail) => `L'étiquette n'a pas pu être lue (${detail}) ; rien n'a été modifié.`,
  labelApplied: (label) => `L'étiquette « ${label} » a été appliquée.`,
  labelRemoved: "L'étiquette a été supprimée.",
  outsideOffice: "Ouvrez Labelbridge depuis Outlook, Word, Excel ou PowerPoint.",
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
  protectionRefused: ({ label, app }) =>
    `« ${label} » est chiffrée par Microsoft Purview, ce que seule l'étiquette de confidentialité d'Outlook sait appliquer ; ${app} ne le peut pas ici, donc l'étiquette n'a pas été appliquée (elle aurait annoncé une protection sans chiffrer).`,
  protectionNotice: {
    purview: (label) =>
      `« ${label} » est l'étiquette de confidentialité d'Outlook sur ce message : Microsoft Purview le chiffre.`,
    "labelbridge-file": (label) =>
      `« ${label} » protège les fichiers, mais pas ici : l'étiquette est enregistrée dans le fichier, et le fichier est chiffré quand le scanner Labelbridge (scan --mode enforce) ou « labelbridge label » passe sur le fichier enregistré avec le serveur Labelbridge. D'ici là, il n'est pas chiffré.`,
    "labelbridge-mail": (label) =>
      `« ${label} » protège les fichiers, pas les messages : Labelbridge ne chiffre pas ce message.`,
  },
  recipientJustified: "Raison enregistrée. Vous pouvez envoyer le message.",
};
