/**
 * From "apply this label" to the list of things a host must do: metadata, markings, mail headers,
 * subject marking and the audit event. Hosts execute a plan; they never decide what goes in it.
 */
import type { EffectivePolicy } from "../policy/effective";
import { LabelIndex } from "../policy/labels";
import type { Label } from "../policy/model";
import {
  resolveContentMarking,
  renderEpmsHeader,
  renderNzHeader,
  type MarkingContext,
  type ResolvedMarking,
} from "../marking";
import { encodeMsipLabelsHeader, formatSetDate, type LabelWrite } from "../metadata";
import type { AuditEvent } from "../audit";
import type { ActionOptions, AssignmentMethod, DecisionContext, ItemState, LabelPlan } from "./types";

export const MSIP_LABELS_HEADER = "msip_labels";
export const PROTECTIVE_MARKING_HEADER = "X-Protective-Marking";

export function catalogIndex(policy: EffectivePolicy): LabelIndex {
  return new LabelIndex(policy.catalog);
}

export function findLabel(policy: EffectivePolicy, id: string | null): Label | undefined {
  return id === null ? undefined : policy.labels.find((l) => l.id === id);
}

function markingContext(policy: EffectivePolicy, labelId: string, ctx: DecisionContext): MarkingContext {
  return {
    app: ctx.app === "Scanner" ? "Word" : ctx.app,
    labelDisplayName: catalogIndex(policy).get(labelId)?.displayName ?? labelId,
    itemName: ctx.item.name,
    itemLocation: ctx.item.location,
    userName: ctx.user.name,
    userPrincipalName: ctx.user.principalName,
    eventDateTime: ctx.localDateTime ?? ctx.now.toISOString().replace("T", " ").slice(0, 16),
  };
}

function resolveMarking(
  policy: EffectivePolicy,
  label: Label | undefined,
  ctx: DecisionContext,
): ResolvedMarking {
  // The scanner writes no markings into files at rest: ContentBits 0 lets Office add them on next save.
  if (!label || !policy.features.contentMarking || ctx.app === "Scanner") return { contentBits: 0 };
  return resolveContentMarking(label.marking, markingContext(policy, label.id, ctx));
}

export function planLabel(
  policy: EffectivePolicy,
  state: ItemState,
  labelId: string | null,
  method: AssignmentMethod,
  ctx: DecisionContext,
  options: ActionOptions,
): LabelPlan {
  const label = labelId === null ? undefined : (findLabel(policy, labelId) ?? undefined);
  const index = catalogIndex(policy);
  const previousLabelId = state.current?.labelId ?? null;
  const marking = resolveMarking(policy, label, ctx);
  const summary = labelId === null ? undefined : index.get(labelId);

  const metadata =
    labelId === null
      ? null
      : {
          labelId,
          siteId: policy.siteId,
          method,
          name: label?.name ?? summary?.name ?? labelId,
          contentBits: marking.contentBits,
          setDate: formatSetDate(ctx.now),
          actionId: ctx.newId(),
        };

  const downgrade = index.isDowngrade(previousLabelId, labelId);
  const justification = options.justification ?? null;
  const plan: LabelPlan = {
    labelId,
    previousLabelId,
    siteId: policy.siteId,
    labelStorage: policy.labelStorage,
    method,
    metadata,
    marking,
    downgrade,
    justification,
    audit: labelAuditEvent(policy, ctx, {
      labelId,
      previousLabelId,
      method,
      downgrade,
      justification,
      actionSource: options.actionSource,
    }),
  };

  const removal = policy.settings.externalMarkingRemoval;
  if (state.kind === "file" && removal)
    plan.markingRemoval = {
      wordShapeNames: [...removal.wordShapeNames],
      textPatterns: [...removal.textPatterns],
    };

  if (state.kind === "email") {
    const set: Record<string, string> = {};
    const remove: string[] = [];
    if (metadata) set[MSIP_LABELS_HEADER] = encodeMsipLabelsHeader([metadata]);
    else remove.push(MSIP_LABELS_HEADER);
    const header = protectiveMarking(policy, label, ctx, plan);
    if (header) set[PROTECTIVE_MARKING_HEADER] = header;
    else if (header === null) remove.push(PROTECTIVE_MARKING_HEADER);
    plan.mailHeaders = { set, remove };
  }
  return plan;
}

/**
 * A mail's protective marking under the policy's profile: the subject marking goes on the plan,
 * the `X-Protective-Marking` value is returned (null: remove ours; undefined: the profile has none).
 * Each profile writes its own forms — Australian EPMS, or New Zealand's with NS=gov.nz — so a
 * marking is never written in the other's grammar.
 */
function protectiveMarking(
  policy: EffectivePolicy,
  label: Label | undefined,
  ctx: DecisionContext,
  plan: LabelPlan,
): string | null | undefined {
  const profile = policy.settings.markingProfile;
  if (profile === "au-epms") {
    const pm = label?.protectiveMarking ?? null;
    plan.subjectMarking = pm;
    return pm && renderEpmsHeader(pm, { version: policy.settings.epmsVersion, origin: ctx.sender });
  }
  if (profile === "nz-gov") {
    const nz = label?.nzMarking ?? null;
    plan.nzSubjectMarking = nz;
    return nz && renderNzHeader(nz, { origin: ctx.sender });
  }
  return undefined;
}

/**
 * What a plan writes for our tenant (null removes our label). A host that wrote fewer markings than
 * planned passes the ContentBits of those really written, so the metadata never claims a mark that
 * is not there.
 */
export function labelWriteOf(plan: LabelPlan, contentBits?: number): LabelWrite | null {
  const m = plan.metadata;
  if (!m) return null;
  return {
    labelId: m.labelId,
    siteId: m.siteId,
    method: m.method,
    name: m.name,
    contentBits: contentBits ?? m.contentBits,
    setDate: m.setDate,
    actionId: m.actionId,
  };
}

export function labelAuditEvent(
  policy: EffectivePolicy,
  ctx: DecisionContext,
  e: {
    labelId: string | null;
    previousLabelId: string | null;
    method: AssignmentMethod | null;
    downgrade: boolean;
    justification: LabelPlan["justification"];
    actionSource: ActionOptions["actionSource"];
  },
): AuditEvent {
  const type =
    e.labelId === null ? "label-removed" : e.previousLabelId === null ? "label-applied" : "label-changed";
  return {
    id: ctx.newId(),
    type,
    time: ctx.now.toISOString(),
    app: ctx.app,
    labelId: e.labelId,
    oldLabelId: e.previousLabelId,
    method: e.labelId === null ? null : e.method,
    actionSource: e.actionSource,
    downgrade: e.downgrade,
    justification: e.justification ? { ...e.justification } : null,
    itemName: ctx.item.name.slice(0, 400),
  };
}

/** An audit event that is not a label change (send blocked, recommendation dismissed, …). */
export function eventAuditEvent(
  ctx: DecisionContext,
  type: AuditEvent["type"],
  fields: Partial<Omit<AuditEvent, "id" | "type" | "time" | "app">> = {},
): AuditEvent {
  return {
    id: ctx.newId(),
    type,
    time: ctx.now.toISOString(),
    app: ctx.app,
    labelId: null,
    oldLabelId: null,
    method: null,
    actionSource: null,
    downgrade: false,
    justification: null,
    itemName: ctx.item.name.slice(0, 400),
    ...fields,
  };
}
