/**
 * The marking writes of a mail label, each one reversible: the subject marking (`[SEC=…]`, in the
 * au-epms or the nz-gov form the plan carries) and the body's header/footer marking — added at send where the client can (Mailbox 1.13), else
 * written into the body between markers. Where Outlook carries the label, Purview writes its marks.
 */
import type { LabelPlan } from "../../core/decide/types";
import { applySubjectMarking } from "../../core/marking/epms";
import { applyNzSubjectMarking } from "../../core/marking/nz";
import { markingFor, replaceBodyMarking, type BodyKind } from "./outlookBody";
import type { OutlookItem } from "./outlookItem";
import { SESSION, type OutlookSession } from "./outlookSession";

/** One reversible write of a plan. */
export interface Step {
  name: string;
  apply(): Promise<void>;
  undo(): Promise<void>;
}

/** The body marking we queued or wrote, kept in session data so a failed apply can restore it. */
export interface BodyMarkingRecord {
  header: string | null;
  footer: string | null;
  kind: BodyKind;
}

export function bodyKind(mail: OutlookItem, item: Office.MessageCompose): Promise<BodyKind> {
  return mail
    .call<Office.CoercionType>("body.getTypeAsync", (cb) => item.body.getTypeAsync(cb))
    .then((t) => (String(t).toLowerCase() === "html" ? "html" : "text"));
}

function coercion(mail: OutlookItem, kind: BodyKind): Office.CoercionType {
  return kind === "html" ? mail.office.CoercionType.Html : mail.office.CoercionType.Text;
}

/** Whether the plan puts a marking in the subject (or takes one out): the profile's form. */
export function marksSubject(plan: LabelPlan): boolean {
  return plan.subjectMarking !== undefined || plan.nzSubjectMarking !== undefined;
}

/** The subject with the plan's marking in place (replacing any earlier one); null: no subject marking. */
function markedSubject(plan: LabelPlan, before: string): string | null {
  if (plan.nzSubjectMarking !== undefined) return applyNzSubjectMarking(before, plan.nzSubjectMarking);
  if (plan.subjectMarking !== undefined) return applySubjectMarking(before, plan.subjectMarking);
  return null;
}

export function subjectStep(
  mail: OutlookItem,
  item: Office.MessageCompose,
  plan: LabelPlan,
  before: string | null,
): Step | null {
  if (before === null) return null;
  const after = markedSubject(plan, before);
  if (after === null || after === before) return null;
  const write = (text: string) =>
    mail.call<void>("subject.setAsync", (cb) => item.subject.setAsync(text, cb));
  return { name: "subject.setAsync", apply: () => write(after), undo: () => write(before) };
}

/**
 * Body marking: nothing where Purview marks (Outlook's own label), otherwise on-send text where the
 * client has it (prepend 1.13, append 1.9), otherwise the body rewritten with markers.
 */
export function bodyStep(
  mail: OutlookItem,
  session: OutlookSession,
  item: Office.MessageCompose,
  marks: { plan: LabelPlan; nativeMarks: boolean; kind: BodyKind; before: BodyMarkingRecord | null },
): Step | null {
  const { plan, kind, before } = marks;
  const header = marks.nativeMarks ? undefined : plan.marking.header;
  const footer = marks.nativeMarks ? undefined : plan.marking.footer;
  if (mail.supports("1.13")) {
    const after: BodyMarkingRecord = {
      header: markingFor(header, kind, false),
      footer: markingFor(footer, kind, false),
      kind,
    };
    if (!before && after.header === null && after.footer === null) return null;
    if (before && before.header === after.header && before.footer === after.footer && before.kind === kind)
      return null;
    const write = async (r: BodyMarkingRecord | null): Promise<void> => {
      const options = { coercionType: coercion(mail, r?.kind ?? kind) };
      // null clears what an earlier call queued for send.
      await Promise.all([
        mail.call<void>("body.prependOnSendAsync", (cb) =>
          item.body.prependOnSendAsync(r?.header ?? (null as unknown as string), options, cb),
        ),
        mail.call<void>("body.appendOnSendAsync", (cb) =>
          item.body.appendOnSendAsync(r?.footer ?? (null as unknown as string), options, cb),
        ),
      ]);
      await session.set(SESSION.bodyMarking, r ? JSON.stringify(r) : null);
    };
    return { name: "body.prependOnSendAsync", apply: () => write(after), undo: () => write(before) };
  }
  if (!header && !footer && !before) return null;
  const coercionType = coercion(mail, kind);
  let original: string | null = null;
  return {
    name: "body.setAsync",
    apply: async () => {
      original = await mail.call<string>("body.getAsync", (cb) => item.body.getAsync(coercionType, cb));
      const next = replaceBodyMarking(original ?? "", kind, header, footer);
      if (next !== original)
        await mail.call<void>("body.setAsync", (cb) => item.body.setAsync(next, { coercionType }, cb));
      await session.set(
        SESSION.bodyMarking,
        header || footer
          ? JSON.stringify({ header: header?.text ?? null, footer: footer?.text ?? null, kind })
          : null,
      );
    },
    undo: async () => {
      if (original === null) return;
      const text = original;
      await mail.call<void>("body.setAsync", (cb) => item.body.setAsync(text, { coercionType }, cb));
    },
  };
}
