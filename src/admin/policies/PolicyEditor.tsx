/**
 * One label policy: who it scopes, its phase of the roadmap, the labels it publishes and every
 * setting of the policy model. Settings the phase does not switch on yet are marked as such.
 */
import * as React from "react";
import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Divider,
  Field,
  MessageBar,
  MessageBarBody,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { DeleteRegular } from "@fluentui/react-icons";
import {
  ATTACHMENT_INHERITANCE,
  MARKING_PROFILES,
  OFFLINE_SEND_FALLBACKS,
  PHASE_ORDER,
  phaseFeatures,
  type LabelPolicy,
  type PolicySettings,
} from "../../core/policy";
import { useEditor } from "../state/editor";
import {
  ChoiceField,
  LinesField,
  SwitchField,
  TextAreaField,
  TextField,
  useIssueMessage,
} from "../components/fields";
import { LabelMultiPicker, LabelPicker, LabelSwatch } from "../components/labels";
import { labelTree } from "../model/labelTree";
import { PHASE_SUMMARIES, PHASE_TITLES } from "../model/rollout";
import { useFormStyles } from "../labels/LabelEditor";
import { navigate } from "../router";
import { RecipientRulesEditor } from "./RecipientRulesEditor";

const useStyles = makeStyles({
  tree: { display: "flex", flexDirection: "column" },
  child: { paddingLeft: tokens.spacingHorizontalXXL },
});

function PublishedLabels(props: { policy: LabelPolicy; at: string }) {
  const styles = useStyles();
  const editor = useEditor();
  const draft = editor.draft!;
  const message = useIssueMessage(`${props.at}.labels`, true);
  const published = new Set(props.policy.labels);
  const toggle = (id: string, on: boolean) =>
    editor.updatePolicy(props.policy.id, (p) => ({
      ...p,
      labels: on ? [...p.labels, id] : p.labels.filter((x) => x !== id),
    }));
  return (
    <Field
      label="Labels this policy publishes"
      hint="A published sublabel shows its parent too."
      validationState={message ? "error" : "none"}
      validationMessage={message}
      data-path={`${props.at}.labels`}
    >
      <div className={styles.tree}>
        {labelTree(draft.labels).map((node) => (
          <React.Fragment key={node.label.id}>
            <Checkbox
              checked={published.has(node.label.id)}
              onChange={(_e, d) => toggle(node.label.id, d.checked === true)}
              label={
                <>
                  <LabelSwatch color={node.label.color} />
                  {node.label.displayName}
                </>
              }
            />
            {node.children.map((c) => (
              <Checkbox
                key={c.id}
                className={styles.child}
                checked={published.has(c.id)}
                onChange={(_e, d) => toggle(c.id, d.checked === true)}
                label={c.displayName}
              />
            ))}
          </React.Fragment>
        ))}
      </div>
    </Field>
  );
}

