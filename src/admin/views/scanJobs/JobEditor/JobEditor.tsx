/**
 * A job's definition as a form: each field shows the backend's `invalid-scan-job` problem at its
 * path; problems of the whole definition go above the buttons. Nothing is checked here that the
 * backend checks: what it refuses, it names.
 */
import * as React from "react";
import { Button, Field, Input, Radio, RadioGroup, Switch, Textarea } from "@fluentui/react-components";
import type { ScanJobIssue } from "../../../../contracts/scanJobs";
import { type JobField, type JobForm, issuesByField } from "../../../model/scanJobs";
import { InlineMessage } from "../../../components/InlineMessage";
import { Grid, Row, SectionTitle, Stack } from "../../../components/Layout";

export interface JobEditorProps {
  title: string;
  form: JobForm;
  onChange: (form: JobForm) => void;
  issues: ScanJobIssue[];
  /** The refusal's message when it had no issues at fields (or another error). */
  error: string | null;
  busy: boolean;
  onSave: () => void;
  onCancel: () => void;
}

type TextKey = { [K in JobField]: JobForm[K] extends string ? K : never }[JobField];
type FlagKey = { [K in JobField]: JobForm[K] extends boolean ? K : never }[JobField];

export function JobEditor(props: JobEditorProps) {
  const { fields, general } = issuesByField(props.issues);
  const set = <K extends JobField>(key: K, value: JobForm[K]) =>
    props.onChange({ ...props.form, [key]: value });
  const at = (key: JobField) => ({
    validationState: fields[key] ? ("error" as const) : ("none" as const),
    validationMessage: fields[key],
    "data-testid": `job-field-${key}`,
  });
  const text = (key: TextKey, label: string, hint?: string, multiline = false) => (
    <Field label={label} hint={hint} {...at(key)}>
      {multiline ? (
        <Textarea value={props.form[key]} onChange={(_e, d) => set(key, d.value)} resize="vertical" />
      ) : (
        <Input value={props.form[key]} onChange={(_e, d) => set(key, d.value)} />
      )}
    </Field>
  );
  const flag = (key: FlagKey, label: string) => (
    <Field {...at(key)}>
      <Switch label={label} checked={props.form[key]} onChange={(_e, d) => set(key, d.checked)} />
    </Field>
  );
  return (
    <Stack form data-testid="job-editor">
      <SectionTitle>{props.title}</SectionTitle>
      {text("name", "Name")}
      {text("repositories", "Repositories", "One absolute path per line, as every node sees it", true)}
      <Grid size="field">
        {text("include", "Include", "Globs, one per line (none: every file)", true)}
        {text("exclude", "Exclude", "Globs, one per line", true)}
      </Grid>
      <Field label="Mode" {...at("mode")}>
        <RadioGroup
          layout="horizontal"
          value={props.form.mode}
          onChange={(_e, d) => set("mode", d.value as JobForm["mode"])}
        >
          <Radio value="discover" label="Discover" />
          <Radio value="enforce" label="Enforce" />
        </RadioGroup>
      </Field>
      <Grid size="field">
        {text("everyMinutes", "Run every (minutes)", "Empty: only when started")}
        {text("startAt", "Schedule starts at", "ISO time, e.g. 2026-12-06T02:00:00Z (empty: now)")}
        {text("upn", "Identity (UPN)", "Whose policies apply; empty: the policies for everyone")}
        {text("identityName", "Name in audit events")}
        {text("groups", "Identity's groups", "Group ids, one per line", true)}
        {text("policyVersion", "Configuration version", "Empty: the current one when a run starts")}
        {text("justification", "Justification", "With relabel (enforce)")}
        {text("fileTimeoutSeconds", "File timeout (seconds)")}
      </Grid>
      <Grid size="field">
        {flag("relabel", "Relabel files that have a label")}
        {flag("treatRecommendedAsAutomatic", "Treat recommended as automatic")}
        {flag("dryRun", "Dry run (write nothing)")}
        {flag("incremental", "Skip unchanged files")}
        {flag("enabled", "Enabled (the schedule starts runs)")}
      </Grid>
      {(general.length > 0 || props.error) && (
        <InlineMessage intent="error" title="The job was not saved" data-testid="job-refused">
          {[props.error, ...general].filter(Boolean).join(" ")}
        </InlineMessage>
      )}
      <Row>
        <Button appearance="primary" disabled={props.busy} onClick={props.onSave}>
          Save job
        </Button>
        <Button disabled={props.busy} onClick={props.onCancel}>
          Cancel
        </Button>
      </Row>
    </Stack>
  );
}
