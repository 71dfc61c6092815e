/** Everything about one label: names, tooltip, colour, place in the order, markings, conditions. */
import * as React from "react";
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Divider,
  Field,
  Input,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { DeleteRegular } from "@fluentui/react-icons";
import {
  EPMS_CLASSIFICATIONS,
  isProtecting,
  type Label,
  type LabelProtectiveMarking,
} from "../../../../core/policy";
import { useEditor } from "../state/editor";
import { nameFor, removeLabel, setParent } from "../model/labelTree";
import {
  CheckboxField,
  ChoiceField,
  LinesField,
  SwitchField,
  TextAreaField,
  TextField,
  useIssueMessage,
} from "../components/fields";
import { LabelSwatch, fullName } from "../components/labels";
import { navigate } from "../router";
import { MarkingEditor } from "./MarkingEditor";
import { ConditionsEditor } from "./ConditionsEditor";

export const useFormStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, maxWidth: "860px" },
  row: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(220px, 1fr))",
    gap: tokens.spacingHorizontalM,
    alignItems: "start",
  },
  heading: { marginTop: tokens.spacingVerticalL },
  inline: { display: "flex", gap: tokens.spacingHorizontalM, alignItems: "center", flexWrap: "wrap" },
  muted: { color: tokens.colorNeutralForeground3 },
});

const PALETTE = [
  "#0078D4",
  "#107C10",
  "#5C2E91",
  "#CA5010",
  "#A4262C",
  "#038387",
  "#8764B8",
  "#498205",
  "#69797E",
  "#000000",
];

function ColourField(props: {
  path: string;
  value: string | undefined;
  onChange: (v: string | undefined) => void;
}) {
  const message = useIssueMessage(props.path);
  const styles = useFormStyles();
  return (
    <Field
      label="Colour"
      hint="Shown next to the label in Office; #RRGGBB."
      validationState={message ? "error" : "none"}
      validationMessage={message}
      data-path={props.path}
    >
      <div className={styles.inline}>
        <Input
          value={props.value ?? ""}
          placeholder="#A4262C"
          onChange={(_e, d) => props.onChange(d.value === "" ? undefined : d.value)}
          contentBefore={<LabelSwatch color={props.value} />}
        />
        {PALETTE.map((c) => (
          <Button
            key={c}
            size="small"
            appearance="subtle"
            aria-label={`Colour ${c}`}
            icon={<LabelSwatch color={c} />}
            onClick={() => props.onChange(c)}
          />
        ))}
      </div>
    </Field>
  );
}

