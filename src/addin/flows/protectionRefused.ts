/**
 * The error a refused protecting label is thrown as. The task pane's first chunk recognises it by
 * its name (taskpane/model/paneText.ts), so neither this class nor the flows load with it.
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
