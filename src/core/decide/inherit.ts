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
import { parseEpmsSubject } from "../marking/epms";
import { resolveMarkingText } from "../marking/template";
import type { MarkingContext } from "../marking/types";
import type { EffectivePolicy } from "../policy/effective";
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
 */
export function labelsShownByOriginal(policy: EffectivePolicy, original: QuotedOriginal): string[] {
  const index = catalogIndex(policy);
  const appliable = policy.labels.filter((l) => l.applicableTo.includes("email"));
  const body = squash(original.body);
  const groups = new Map<string, string[]>();
  for (const label of appliable) {
    const name = index.get(label.id)?.displayName ?? label.displayName;
    for (const mark of [label.marking?.header, label.marking?.footer]) {
      if (!mark || mark.enabled !== true) continue;
      const pattern = markingPattern(mark.text, name);
      if (!pattern || !pattern.test(body)) continue;
      const group = groups.get(pattern.source) ?? [];
      if (!group.includes(label.id)) group.push(label.id);
      groups.set(pattern.source, group);
    }
  }
  const shown = new Set<string>();
  const sensitivity = (id: string) => index.get(id)?.sensitivity ?? 0;
  for (const group of groups.values()) shown.add(group.sort((a, b) => sensitivity(a) - sensitivity(b))[0]);
  const pm = policy.settings.markingProfile === "au-epms" ? parseEpmsSubject(original.subject) : null;
  if (pm) {
    const marked = appliable
      .filter((l) => l.protectiveMarking?.sec === pm.sec)
      .sort((a, b) => sensitivity(a.id) - sensitivity(b.id))[0];
    if (marked) shown.add(marked.id);
  }
  return [...shown].sort((a, b) => sensitivity(b) - sensitivity(a));
}

/**
 * The label of a new reply or forward: the higher of the original's and the default. `none` when
 * the mail already carries a label, or neither the original nor the policy gives one.
 */
export function decideInheritedLabel(
  policy: EffectivePolicy,
  state: ItemState,
  originalLabelId: string | null,
  ctx: DecisionContext,
): DefaultLabelDecision {
  const index = catalogIndex(policy);
  if (state.current !== null)
    return {
      outcome: "none",
      reason: "already-labeled",
      message: "The item already has a label; the original's label does not replace it.",
    };
  const original = policy.labels.find(
    (l) => l.id === originalLabelId && l.applicableTo.includes(state.kind),
  )?.id;
  const fallback =
    state.kind === "email" ? policy.settings.defaultMailLabel : policy.settings.defaultDocumentLabel;
  const byDefault = policy.labels.find((l) => l.id === fallback && l.applicableTo.includes(state.kind))?.id;
  if (!original && !byDefault)
    return { outcome: "none", reason: "no-default-label", message: "The original mail shows no label." };
  if (original && (!byDefault || !index.isHigher(byDefault, original))) {
    const plan = planLabel(policy, state, original, "Standard", ctx, { actionSource: "inherited" });
    return {
      outcome: "apply",
      reason: "original-label-inherited",
      message: `Labeled "${index.fullName(original)}" like the mail it answers.`,
      plan,
    };
  }
  const plan = planLabel(policy, state, byDefault!, "Standard", ctx, { actionSource: "default" });
  return {
    outcome: "apply",
    reason: "default-label",
    message: `Labeled "${index.fullName(byDefault!)}" by default.`,
    plan,
  };
}
