/** How the console names a label: with its parent (`Confidential \ All Employees`). */
import type { Label } from "../../core/policy";

export function fullName(label: Label, labels: readonly Label[]): string {
  const parent = label.parentId ? labels.find((l) => l.id === label.parentId) : undefined;
  return parent ? `${parent.displayName} \\ ${label.displayName}` : label.displayName;
}

/** The full name of the label with this id; "" for none, and says so for an id no label has. */
export function labelText(id: string | null | undefined, labels: readonly Label[]): string {
  if (!id) return "";
  const label = labels.find((l) => l.id === id);
  return label ? fullName(label, labels) : `unknown label ${id}`;
}
