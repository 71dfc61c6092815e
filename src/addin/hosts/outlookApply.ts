/**
 * Applying a label plan to a mail, all or nothing: the state of everything the plan touches is read
 * first, the reversible writes (x-headers, subject, body marking) go first and in parallel,
 * Outlook's own label (which an add-in cannot take off again) goes last, and any failure restores
 * what was already written before the HostError reaches the caller — naming the writes it could
 * not undo.
 */
import type { LabelPlan } from "../../core/decide/types";
import { isAppliableNative } from "./nativeCatalog";
import { ourHeaders, headerValue } from "./outlookLabel";
import { asHostError, parseJson, type OutlookItem } from "./outlookItem";
import {
  bodyKind,
  bodyStep,
  marksSubject,
  subjectStep,
  type BodyMarkingRecord,
  type Step,
} from "./outlookMarking";
import type { OutlookNativeLabels } from "./outlookNative";
import { recordStore, type RecordStore } from "./outlookRecord";
import { SESSION, type OutlookSession } from "./outlookSession";
import type { BodyKind } from "./outlookBody";
import { HostError, type ApplyOptions, type ApplyResult, type HostWarning } from "./types";

export interface OutlookParts {
  mail: OutlookItem;
  native: OutlookNativeLabels;
  session: OutlookSession;
}

export async function applyMailPlan(
  { mail, native, session }: OutlookParts,
  plan: LabelPlan,
  options: ApplyOptions = {},
): Promise<ApplyResult> {
  const item = mail.compose("applyPlan");
  const warnings: HostWarning[] = [];
  const headerPlan = plan.mailHeaders ?? { set: {}, remove: [] };
  const headerNames = [...Object.keys(headerPlan.set), ...headerPlan.remove];
  const store = recordStore(mail);
  const useHeaders = headerNames.length > 0 && store !== null;
  const catalog = await native.catalog();
  const nativeBefore = catalog.length > 0 ? await native.label() : null;
  if (plan.labelId === null && nativeBefore !== null)
    throw new HostError(
      "sensitivityLabel.remove",
      "Outlook's own sensitivity label cannot be removed by an add-in. Remove it with Outlook's Sensitivity button.",
    );
  const wantNative =
    options.native !== "skip" &&
    plan.labelId !== null &&
    nativeBefore !== plan.labelId &&
    isAppliableNative(catalog, plan.labelId);
  // Where Outlook carries the label (now or after this plan), Purview writes that label's marks.
  const nativeMarks =
    wantNative || (options.native === "skip" && plan.labelId !== null && nativeBefore === plan.labelId);

  // 1. Read what the plan will change, in parallel.
  const [headersBefore, subjectBefore, bodyBefore, kind] = await Promise.all([
    useHeaders ? ourHeaders(mail, headerNames) : Promise.resolve<Record<string, string>>({}),
    marksSubject(plan) ? mail.subject(item) : Promise.resolve<string | null>(null),
    session.get(SESSION.bodyMarking).then((v) => parseJson<BodyMarkingRecord>(v)),
    bodyKind(mail, item).catch((): BodyKind => "html"),
  ]);

  // 2. The reversible writes.
  const steps: Step[] = [];
  if (useHeaders) steps.push(...headerSteps(store!, headerPlan, headersBefore));
  else if (headerNames.length > 0) warnings.push({ code: "mail-headers-not-supported" });
  // Outlook mobile cannot write a subject or a body (docs/mobile.md): Exchange's rules mark there.
  const subject = mail.mobile ? null : subjectStep(mail, item, plan, subjectBefore);
  if (subject) steps.push(subject);
  const body = mail.mobile
    ? null
    : bodyStep(mail, session, item, { plan, nativeMarks, kind, before: bodyBefore });
  if (body) steps.push(body);
  if (mail.mobile && (plan.marking.header || plan.marking.footer || plan.subjectMarking))
    warnings.push({ code: "mail-marking-not-on-mobile" });

  const done: Step[] = [];
  try {
    await runSteps(steps, done);
    // 3. Outlook's own label last: it cannot be removed again if something after it failed.
    if (wantNative) {
      await native.set(plan.labelId!).catch((error: unknown) => {
        throw asHostError("sensitivityLabel.setAsync", error);
      });
    }
  } catch (error) {
    const notUndone = await rollback(done);
    const e = asHostError("applyPlan", error);
    throw notUndone.length === 0 ? e : new HostError(e.operation, e.message, e.code, notUndone);
  }
  if (plan.labelId !== null && !wantNative && !nativeMarks && catalog.length > 0)
    warnings.push({ code: "not-in-outlook-catalog" });
  return { nativeLabelSet: wantNative, contentBits: plan.marking.contentBits, warnings };
}

/** Runs the writes in parallel; the first failure is thrown after all have settled. */
async function runSteps(batch: Step[], done: Step[]): Promise<void> {
  const results = await Promise.all(
    batch.map((s) =>
      s.apply().then(
        () => {
          done.push(s);
          return null;
        },
        (error: unknown) => ({ step: s, error }),
      ),
    ),
  );
  const failure = results.find((r) => r !== null);
  if (failure) throw asHostError(failure.step.name, failure.error);
}

/** Undoes what was written; returns the calls whose writes stayed. */
async function rollback(done: Step[]): Promise<string[]> {
  const failedUndo: string[] = [];
  await Promise.all(done.map((s) => s.undo().catch(() => failedUndo.push(s.name))));
  return failedUndo;
}

function headerSteps(
  store: RecordStore,
  plan: { set: Record<string, string>; remove: string[] },
  before: Record<string, string>,
): Step[] {
  const steps: Step[] = [];
  const previous = (name: string): string | undefined => headerValue(before, name) ?? undefined;
  const set = (headers: Record<string, string>) => store.set(headers);
  const remove = (names: string[]) => store.remove(names);
  const restore = async (names: string[]): Promise<void> => {
    const back: Record<string, string> = {};
    const absent: string[] = [];
    for (const n of names) {
      const v = previous(n);
      if (v === undefined) absent.push(n);
      else back[n] = v;
    }
    await Promise.all([
      Object.keys(back).length > 0 ? set(back) : Promise.resolve(),
      absent.length > 0 ? remove(absent) : Promise.resolve(),
    ]);
  };
  const setNames = Object.keys(plan.set);
  if (setNames.length > 0)
    steps.push({
      name: store.kind === "internetHeaders" ? "internetHeaders.setAsync" : "customProperties.saveAsync",
      apply: () => set(plan.set),
      undo: () => restore(setNames),
    });
  const removeNames = plan.remove.filter((n) => previous(n) !== undefined);
  if (removeNames.length > 0)
    steps.push({
      name: store.kind === "internetHeaders" ? "internetHeaders.removeAsync" : "customProperties.saveAsync",
      apply: () => remove(removeNames),
      undo: () => restore(removeNames),
    });
  return steps;
}
