import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Radio,
  RadioGroup,
  Textarea,
} from "@fluentui/react-components";
import { useState } from "react";
import type { Strings } from "../../../i18n/types";

export interface JustificationDialogProps {
  /** Kept mounted and closed through `open`, so the modal can restore the page behind it. */
  open: boolean;
  strings: Pick<Strings, "justificationTitle" | "justificationOtherLabel" | "cancel" | "confirmChange">;
  /** Why the dialog opened, e.g. "Your organisation asks why you are lowering…". */
  message: string;
  reasons: string[];
  otherReason: string;
  /** The engine's or the dialog's complaint about the last attempt. */
  error: string | null;
  busy: boolean;
  onSubmit: (reason: string, text: string) => void;
  onCancel: () => void;
}

/**
 * Asks why a label is being lowered or removed. The policy's reasons, plus "Other", which needs
 * text. Cancel leaves the label as it was.
 */
export function JustificationDialog(props: JustificationDialogProps) {
  const [reason, setReason] = useState("");
  const [text, setText] = useState("");
  const [wasOpen, setWasOpen] = useState(props.open);
  if (props.open !== wasOpen) {
    // A new request starts from a clean form.
    setWasOpen(props.open);
    if (props.open) {
      setReason("");
      setText("");
    }
  }
  const other = reason === props.otherReason;
  const options = [...props.reasons.filter((r) => r !== props.otherReason), props.otherReason];
  return (
    <Dialog open={props.open} modalType="modal" onOpenChange={(_e, data) => !data.open && props.onCancel()}>
      <DialogSurface aria-describedby="lb-justify-message" data-testid="justification-dialog">
        <form
          // Our own check speaks the policy's words; the browser's "fill out this field" would not.
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            props.onSubmit(reason, other ? text : "");
          }}
        >
          <DialogBody>
            <DialogTitle>{props.strings.justificationTitle}</DialogTitle>
            <DialogContent>
              <p id="lb-justify-message">{props.message}</p>
              <Field
                validationMessage={!other ? (props.error ?? undefined) : undefined}
                validationState={props.error && !other ? "error" : "none"}
              >
                <RadioGroup
                  value={reason}
                  onChange={(_e, data) => setReason(data.value)}
                  aria-labelledby="lb-justify-message"
                >
                  {options.map((r) => (
                    <Radio key={r} value={r} label={r} />
                  ))}
                </RadioGroup>
              </Field>
              {other && (
                <Field
                  label={props.strings.justificationOtherLabel}
                  required
                  validationMessage={props.error ?? undefined}
                  validationState={props.error ? "error" : "none"}
                >
                  <Textarea
                    value={text}
                    onChange={(_e, data) => setText(data.value)}
                    resize="vertical"
                    maxLength={1000}
                    data-testid="justification-text"
                  />
                </Field>
              )}
            </DialogContent>
            <DialogActions>
              <Button type="button" onClick={props.onCancel} disabled={props.busy}>
                {props.strings.cancel}
              </Button>
              <Button type="submit" appearance="primary" disabled={props.busy}>
                {props.strings.confirmChange}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}

export default JustificationDialog;
