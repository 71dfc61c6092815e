/**
 * What the pane says about where the label comes from, beyond the badge: a label a mapping gives
 * the item ("Mapped from Titus "Confidential""), and a label Office keeps where the add-in cannot
 * write it (LabelInfo) or could not read it.
 */
import type { LabelState, MappedFrom } from "../../../core/decide/labelState";
import type { EffectivePolicy } from "../../../core/policy/effective";
import type { Strings } from "../../i18n/types";

export interface LabelNote {
  kind: "mapped" | "office-keeps-label" | "office-label-unread";
  text: string;
}

/** "Mapped from <mapping name or source> "<original>"". */
export function mappedFromText(mapped: MappedFrom, state: LabelState | null, strings: Strings): string {
  const o = mapped.original;
  if (o.kind === "customProperty") return strings.mappedFrom(mapped.mappingName ?? o.property, o.value);
  const record = state?.records.find((r) => r.labelId === o.labelId && r.siteId === o.siteId);
  return strings.mappedFrom(mapped.mappingName ?? strings.partnerLabelSource, record?.name ?? o.labelId);
}

export function labelNotes(
  state: LabelState | null,
  mapped: MappedFrom | null,
  policy: EffectivePolicy | null,
  strings: Strings,
): LabelNote[] {
  const notes: LabelNote[] = [];
  if (mapped) notes.push({ kind: "mapped", text: mappedFromText(mapped, state, strings) });
  if (state?.inLabelInfo) notes.push({ kind: "office-keeps-label", text: strings.officeKeepsLabel });
  else if (state?.unread && state.current === null && policy?.labelStorage !== "customProperties")
    notes.push({
      kind: "office-label-unread",
      text: strings.officeLabelUnread(strings.unreadReasons[state.unread.reason]),
    });
  return notes;
}
