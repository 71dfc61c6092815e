/**
 * #/protection: which labels protect and how (from the draft), the super users who may recover any
 * protected file (edited here), keys kept, released and refused over a period (the backend's
 * protection usage report, GET /reports/protection), the latest refusals and super-user grants, and
 * the key-encryption key.
 */
import * as React from "react";
import { Button, Input, Label, Text } from "@fluentui/react-components";
import type { ProtectionUsageReport } from "../../../../contracts/adminApi";
import { InlineMessage } from "../../../components/InlineMessage";
import { Grid, Muted, Row, SectionHeader, Stack, ViewTitle } from "../../../components/Layout";
import {
  keyEventTable,
  keyEventsByDay,
  keyEventsByLabel,
  labelProtectionTable,
} from "../../../model/protection";
import { useEditor } from "../../../state";
import { protectionUsage } from "../api";
import { FigureTable } from "./FigureTable";
import { KeyEncryptionKey } from "./KeyEncryptionKey";
import { SuperUsers } from "./SuperUsers";

const DAY_MS = 86_400_000;
const day = (t: number) => new Date(t).toISOString().slice(0, 10);

function useUsage(from: string, to: string, refreshed: number) {
  const { api } = useEditor();
  const [report, setReport] = React.useState<ProtectionUsageReport | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  React.useEffect(() => {
    let cancelled = false;
    setError(null);
    protectionUsage(api, from, to).then(
      (r) => !cancelled && setReport(r),
      (e: Error) => !cancelled && setError(e.message),
    );
    return () => {
      cancelled = true;
    };
  }, [api, from, to, refreshed]);
  return { report, error };
}

function Usage(props: { report: ProtectionUsageReport }) {
  const { report } = props;
  const t = report.totals;
  return (
    <Stack>
      {!report.escrowConfigured && (
        <InlineMessage intent="warning">
          The backend has no key-encryption key (LABELBRIDGE_KEK): it keeps no keys, so Labelbridge-protected
          labels are refused by the scanner and `labelbridge label`.
        </InlineMessage>
      )}
      <Text data-testid="protection-totals">
        {t.keysKept} keys kept ({t.keysRevoked} revoked). In this period: {t.escrowed} kept, {t.released}{" "}
        released ({t.superUserGrants} to super users), {t.refused} refused.
      </Text>
      <FigureTable
        name="Key events per day"
        table={keyEventsByDay(report)}
        empty="No key events in this period."
      />
      <FigureTable
        name="Key events per label"
        table={keyEventsByLabel(report)}
        empty="No key events in this period."
      />
      <SectionHeader title="Latest refusals" />
      <FigureTable
        name="Refusals"
        table={keyEventTable(report.refusals, true)}
        empty="No refusals in this period."
      />
      <SectionHeader title="Keys released to super users" />
      <FigureTable
        name="Super-user grants"
        table={keyEventTable(report.superUserGrants, false)}
        empty="No super-user grants in this period."
      />
    </Stack>
  );
}

export function ProtectionView() {
  const editor = useEditor();
  const [from, setFrom] = React.useState(() => day(Date.now() - 29 * DAY_MS));
  const [to, setTo] = React.useState(() => day(Date.now()));
  const [refreshed, setRefreshed] = React.useState(0);
  const { report, error } = useUsage(from, to, refreshed);
  const labels = editor.draft?.labels ?? [];
  return (
    <Stack>
      <ViewTitle>Protection</ViewTitle>
      <Muted>
        How each label protects is edited in its label (Labels). Purview-protected labels are applied only
        through Outlook&apos;s own sensitivity label; Labelbridge-protected files are encrypted by the scanner
        and `labelbridge label`, and their keys released to the label&apos;s rights holders and the super
        users.
      </Muted>
      <SectionHeader title="Labels and how they protect" />
      <FigureTable name="Labels and protection" table={labelProtectionTable(labels)} empty="No labels." />
      <SuperUsers />
      <SectionHeader title="Keys released and refused" />
      <Row>
        <Grid size="narrow">
          <div>
            <Label htmlFor="protection-from">From</Label>
            <Input id="protection-from" type="date" value={from} onChange={(_e, d) => setFrom(d.value)} />
          </div>
          <div>
            <Label htmlFor="protection-to">To</Label>
            <Input id="protection-to" type="date" value={to} onChange={(_e, d) => setTo(d.value)} />
          </div>
        </Grid>
        <Button onClick={() => setRefreshed((n) => n + 1)}>Refresh</Button>
      </Row>
      {error && <InlineMessage intent="error">{error}</InlineMessage>}
      {report && <Usage report={report} />}
      <KeyEncryptionKey refreshed={refreshed} onRewrapped={() => setRefreshed((n) => n + 1)} />
    </Stack>
  );
}
