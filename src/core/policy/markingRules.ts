/** Bridges label validation to the marking rules owned by src/core/marking. */
import { validateContentMarking, validateMarkingTemplate, validateProtectiveMarking } from "../marking";
import type { Label } from "./model";
import type { PolicyIssue } from "./validate";

export function validateLabelMarking(label: Label, at: string): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  const m = label.marking;
  for (const part of ["header", "footer", "watermark"] as const) {
    const mark = m[part];
    if (mark) issues.push(...validateMarkingTemplate(mark.text, `${at}.marking.${part}.text`));
  }
  issues.push(...validateContentMarking(m, `${at}.marking`));
  if (label.protectiveMarking) {
    for (const issue of validateProtectiveMarking(label.protectiveMarking)) {
      issues.push({
        ...issue,
        path: issue.path ? `${at}.protectiveMarking.${issue.path}` : `${at}.protectiveMarking`,
      });
    }
  }
  return issues;
}
