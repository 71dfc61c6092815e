/** The period's totals in large figures. */
import * as React from "react";
import { Text } from "@fluentui/react-components";
import type { ReportTotals as Totals } from "../../../../contracts/adminApi";
import { Muted } from "../../../components/Layout";
import { useReportsStyles } from "./ReportsView.styles";

export function ReportTotals(props: { totals: Totals }) {
  const styles = useReportsStyles();
  const t = props.totals;
  const figures = [
    ["Labels applied", t.applied],
    ["Changed", t.changed],
    ["Downgrades", t.downgrades],
    ["Sends blocked", t.blockedSends],
    ["Recommendations accepted", t.recommendationsAccepted],
    ["Dismissed", t.recommendationsDismissed],
    ["Unlabeled documents", t.unlabeled],
    ["Files scanned", t.scannedFiles],
  ] as const;
  return (
    <div className={styles.totals} data-testid="report-totals">
      {figures.map(([name, n]) => (
        <div key={name} className={styles.total}>
          <Text size={600} weight="semibold">
            {n}
          </Text>
          <Muted size={200}>{name}</Muted>
        </div>
      ))}
    </div>
  );
}
