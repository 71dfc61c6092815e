/**
 * What the marking preview draws: the label's markings resolved for one Office app and one sample
 * user by the same core code the add-in runs, and the problems of each template.
 */
import type { CSSProperties } from "react";
import type { Label } from "../../../../core/policy";
import {
  resolveContentMarking,
  validateMarkingTemplate,
  type OfficeApp,
  type ResolvedMarking,
} from "../../../../core/marking";

export const APPS: OfficeApp[] = ["Word", "Excel", "PowerPoint", "Outlook"];

export interface SampleItem {
  name: string;
  upn: string;
  item: string;
}

export const SAMPLE: SampleItem = { name: "Dana Whitfield", upn: "dana@contoso.com", item: "Q3 forecast" };

const EXTENSION: Record<OfficeApp, string> = {
  Word: ".docx",
  Excel: ".xlsx",
  PowerPoint: ".pptx",
  Outlook: "",
};

/** `labelName` fills ${Item.Label}: the label's own display name, as the decision engine fills it in. */
export function resolveFor(
  label: Label,
  labelName: string,
  app: OfficeApp,
  sample: SampleItem,
): ResolvedMarking {
  const ext = EXTENSION[app];
  return resolveContentMarking(label.marking, {
    app,
    labelDisplayName: labelName,
    itemName: `${sample.item}${ext}`,
    itemLocation:
      app === "Outlook"
        ? sample.item
        : `https://contoso.sharepoint.com/Shared Documents/${sample.item}${ext}`,
    userName: sample.name,
    userPrincipalName: sample.upn,
    eventDateTime: new Date().toLocaleString(),
  });
}

export function templateProblems(label: Label): string[] {
  return (["header", "footer", "watermark"] as const).flatMap((part) => {
    const mark = label.marking[part];
    return mark ? validateMarkingTemplate(mark.text, part).map((i) => i.message) : [];
  });
}

/**
 * The marking's font and colour are the label's data, so they cannot be in a stylesheet: React sets
 * them through CSSOM, which the console's CSP allows. Sizes are capped to fit the preview page.
 */
export function fontStyle(
  mark: { fontColor: string; fontName: string; fontSize: number },
  max: number,
): CSSProperties {
  return {
    color: mark.fontColor,
    fontFamily: `${mark.fontName}, sans-serif`,
    fontSize: `${Math.min(mark.fontSize, max)}pt`,
  };
}
