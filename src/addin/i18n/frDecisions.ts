import type { DecisionStrings, MessageParams } from "./types";

const outsideFr = (p: MessageParams): string =>
  `Ce message est étiqueté « ${p.label} » et s'adresse à des personnes extérieures à votre organisation${p.who ? ` : ${p.who}` : ""}.`;

export const frDecisions: DecisionStrings = {
  locale: "fr",
  chooseLabelButton: "Choisir l'étiquette",
  sendHelpMarkdown: "Ouvrez **Labelbridge** pour choisir une étiquette.",
  reasons: {
    "unknown-label": () => "Cette étiquette n'existe pas dans cette organisation.",
    "label-not-in-policy": (p) => `L'étiquette « ${p.label} » ne vous est pas proposée.`,
    "parent-not-appliable": (p) => `« ${p.label} » a des sous-étiquettes : choisissez-en une.`,
    "inactive-label": (p) => `« ${p.label} » n'est plus utilisée.`,
    "not-applicable-to-item": (p) => `« ${p.label} » ne peut pas être appliquée aux messages.`,
    "justification-required": () =>
      "Une justification est nécessaire pour abaisser ou supprimer cette étiquette.",
    "downgrade-prevented": (p) =>
      `Votre organisation n'autorise pas à abaisser ou supprimer l'étiquette « ${p.from ?? p.label} ».`,
    "removal-not-allowed-mandatory": () =>
      "Votre organisation exige une étiquette ici : vous pouvez la changer, mais pas la supprimer.",
    "mandatory-label-missing": () => "Sélectionnez une étiquette de confidentialité avant d'envoyer.",
    "recommended-label": (p) => p.text ?? `Il est recommandé d'étiqueter ce message « ${p.label} ».`,
    "attachment-label-higher": (p) =>
      `Une pièce jointe porte l'étiquette « ${p.label} », plus élevée que ce message. Il est recommandé d'étiqueter ce message « ${p.label} ».`,
    "recipient-rule-warn": (p) => p.text ?? outsideFr(p),
    "recipient-rule-justify": (p) => `${p.text ?? outsideFr(p)} Indiquez une raison pour l'envoyer.`,
    "recipient-rule-block": (p) => `${p.text ?? outsideFr(p)} Retirez-les ou changez l'étiquette.`,
    "no-policy-block": () =>
      "Sélectionnez une étiquette de confidentialité avant d'envoyer. (La stratégie d'étiquetage n'a pas pu être chargée.)",
  },
};
