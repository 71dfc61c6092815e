/**
 * Header, footer and watermark of a label, with a live preview of the text each Office app would
 * write — variables filled in and `${If.App…}` blocks resolved by the same core code the add-in
 * runs — and the template's problems as they are typed.
 */
import * as React from "react";
import {
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Tab,
  TabList,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import {
  MARKING_ALIGNMENTS,
  WATERMARK_LAYOUTS,
  type Label,
  type TextMarkingSettings,
  type WatermarkSettings,
} from "../../core/policy";
import {
  MARKING_VARIABLES,
  renderExcelHeaderFooter,
  resolveContentMarking,
  validateMarkingTemplate,
  EXCEL_HEADER_FOOTER_LIMIT,
  type OfficeApp,
} from "../../core/marking";
import { useEditor } from "../state/editor";
import { ChoiceField, NumberField, SwitchField, TextAreaField, TextField } from "../components/fields";
import { useFormStyles } from "./LabelEditor";

type Part = "header" | "footer" | "watermark";
const APPS: OfficeApp[] = ["Word", "Excel", "PowerPoint", "Outlook"];

const useStyles = makeStyles({
  page: {
    position: "relative",
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: "#ffffff",
    minHeight: "220px",
    display: "flex",
    flexDirection: "column",
    justifyContent: "space-between",
    padding: tokens.spacingHorizontalM,
    overflow: "hidden",
    boxShadow: tokens.shadow4,
  },
  mark: { whiteSpace: "pre-wrap", minHeight: "1.2em", position: "relative", zIndex: 1 },
  body: {
    color: tokens.colorNeutralForeground4,
    fontStyle: "italic",
    textAlign: "center",
    position: "relative",
    zIndex: 1,
  },
  watermark: {
    position: "absolute",
    inset: 0,
    display: "flex",
    alignItems: "center",
    justifyContent: "center",
    pointerEvents: "none",
    whiteSpace: "pre-wrap",
    textAlign: "center",
  },
  diagonal: { transform: "rotate(-35deg)" },
  grid: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(160px, 1fr))",
    gap: tokens.spacingHorizontalM,
  },
  variables: { fontFamily: tokens.fontFamilyMonospace, color: tokens.colorNeutralForeground3 },
});

const defaults: Record<Part, TextMarkingSettings | WatermarkSettings> = {
  header: { enabled: true, text: "${Item.Label}", fontSize: 10, fontColor: "#000000", alignment: "Center" },
  footer: {
    enabled: true,
    text: "Classified as ${Item.Label}",
    fontSize: 10,
    fontColor: "#000000",
    alignment: "Center",
  },
  watermark: { enabled: true, text: "${Item.Label}", fontSize: 48, fontColor: "#C0C0C0", layout: "Diagonal" },
};

function PartEditor(props: { label: Label; at: string; part: Part }) {
  const editor = useEditor();
  const form = useFormStyles();
  const styles = useStyles();
  const mark = props.label.marking[props.part];
  const path = `${props.at}.marking.${props.part}`;
  const set = (next: Partial<TextMarkingSettings & WatermarkSettings> | undefined) =>
    editor.updateLabel(props.label.id, (l) => {
      const marking = { ...l.marking };
      if (next === undefined) delete marking[props.part];
      else marking[props.part] = { ...(marking[props.part] ?? defaults[props.part]), ...next } as never;
      return { ...l, marking };
    });
  const title = props.part === "header" ? "Header" : props.part === "footer" ? "Footer" : "Watermark";
  return (
    <div className={form.form} data-testid={`marking-${props.part}`}>
      <SwitchField
        path={`${path}.enabled`}
        label={`${title}${props.part === "watermark" ? " (Word, Excel, PowerPoint; never on mail)" : ""}`}
        checked={mark?.enabled === true}
        onChange={(v) => set(mark ? { enabled: v } : v ? {} : undefined)}
      />
      {mark && (
        <>
          <TextAreaField
            path={`${path}.text`}
            label={`${title} text`}
            rows={2}
            value={mark.text}
            onChange={(v) => set({ text: v })}
          />
          <div className={styles.grid}>
            <TextField
              path={`${path}.fontName`}
              label="Font"
              placeholder="Calibri"
              value={mark.fontName ?? ""}
              onChange={(v) => set({ fontName: v === "" ? undefined : v })}
            />
            <NumberField
              path={`${path}.fontSize`}
              label="Size (pt)"
              value={mark.fontSize}
              onChange={(v) => set({ fontSize: v as number })}
            />
            <TextField
              path={`${path}.fontColor`}
              label="Colour"
              value={mark.fontColor}
              onChange={(v) => set({ fontColor: v })}
            />
            {"layout" in mark ? (
              <ChoiceField
                path={`${path}.layout`}
                label="Layout"
                value={mark.layout}
                choices={WATERMARK_LAYOUTS.map((l) => ({ value: l, text: l }))}
                onChange={(v) => set({ layout: v })}
              />
            ) : (
              <>
                <ChoiceField
                  path={`${path}.alignment`}
                  label="Alignment"
                  value={mark.alignment}
                  choices={MARKING_ALIGNMENTS.map((a) => ({ value: a, text: a }))}
                  onChange={(v) => set({ alignment: v })}
                />
                <NumberField
                  path={`${path}.margin`}
                  label="Margin (pt)"
                  value={mark.margin}
                  onChange={(v) => set({ margin: v })}
                />
              </>
            )}
          </div>
        </>
      )}
    </div>
  );
}

