/**
 * The decision context for a Word or Excel document: the app decides `${If.App…}` blocks, whether
 * a watermark is written, and the audit event's `app`. Its own module so the task pane can build
 * it without loading what opening a document needs (documentOpen.ts rides with the engine chunk).
 */
import type { DecisionContext } from "../../core/decide/types";
import type { HostItemInfo } from "../hosts/types";
import { localDateTime } from "./mailState";

export function documentDecisionContext(
  app: "Word" | "Excel",
  info: HostItemInfo,
  now: Date,
  newId: () => string,
): DecisionContext {
  return {
    app,
    now,
    newId,
    user: info.user,
    item: { name: info.name, location: info.location },
    localDateTime: localDateTime(now),
  };
}