export function PolicyEditor(props: { policy: LabelPolicy }) {
  const form = useFormStyles();
  const editor = useEditor();
  const draft = editor.draft!;
  const { policy } = props;
  const index = draft.policies.findIndex((p) => p.id === policy.id);
  const at = `policies[${index}]`;
  const s = policy.settings;
  const set = (change: Partial<LabelPolicy>) => editor.updatePolicy(policy.id, (p) => ({ ...p, ...change }));
  const setting = <K extends keyof PolicySettings>(key: K, value: PolicySettings[K]) =>
    editor.updatePolicy(policy.id, (p) => ({ ...p, settings: { ...p.settings, [key]: value } }));
  const features = phaseFeatures(policy.phase);
  const scopeMessage = useIssueMessage(`${at}.scope`);
  const later = (what: string, phase: string) =>
    `${what} take effect from phase ${phase}; this policy is in ${PHASE_TITLES[policy.phase]}.`;

  return (
    <div className={form.form} data-testid="policy-editor" data-policy-id={policy.id}>
      <Text as="h2" size={600} weight="semibold">
        {policy.name}
      </Text>
      <div className={form.row}>
        <TextField
          path={`${at}.name`}
          label="Name"
          required
          value={policy.name}
          onChange={(v) => set({ name: v })}
        />
        <ChoiceField
          path={`${at}.phase`}
          label="Phase"
          value={policy.phase}
          choices={PHASE_ORDER.map((p) => ({ value: p, text: PHASE_TITLES[p] }))}
          hint={PHASE_SUMMARIES[policy.phase]}
          onChange={(v) => set({ phase: v })}
        />
      </div>
      <TextAreaField
        path={`${at}.description`}
        label="Description"
        rows={2}
        value={policy.description}
        onChange={(v) => set({ description: v })}
      />

      <Divider />
      <Text as="h3" size={500} weight="semibold">
        Scope
      </Text>
      {scopeMessage && (
        <MessageBar intent="error" data-path={`${at}.scope`}>
          <MessageBarBody>{scopeMessage}</MessageBarBody>
        </MessageBar>
      )}
      <SwitchField
        path={`${at}.scope.everyone`}
        label="Everyone in the tenant"
        checked={policy.scope.everyone}
        onChange={(v) => set({ scope: { ...policy.scope, everyone: v } })}
      />
      <div className={form.row}>
        <LinesField
          path={`${at}.scope.groups`}
          label="Groups (one per line)"
          hint="Entra group object ids, as in the token's groups claim."
          value={policy.scope.groups}
          onChange={(v) => set({ scope: { ...policy.scope, groups: v } })}
        />
        <LinesField
          path={`${at}.scope.users`}
          label="Users (one per line)"
          hint="User principal names or object ids."
          value={policy.scope.users}
          onChange={(v) => set({ scope: { ...policy.scope, users: v } })}
        />
      </div>

      <Divider />
      <PublishedLabels policy={policy} at={at} />

      <Divider />
      <Text as="h3" size={500} weight="semibold">
        Defaults, mandatory labeling and justification
      </Text>
      {!features.enforcement && (
        <Text className={form.muted}>{later("These settings", PHASE_TITLES.advance)}</Text>
      )}
      <div className={form.row}>
        <LabelPicker
          path={`${at}.settings.defaultDocumentLabel`}
          label="Default label for documents"
          labels={draft.labels}
          value={s.defaultDocumentLabel ?? ""}
          specials={[{ value: "", text: "None" }]}
          onChange={(v) => setting("defaultDocumentLabel", v === "" ? null : v)}
        />
        <LabelPicker
          path={`${at}.settings.defaultMailLabel`}
          label="Default label for mail"
          labels={draft.labels}
          value={s.defaultMailLabel ?? ""}
          specials={[
            { value: "", text: "Same as documents" },
            { value: "none", text: "None" },
          ]}
          onChange={(v) => setting("defaultMailLabel", v === "" ? null : v)}
        />
      </div>
      <div className={form.inline}>
        <SwitchField
          path={`${at}.settings.mandatoryMail`}
          label="Mail must have a label before it is sent"
          checked={s.mandatoryMail}
          onChange={(v) => setting("mandatoryMail", v)}
        />
        <SwitchField
          path={`${at}.settings.mandatoryDocuments`}
          label="Documents must have a label"
          checked={s.mandatoryDocuments}
          onChange={(v) => setting("mandatoryDocuments", v)}
        />
        <SwitchField
          path={`${at}.settings.justificationRequired`}
          label="Ask why when a label is lowered or removed"
          checked={s.justificationRequired}
          onChange={(v) => setting("justificationRequired", v)}
        />
      </div>
      <div className={form.row}>
        <LinesField
          path={`${at}.settings.justificationReasons`}
          label="Justification reasons (one per line)"
          value={s.justificationReasons}
          onChange={(v) => setting("justificationReasons", v)}
        />
        <TextField
          path={`${at}.settings.otherReasonText`}
          label="The 'Other' choice"
          hint="Always asks for text."
          value={s.otherReasonText}
          onChange={(v) => setting("otherReasonText", v)}
        />
      </div>
      <LabelMultiPicker
        path={`${at}.settings.preventDowngradeFrom`}
        label="Never lower a label from"
        hint="Stronger than Purview, which can only ask for a justification."
        labels={draft.labels}
        value={s.preventDowngradeFrom}
        onChange={(v) => setting("preventDowngradeFrom", v)}
      />

      <Divider />
      <Text as="h3" size={500} weight="semibold">
        Recommendations and attachments
      </Text>
      {!features.autoLabeling && <Text className={form.muted}>{later("These", PHASE_TITLES.advance)}</Text>}
      <div className={form.row}>
        <SwitchField
          path={`${at}.settings.mailRecommendations`}
          label="Recommend labels in Outlook"
          checked={s.mailRecommendations}
          onChange={(v) => setting("mailRecommendations", v)}
        />
        <ChoiceField
          path={`${at}.settings.attachmentInheritance`}
          label="Mail takes the label of its most sensitive attachment"
          value={s.attachmentInheritance}
          choices={ATTACHMENT_INHERITANCE.map((a) => ({ value: a, text: a }))}
          onChange={(v) => setting("attachmentInheritance", v)}
        />
      </div>

      <Divider />
      <Text as="h3" size={500} weight="semibold">
        Recipient rules
      </Text>
      {!features.recipientRules && (
        <Text className={form.muted}>{later("Recipient rules", PHASE_TITLES.advance)}</Text>
      )}
      <RecipientRulesEditor policy={policy} at={at} />

      <Divider />
      <Text as="h3" size={500} weight="semibold">
        Marking profile, help and audit
      </Text>
      <div className={form.row}>
        <ChoiceField
          path={`${at}.settings.markingProfile`}
          label="Marking profile"
          value={s.markingProfile}
          choices={MARKING_PROFILES.map((m) => ({
            value: m,
            text:
              m === "purview" ? "Purview (headers, footers, watermarks)" : "au-epms (Australian Government)",
          }))}
          onChange={(v) => setting("markingProfile", v)}
        />
        {s.markingProfile === "au-epms" && (
          <TextField
            path={`${at}.settings.epmsVersion`}
            label="EPMS version"
            value={s.epmsVersion}
            onChange={(v) => setting("epmsVersion", v)}
          />
        )}
        <TextField
          path={`${at}.settings.moreInfoUrl`}
          label="'Learn more' link"
          placeholder="https://intranet.example.com/labels"
          value={s.moreInfoUrl ?? ""}
          onChange={(v) => setting("moreInfoUrl", v === "" ? undefined : v)}
        />
        <TextField
          path={`${at}.settings.reportIssueUrl`}
          label="'Report an issue' link"
          placeholder="mailto:helpdesk@example.com"
          value={s.reportIssueUrl ?? ""}
          onChange={(v) => setting("reportIssueUrl", v === "" ? undefined : v)}
        />
        <ChoiceField
          path={`${at}.settings.offlineSendFallback`}
          label="When Outlook has never received a policy"
          value={s.offlineSendFallback}
          choices={OFFLINE_SEND_FALLBACKS.map((o) => ({
            value: o,
            text: o === "allow" ? "Let mail go (and record it)" : "Block sending",
          }))}
          onChange={(v) => setting("offlineSendFallback", v)}
        />
        <SwitchField
          path={`${at}.settings.auditEnabled`}
          label="Send audit events"
          checked={s.auditEnabled}
          onChange={(v) => setting("auditEnabled", v)}
        />
      </div>

      <Divider />
      <div>
        <Dialog>
          <DialogTrigger disableButtonEnhancement>
            <Button icon={<DeleteRegular />}>Delete policy</Button>
          </DialogTrigger>
          <DialogSurface>
            <DialogBody>
              <DialogTitle>Delete {policy.name}?</DialogTitle>
              <DialogContent>
                People it scopes fall back to the other policies that scope them, once you save.
              </DialogContent>
              <DialogActions>
                <DialogTrigger disableButtonEnhancement>
                  <Button>Cancel</Button>
                </DialogTrigger>
                <DialogTrigger disableButtonEnhancement>
                  <Button
                    appearance="primary"
                    onClick={() => {
                      editor.update((d) => ({
                        ...d,
                        policies: d.policies.filter((p) => p.id !== policy.id),
                      }));
                      navigate("policies");
                    }}
                  >
                    Delete
                  </Button>
                </DialogTrigger>
              </DialogActions>
            </DialogBody>
          </DialogSurface>
        </Dialog>
      </div>
    </div>
  );
}
