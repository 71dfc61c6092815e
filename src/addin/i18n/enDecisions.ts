import type { DecisionStrings } from "./types";

export const enDecisions: DecisionStrings = {
  locale: "en",
  chooseLabelButton: "Choose label",
  sendHelpMarkdown: "Open **Labelbridge** to choose a label.",
  // English uses the decision engine's own messages.
  reasons: {},
};
