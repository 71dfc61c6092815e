/**
 * The error a refused protecting label is thrown as. Its own module, so the task pane's first chunk
 * can recognise it without loading the flows (taskpane/engine.ts).
 */
import type { ProtectionRefusal } from "../../core/decide/protection";
import { HostError } from "../hosts/types";

/** A protecting label this host cannot really protect with: nothing was written. */
export class ProtectionRefusedError extends HostError {
  constructor(
    readonly reason: ProtectionRefusal,
    readonly labelId: string,
    message: string,
  ) {
    super("protection", message, reason);
    this.name = "ProtectionRefusedError";
  }
}
