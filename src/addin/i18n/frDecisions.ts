import type { DecisionStrings, MessageParams } from "./types";

const outsideFr = (p: MessageParams): string =>
  `Ce message est étiqueté « ${p.label} » et s'adresse à des personnes extérieures à votre organisation${p.who ? ` : ${p.who}` : ""}.`;

export const frDecisions: DecisionStrings = {
  locale: "fr",
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
    "original-label-inherited": (p) => `Étiquette « ${p.label} » reprise du message auquel il répond.`,
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
