/**
 * A reply or forward inherits the label of the mail it answers: the new mail carries the higher of
 * that label and the policy's default (method Standard, audited as `inherited`), as Outlook's own
 * labeling does.
 *
 * Office tells a compose add-in nothing about the original's label, so it is read from what the
 * original left in the reply (docs/replies.md): the subject's protective marking (`[SEC=…]`, which
 * Outlook keeps in "RE:"/"FW:" subjects) and the marking text of the original's body, quoted below
 * the new text. Each label's marking template becomes a pattern — its own name filled in, every
 * other variable (user, date, item) matching any text — so a footer "Classified as Highly
 * Confidential — ${User.Name}" is recognised whoever sent it.
 */
import { resolveMarkingText } from "../marking/template";
import type { MarkingContext } from "../marking/types";
import type { EffectivePolicy } from "../policy/effective";
import { decideDefaultLabel } from "./defaultLabel";
import { catalogIndex, planLabel } from "./plan";
import type { DecisionContext, DefaultLabelDecision, ItemState } from "./types";

/** What the new mail shows of the original, as the Outlook adapter read it on open. */
export interface QuotedOriginal {
  subject: string;
  /** Plain text of the body when the reply or forward was created: the quoted original. */
  body: string;
}

/** Stands in for every variable but the label's name while a template becomes a pattern. */
const ANY = "\u0000";
/** A pattern must hold this many characters of its own, or it would match almost any text. */
const MIN_LITERAL_CHARS = 6;
const MAX_VARIABLE_TEXT = 200;

/**
 * The security classification of a `[SEC=…]` subject marking. Only the classification is needed to
 * find the label, so the full EPMS parser (core/marking/epms.ts) stays out of the event bundle.
 */
function subjectClassification(subject: string): string | null {
  const m = /\[SEC=([^,\]]+)/i.exec(subject);
  return m ? m[1].trim().toLowerCase() : null;
}

function squash(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A marking template as a pattern over whitespace-squashed text; null when too vague to trust. */
export function markingPattern(template: string, labelName: string): RegExp | null {
  const ctx: MarkingContext = {
    app: "Outlook",
    labelDisplayName: labelName,
    itemName: ANY,
    itemLocation: ANY,
    userName: ANY,
    userPrincipalName: ANY,
    eventDateTime: ANY,
  };
  const text = squash(resolveMarkingText(template, ctx));
  const literal = text.split(ANY).join("");
  // Words, not punctuation or digits (no Unicode property escapes: this runs in ES2016 bundles).
  if (literal.replace(/[\s\d!-/:-@[-`{-~]/g, "").length < MIN_LITERAL_CHARS) return null;
  const source = text
    .split(ANY)
    .map((part) => escapeRegExp(part).replace(/ /g, "\\s+"))
    .join(`[\\s\\S]{0,${MAX_VARIABLE_TEXT}}?`);
  return new RegExp(source);
}

/**
 * The labels the quoted original shows, most sensitive first. Where several labels share the same
 * marking (a parent and its sublabels), the text proves only the least sensitive of them.
 * (Written without `?.`/`??`: the ES2016 event bundle would carry each one spelled out.)
 */
export function labelsShownByOriginal(policy: EffectivePolicy, original: QuotedOriginal): string[] {
  const index = catalogIndex(policy);
  const rank = (id: string) => (index.get(id) || { sensitivity: 0 }).sensitivity;
  const appliable = policy.labels.filter((l) => l.applicableTo.includes("email"));
  const body = squash(original.body);
  // Marking text → the least sensitive label that writes it.
  const byText = new Map<string, string>();
  for (const label of appliable) {
    const name = (index.get(label.id) || label).displayName;
    const marks = label.marking ? [label.marking.header, label.marking.footer] : [];
    for (const mark of marks) {
      const pattern = mark && mark.enabled === true ? markingPattern(mark.text, name) : null;
      if (!pattern || !pattern.test(body)) continue;
      const seen = byText.get(pattern.source);
      if (seen === undefined || rank(label.id) < rank(seen)) byText.set(pattern.source, label.id);
    }
  }
  const shown = new Set(byText.values());
  const sec = policy.settings.markingProfile === "au-epms" ? subjectClassification(original.subject) : null;
  const marked = appliable
    .filter((l) => sec !== null && l.protectiveMarking && l.protectiveMarking.sec.toLowerCase() === sec)
    .sort((a, b) => rank(a.id) - rank(b.id))[0];
  if (marked) shown.add(marked.id);
  return [...shown].sort((a, b) => rank(b) - rank(a));
}

/**
 * The label of a new reply or forward: the higher of the original's and the default (the default
 * when they are equal is the same label). `none` when the mail already carries a label, or neither
 * the original nor the policy gives one.
 */
export function decideInheritedLabel(
  policy: EffectivePolicy,
  state: ItemState,
  originalLabelId: string | null,
  ctx: DecisionContext,
): DefaultLabelDecision {
  const byDefault = decideDefaultLabel(policy, state, ctx);
  const original = policy.labels.find((l) => l.id === originalLabelId && l.applicableTo.includes(state.kind));
  if (state.current !== null || !original) return byDefault;
  const index = catalogIndex(policy);
  if (byDefault.outcome === "apply" && !index.isHigher(original.id, byDefault.plan.labelId)) return byDefault;
  return {
    outcome: "apply",
    reason: "original-label-inherited",
    message: `Labeled "${index.fullName(original.id)}" like the mail it answers.`,
    plan: planLabel(policy, state, original.id, "Standard", ctx, { actionSource: "inherited" }),
  };
}
