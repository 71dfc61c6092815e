/** The period, label and group a report covers, and per day or per week. */
import * as React from "react";
import { Combobox, Dropdown, Field, Input, Option, Spinner, Tab, TabList } from "@fluentui/react-components";
import type { Label } from "../../../../core/policy";
import { fullName } from "../../../model/labelNames";
import { orderedLabels } from "../../../model/labelTree";
import type { Granularity } from "../../../model/reportTables";
import { useReportsStyles } from "./ReportsView.styles";

export interface Filters {
  from: string;
  to: string;
  labelId: string;
  group: string;
  granularity: Granularity;
}

export function ReportFilters(props: {
  filters: Filters;
  onChange: (change: Partial<Filters>) => void;
  labels: readonly Label[];
  groups: readonly string[];
  loading: boolean;
}) {
  const styles = useReportsStyles();
  const { filters: f, onChange, labels } = props;
  const labelName = f.labelId
    ? fullName(labels.find((l) => l.id === f.labelId) ?? labels[0], labels)
    : "All labels";
  return (
    <div className={styles.filters} role="search" aria-label="Report filters">
      <Field label="From">
        <Input
          type="date"
          value={f.from}
          max={f.to}
          onChange={(_e, d) => d.value && onChange({ from: d.value })}
        />
      </Field>
      <Field label="To">
        <Input
          type="date"
          value={f.to}
          min={f.from}
          onChange={(_e, d) => d.value && onChange({ to: d.value })}
        />
      </Field>
      <Field label="Label">
        <Dropdown
          value={labelName}
          selectedOptions={[f.labelId]}
          onOptionSelect={(_e, d) => onChange({ labelId: d.optionValue ?? "" })}
        >
          <Option value="">All labels</Option>
          {orderedLabels(labels).map((l) => (
            <Option key={l.id} value={l.id}>
              {fullName(l, labels)}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field label="Group" hint="As in users' tokens; empty = everyone">
        <Combobox
          freeform
          value={f.group}
          selectedOptions={f.group ? [f.group] : []}
          placeholder="Everyone"
          onChange={(e) => onChange({ group: e.target.value })}
          onOptionSelect={(_e, d) => onChange({ group: d.optionValue ?? "" })}
        >
          <Option value="">Everyone</Option>
          {props.groups.map((g) => (
            <Option key={g} value={g}>
              {g}
            </Option>
          ))}
        </Combobox>
      </Field>
      <TabList
        selectedValue={f.granularity}
        onTabSelect={(_e, d) => onChange({ granularity: d.value as Granularity })}
      >
        <Tab value="day">Per day</Tab>
        <Tab value="week">Per week</Tab>
      </TabList>
      {props.loading && <Spinner size="tiny" label="Updating…" />}
    </div>
  );
}
