/** Per entity of a rule package: imported or not, patterns kept, and what could not be mapped. */
import * as React from "react";
import { Text } from "@fluentui/react-components";
import type { InfoTypeImportReport } from "../../../../contracts/adminApi";
import { Muted, Stack } from "../../../components/Layout";

export function ImportReport(props: { report: InfoTypeImportReport }) {
  const { entities, problems } = props.report;
  return (
    <Stack data-testid="import-report">
      {entities.map((e) => (
        <div key={e.id} data-testid="import-entity" data-imported={e.imported}>
          <Text weight="semibold">
            {e.name}: {e.imported ? "imported" : "not imported"}, {e.patterns.imported} of {e.patterns.total}{" "}
            patterns
          </Text>
          {e.problems.length > 0 && (
            <ul>
              {e.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
        </div>
      ))}
      {problems.length > 0 && (
        <>
          <Muted>Not imported from the package itself:</Muted>
          <ul>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </>
      )}
    </Stack>
  );
}
