/**
 * Content-marking templates: `${Item.Label}`-style variables and `${If.App.<type>}…${If.End}` blocks,
 * as Purview defines them for header, footer and watermark text.
 *
 * Semantics we commit to (Purview documents the syntax, not every corner):
 * - Names are case-sensitive. A `${…}` we do not know is left in the text as is, because that is what
 *   Office prints for a variable it does not support; validation reports it.
 * - Substituted values are never scanned again, so a file called `${User.Name}.docx` stays literal.
 * - Text outside blocks applies to every app. An unterminated block runs to the end of the text.
 *   A stray `${If.End}` is dropped. Blocks nest (text shows only when every enclosing block matches),
 *   although validation reports nesting because Office does not document it.
 * - A block whose type is neither an app name nor W/X/P/O letters shows its text in no app.
 * - One pass over the template: resolution and validation are linear in its length.
 */
import type { MarkingContext, MarkingIssue, OfficeApp } from "./types";

export const MARKING_VARIABLES = [
  "Item.Label",
  "Item.Name",
  "Item.Location",
  "User.Name",
  "User.PrincipalName",
  "Event.DateTime",
] as const;
export type MarkingVariable = (typeof MARKING_VARIABLES)[number];

const VARIABLE_SET: ReadonlySet<string> = new Set(MARKING_VARIABLES);

/** Variables of Purview's dynamic watermarks: the viewer fills them in for encrypted content, not us. */
const DYNAMIC_WATERMARK_VARIABLES: ReadonlySet<string> = new Set([
  "Consumer.PrincipalName",
  "Device.DateTime",
]);

const APP_NAMES: Readonly<Record<string, OfficeApp>> = {
  Word: "Word",
  Excel: "Excel",
  PowerPoint: "PowerPoint",
  Outlook: "Outlook",
};
const APP_LETTERS: Readonly<Record<string, OfficeApp>> = {
  W: "Word",
  X: "Excel",
  P: "PowerPoint",
  O: "Outlook",
};

const IF_APP_PREFIX = "If.App.";
const IF_END = "If.End";

type TemplateToken =
  | { kind: "text"; text: string }
  | { kind: "variable"; name: MarkingVariable }
  | { kind: "ifApp"; apps: ReadonlySet<OfficeApp>; type: string; at: number }
  | { kind: "ifEnd"; at: number }
  | { kind: "unknown"; name: string; at: number };

interface AppTypeProblem {
  rule: "unknown-app" | "bad-app-letters";
  detail: string;
}

function variableValue(name: MarkingVariable, ctx: MarkingContext): string {
  switch (name) {
    case "Item.Label":
      return ctx.labelDisplayName;
    case "Item.Name":
      return ctx.itemName;
    case "Item.Location":
      return ctx.itemLocation;
    case "User.Name":
      return ctx.userName;
    case "User.PrincipalName":
      return ctx.userPrincipalName;
    case "Event.DateTime":
      return ctx.eventDateTime;
  }
}

const NO_APPS: ReadonlySet<OfficeApp> = new Set();

/** The apps an `${If.App.<type>}` block shows in: a name, or distinct W/X/P/O letters; none otherwise. */
function appsOf(type: string): ReadonlySet<OfficeApp> {
  const named = APP_NAMES[type];
  if (named) return new Set([named]);
  if (!/^[A-Z]{1,4}$/.test(type)) return NO_APPS;
  const apps = new Set<OfficeApp>();
  for (const letter of type) {
    const app = APP_LETTERS[letter];
    if (!app || apps.has(app)) return NO_APPS;
    apps.add(app);
  }
  return apps;
}

/**
 * Why {@link appsOf} found no app, for validation only (kept apart so that resolution, which runs in
 * the Outlook event bundle, does not carry these messages); undefined for a valid type.
 */
function appTypeProblem(type: string): AppTypeProblem | undefined {
  if (APP_NAMES[type]) return undefined;
  if (/^[A-Z]{1,4}$/.test(type)) {
    const seen = new Set<string>();
    for (const letter of type) {
      if (!APP_LETTERS[letter])
        return { rule: "bad-app-letters", detail: `"${letter}" is not an app letter (W, X, P, O)` };
      if (seen.has(letter)) return { rule: "bad-app-letters", detail: `"${letter}" appears twice` };
      seen.add(letter);
    }
    return undefined;
  }
  return {
    rule: "unknown-app",
    detail: `"${type}" is not Word, Excel, PowerPoint, Outlook or a combination of the letters W, X, P, O (case-sensitive)`,
  };
}

function classify(name: string, at: number): TemplateToken {
  if (VARIABLE_SET.has(name)) return { kind: "variable", name: name as MarkingVariable };
  if (name === IF_END) return { kind: "ifEnd", at };
  if (name.startsWith(IF_APP_PREFIX)) {
    const type = name.slice(IF_APP_PREFIX.length);
    return { kind: "ifApp", type, at, apps: appsOf(type) };
  }
  return { kind: "unknown", name, at };
}