export function MarkingPreview(props: { label: Label; labelName: string }) {
  const styles = useStyles();
  const form = useFormStyles();
  const [app, setApp] = React.useState<OfficeApp>("Word");
  const [user, setUser] = React.useState({
    name: "Dana Whitfield",
    upn: "dana@contoso.com",
    item: "Q3 forecast",
  });
  const ext = app === "Word" ? ".docx" : app === "Excel" ? ".xlsx" : app === "PowerPoint" ? ".pptx" : "";
  const ctx = {
    app,
    labelDisplayName: props.labelName,
    itemName: `${user.item}${ext}`,
    itemLocation:
      app === "Outlook" ? user.item : `https://contoso.sharepoint.com/Shared Documents/${user.item}${ext}`,
    userName: user.name,
    userPrincipalName: user.upn,
    eventDateTime: new Date().toLocaleString(),
  };
  const resolved = resolveContentMarking(props.label.marking, ctx);
  const problems = (["header", "footer", "watermark"] as const).flatMap((part) => {
    const mark = props.label.marking[part];
    return mark ? validateMarkingTemplate(mark.text, part).map((i) => i.message) : [];
  });
  const excel = app === "Excel" ? renderExcelHeaderFooter(resolved) : null;
  // React applies `style` through CSSOM, which the console's CSP permits.
  const markStyle = (part: "header" | "footer"): React.CSSProperties => {
    const m = resolved[part];
    return m
      ? {
          textAlign: m.alignment === "Left" ? "left" : m.alignment === "Right" ? "right" : "center",
          color: m.fontColor,
          fontFamily: `${m.fontName}, sans-serif`,
          fontSize: `${Math.min(m.fontSize, 28)}pt`,
        }
      : {};
  };
  const w = resolved.watermark;
  const watermarkStyle: React.CSSProperties = w
    ? {
        color: w.fontColor,
        fontFamily: `${w.fontName}, sans-serif`,
        fontSize: `${Math.min(w.fontSize, 40)}pt`,
      }
    : {};
  return (
    <div className={form.form} data-testid="marking-preview">
      <TabList selectedValue={app} onTabSelect={(_e, d) => setApp(d.value as OfficeApp)} size="small">
        {APPS.map((a) => (
          <Tab key={a} value={a}>
            {a}
          </Tab>
        ))}
      </TabList>
      <div className={styles.grid}>
        <Field label="Preview as user">
          <Input value={user.name} onChange={(_e, d) => setUser({ ...user, name: d.value })} />
        </Field>
        <Field label="User principal name">
          <Input value={user.upn} onChange={(_e, d) => setUser({ ...user, upn: d.value })} />
        </Field>
        <Field label={app === "Outlook" ? "Subject" : "File name"}>
          <Input value={user.item} onChange={(_e, d) => setUser({ ...user, item: d.value })} />
        </Field>
      </div>
      <div className={styles.page} aria-label={`${app} preview`}>
        {resolved.watermark && (
          <div
            style={watermarkStyle}
            className={mergeClasses(
              styles.watermark,
              resolved.watermark.layout === "Diagonal" && styles.diagonal,
            )}
            data-testid="preview-watermark"
          >
            {resolved.watermark.text}
          </div>
        )}
        <div style={markStyle("header")} className={styles.mark} data-testid="preview-header">
          {resolved.header?.text ?? ""}
        </div>
        <div className={styles.body}>{app === "Outlook" ? "Message body" : "Document body"}</div>
        <div style={markStyle("footer")} className={styles.mark} data-testid="preview-footer">
          {resolved.footer?.text ?? ""}
        </div>
      </div>
      {excel && (
        <Text size={200} data-testid="preview-excel-length">
          Excel stores this header and footer in {excel.totalLength} of {EXCEL_HEADER_FOOTER_LIMIT}{" "}
          characters.
        </Text>
      )}
      {problems.length > 0 && (
        <MessageBar intent="warning" data-testid="preview-problems">
          <MessageBarBody>{problems.join(" · ")}</MessageBarBody>
        </MessageBar>
      )}
      <Text size={200} className={styles.variables}>
        Variables: {MARKING_VARIABLES.map((v) => `\${${v}}`).join(" ")} · per app: {"${If.App.WXP}…${If.End}"}
      </Text>
    </div>
  );
}

export function MarkingEditor(props: { label: Label; at: string }) {
  const form = useFormStyles();
  return (
    <div className={form.row}>
      <div className={form.form}>
        <PartEditor label={props.label} at={props.at} part="header" />
        <PartEditor label={props.label} at={props.at} part="footer" />
        <PartEditor label={props.label} at={props.at} part="watermark" />
      </div>
      {/* ${Item.Label} is the label's own display name, as the decision engine fills it in. */}
      <MarkingPreview label={props.label} labelName={props.label.displayName} />
    </div>
  );
}