export function LabelEditor(props: { label: Label }) {
  const styles = useFormStyles();
  const editor = useEditor();
  const draft = editor.draft!;
  const { label } = props;
  const index = draft.labels.findIndex((l) => l.id === label.id);
  const at = `labels[${index}]`;
  const orderMessage = useIssueMessage(`${at}.sensitivity`);
  const set = (change: Partial<Label>) => editor.updateLabel(label.id, (l) => ({ ...l, ...change }));
  const hasChildren = draft.labels.some((l) => l.parentId === label.id);
  // A label not saved yet keeps its metadata name in step with its display name until the admin
  // edits the name itself; a saved label's name never changes behind the admin's back.
  const renameTo = (displayName: string) => {
    const isNew = !editor.base?.labels.some((l) => l.id === label.id);
    const parentName = draft.labels.find((l) => l.id === label.parentId)?.name ?? null;
    const others = draft.labels.filter((l) => l.id !== label.id).map((l) => l.name);
    const follows = isNew && label.name === nameFor(label.displayName, parentName, others);
    set(follows ? { displayName, name: nameFor(displayName, parentName, others) } : { displayName });
  };
  const parentChoices = [
    { value: "", text: "None (a top-level label)" },
    ...draft.labels
      .filter((l) => l.parentId === null && l.id !== label.id)
      .sort((a, b) => a.sensitivity - b.sensitivity)
      .map((l) => ({ value: l.id, text: l.displayName })),
  ];
  const references = draft.policies.filter(
    (p) =>
      p.labels.includes(label.id) ||
      p.settings.defaultDocumentLabel === label.id ||
      p.settings.defaultMailLabel === label.id ||
      p.settings.preventDowngradeFrom.includes(label.id) ||
      p.settings.recipientRules.some((r) => r.labelIds.includes(label.id)),
  );

  const remove = () => {
    editor.update((d) => {
      const labels = removeLabel(d.labels, label.id);
      if (!labels) return d;
      // Unpublish it; settings that still name it are left for validation to point at.
      return {
        ...d,
        labels,
        policies: d.policies.map((p) => ({ ...p, labels: p.labels.filter((id) => id !== label.id) })),
      };
    });
    navigate("labels");
  };

  const protective = label.protectiveMarking;
  const setProtective = (pm: LabelProtectiveMarking | undefined) =>
    editor.updateLabel(label.id, (l) => {
      const next = { ...l };
      if (pm) next.protectiveMarking = pm;
      else delete next.protectiveMarking;
      return next;
    });

  return (
    <div className={styles.form} data-testid="label-editor" data-label-id={label.id}>
      <div className={styles.inline}>
        <LabelSwatch color={label.color} />
        <Text as="h2" size={600} weight="semibold">
          {fullName(label, draft.labels)}
        </Text>
        <Text size={200} className={styles.muted} data-testid="label-id">
          id {label.id}
        </Text>
      </div>
      <div className={styles.row}>
        <TextField
          path={`${at}.displayName`}
          label="Display name"
          required
          value={label.displayName}
          onChange={renameTo}
          hint="What people see in Office."
        />
        <TextField
          path={`${at}.name`}
          label="Name"
          required
          value={label.name}
          onChange={(v) => set({ name: v })}
          hint="Unique; written into mail headers and file metadata."
        />
      </div>
      <TextAreaField
        path={`${at}.tooltip`}
        label="Tooltip"
        required
        value={label.tooltip}
        onChange={(v) => set({ tooltip: v })}
        hint="Plain words: when should someone pick this label?"
      />
      <TextAreaField
        path={`${at}.description`}
        label="Description for admins"
        value={label.description}
        rows={2}
        onChange={(v) => set({ description: v })}
      />
      <ColourField path={`${at}.color`} value={label.color} onChange={(v) => set({ color: v })} />
      <div className={styles.row}>
        <ChoiceField
          path={`${at}.parentId`}
          label="Parent"
          value={label.parentId ?? ""}
          choices={parentChoices}
          hint={
            hasChildren
              ? "This label has sublabels, so it stays at the top level."
              : "A sublabel sits under its parent."
          }
          onChange={(v) =>
            editor.update((d) => {
              const moved = setParent(d.labels, label.id, v === "" ? null : v);
              return moved ? { ...d, labels: moved } : d;
            })
          }
        />
        <Field
          label="Order (sensitivity)"
          hint="Use the arrows in the list to change the order."
          validationState={orderMessage ? "error" : "none"}
          validationMessage={orderMessage}
          data-path={`${at}.sensitivity`}
        >
          <Input value={String(label.sensitivity)} readOnly />
        </Field>
      </div>
      <div className={styles.inline}>
        <SwitchField
          path={`${at}.isActive`}
          label="Active"
          checked={label.isActive}
          onChange={(v) => set({ isActive: v })}
        />
        <CheckboxField
          path={`${at}.applicableTo`}
          label="Mail"
          checked={label.applicableTo.includes("email")}
          onChange={(v) =>
            set({
              applicableTo: v
                ? [...new Set([...label.applicableTo, "email" as const])]
                : label.applicableTo.filter((t) => t !== "email"),
            })
          }
        />
        <CheckboxField
          path={`${at}.applicableTo`}
          label="Files"
          checked={label.applicableTo.includes("file")}
          onChange={(v) =>
            set({
              applicableTo: v
                ? [...new Set([...label.applicableTo, "file" as const])]
                : label.applicableTo.filter((t) => t !== "file"),
            })
          }
        />
        <SwitchField
          path={`${at}.hasProtection`}
          label="Purview applies protection (encryption)"
          checked={isProtecting(label)}
          onChange={(v) => set({ hasProtection: v })}
        />
      </div>

      <Divider />
      <Text as="h3" size={500} weight="semibold">
        Content marking
      </Text>
      <MarkingEditor label={label} at={at} />

      <Divider />
      <Text as="h3" size={500} weight="semibold">
        Recommended and automatic labeling
      </Text>
      <ConditionsEditor label={label} at={at} isParent={hasChildren} />

      <Divider />
      <Text as="h3" size={500} weight="semibold">
        Protective marking (au-epms profile)
      </Text>
      <SwitchField
        path={`${at}.protectiveMarking`}
        label="This label has an Australian Government protective marking"
        checked={protective !== undefined}
        onChange={(v) => setProtective(v ? { sec: "OFFICIAL" } : undefined)}
      />
      {protective && (
        <div className={styles.row}>
          <ChoiceField
            path={`${at}.protectiveMarking.sec`}
            label="Security classification (SEC=)"
            value={protective.sec}
            choices={EPMS_CLASSIFICATIONS.map((c) => ({ value: c, text: c }))}
            onChange={(v) => setProtective({ ...protective, sec: v })}
          />
          <LinesField
            path={`${at}.protectiveMarking.caveats`}
            label="Caveats (one per line)"
            value={protective.caveats ?? []}
            onChange={(v) => setProtective({ ...protective, caveats: v.length > 0 ? v : undefined })}
          />
          <LinesField
            path={`${at}.protectiveMarking.access`}
            label="Information management markers (ACCESS=)"
            hint="Personal-Privacy, Legal-Privilege or Legislative-Secrecy"
            value={protective.access ?? []}
            onChange={(v) =>
              setProtective({
                ...protective,
                access: v.length > 0 ? (v as LabelProtectiveMarking["access"]) : undefined,
              })
            }
          />
        </div>
      )}

      <Divider />
      <div className={styles.inline}>
        <Dialog>
          <DialogTrigger disableButtonEnhancement>
            <Button icon={<DeleteRegular />} disabled={hasChildren}>
              Delete label
            </Button>
          </DialogTrigger>
          <DialogSurface>
            <DialogBody>
              <DialogTitle>Delete {fullName(label, draft.labels)}?</DialogTitle>
              <DialogContent>
                Content that already carries this label keeps it.{" "}
                {references.length > 0
                  ? `It is unpublished from ${references.map((p) => p.name).join(", ")}; settings that still name it will be pointed out before you can save.`
                  : "No policy uses it."}
              </DialogContent>
              <DialogActions>
                <DialogTrigger disableButtonEnhancement>
                  <Button>Cancel</Button>
                </DialogTrigger>
                <DialogTrigger disableButtonEnhancement>
                  <Button appearance="primary" onClick={remove}>
                    Delete
                  </Button>
                </DialogTrigger>
              </DialogActions>
            </DialogBody>
          </DialogSurface>
        </Dialog>
        {hasChildren && <Text className={styles.muted}>Delete or move its sublabels first.</Text>}
      </div>
    </div>
  );
}