/**
 * Splits a template into text and `${…}` tokens. A `${` that meets another `${` or the end before
 * its `}` is literal text (its position goes to `unclosed` for validation); scanning resumes where
 * it stopped, so every character is looked at a bounded number of times.
 */
function tokenize(template: string): { tokens: TemplateToken[]; unclosed: number[] } {
  const tokens: TemplateToken[] = [];
  const unclosed: number[] = [];
  const n = template.length;
  let textStart = 0;
  let i = 0;
  const flushText = (end: number): void => {
    if (end > textStart) tokens.push({ kind: "text", text: template.slice(textStart, end) });
  };
  while (i < n) {
    const open = template.indexOf("${", i);
    if (open < 0) break;
    let j = open + 2;
    while (j < n) {
      const c = template.charCodeAt(j);
      if (c === 0x7d /* } */) break;
      if (c === 0x24 /* $ */ && template.charCodeAt(j + 1) === 0x7b /* { */) break;
      j++;
    }
    if (j >= n || template.charCodeAt(j) !== 0x7d) {
      unclosed.push(open);
      i = j;
      continue;
    }
    flushText(open);
    tokens.push(classify(template.slice(open + 2, j), open));
    i = textStart = j + 1;
  }
  flushText(n);
  return { tokens, unclosed };
}

/** The marking text for one app: variables filled in, other apps' blocks removed. */
export function resolveMarkingText(template: string, ctx: MarkingContext): string {
  const out: string[] = [];
  const enclosing: boolean[] = [];
  let showing = true;
  for (const token of tokenize(template).tokens) {
    switch (token.kind) {
      case "text":
        if (showing) out.push(token.text);
        break;
      case "variable":
        if (showing) out.push(variableValue(token.name, ctx));
        break;
      case "unknown":
        if (showing) out.push("${" + token.name + "}");
        break;
      case "ifApp":
        enclosing.push(showing);
        showing = showing && token.apps.has(ctx.app);
        break;
      case "ifEnd":
        if (enclosing.length > 0) showing = enclosing.pop() as boolean;
        break;
    }
  }
  return out.join("");
}

function suggestion(name: string): string {
  const lower = name.toLowerCase();
  const known = [...MARKING_VARIABLES, IF_END].find((v) => v.toLowerCase() === lower);
  if (known) return ` — names are case-sensitive: did you mean \${${known}}?`;
  if (lower.startsWith(IF_APP_PREFIX.toLowerCase())) {
    return ` — write it as \${If.App.<type>} (case-sensitive)`;
  }
  return `; known variables: ${MARKING_VARIABLES.map((v) => `\${${v}}`).join(", ")}`;
}

/** More than this and the list stops helping; the rest is summed up in one last issue. */
export const MAX_TEMPLATE_ISSUES = 50;

/** Problems an admin should fix before the template reaches a document; [] when it is clean. */
export function validateMarkingTemplate(template: string, path: string): MarkingIssue[] {
  const issues: MarkingIssue[] = [];
  let more = 0;
  const issue = (rule: string, detail: string): void => {
    if (issues.length < MAX_TEMPLATE_ISSUES) issues.push({ path, rule, message: `${path}: ${detail}` });
    else more++;
  };
  const { tokens, unclosed } = tokenize(template);
  for (const at of unclosed) issue("unclosed-variable", `"\${" at character ${at + 1} has no closing "}"`);
  const open: number[] = [];
  for (const token of tokens) {
    switch (token.kind) {
      case "unknown":
        if (DYNAMIC_WATERMARK_VARIABLES.has(token.name)) {
          issue(
            "unknown-variable",
            `\${${token.name}} at character ${token.at + 1} is a dynamic-watermark variable that only Purview fills in for encrypted content; Labelbridge would print it as is`,
          );
        } else {
          issue(
            "unknown-variable",
            `unknown variable \${${token.name}} at character ${token.at + 1} would be printed as is${suggestion(token.name)}`,
          );
        }
        break;
      case "ifApp": {
        const problem = appTypeProblem(token.type);
        if (problem) {
          issue(
            problem.rule,
            `\${If.App.${token.type}} at character ${token.at + 1}: ${problem.detail}; its text would show in no app`,
          );
        }
        if (open.length > 0) {
          issue(
            "nested-if",
            `\${If.App.${token.type}} at character ${token.at + 1} opens inside the block opened at character ${open[open.length - 1] + 1}; close that block with \${If.End} first`,
          );
        }
        open.push(token.at);
        break;
      }
      case "ifEnd":
        if (open.length === 0) {
          issue("stray-if-end", `\${If.End} at character ${token.at + 1} closes no \${If.App…} block`);
        } else {
          open.pop();
        }
        break;
      case "text":
      case "variable":
        break;
    }
  }
  for (const at of open) {
    issue(
      "unterminated-if",
      `the \${If.App…} block at character ${at + 1} has no \${If.End}; its text would run to the end`,
    );
  }
  if (more > 0) {
    issues.push({ path, rule: "too-many-issues", message: `${path}: ${more} more problems like the above` });
  }
  return issues;
}
