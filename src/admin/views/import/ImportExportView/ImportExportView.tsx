/**
 * Microsoft Graph JSON in and out: export the labels and one policy's settings in Graph's shapes, or
 * import a Purview tenant's `sensitivityLabel` list (and policy settings) as a new version.
 */
import * as React from "react";
import { Grid } from "../../../components/Layout";
import { ExportCard } from "./ExportCard";
import { ImportCard } from "./ImportCard";
import { ResultMessage, type Result } from "./ResultMessage";

export function ImportExportView() {
  const [result, setResult] = React.useState<Result | null>(null);
  return (
    <Grid size="wide">
      <ExportCard onResult={setResult} />
      <ImportCard onResult={setResult} />
      {result && <ResultMessage result={result} />}
    </Grid>
  );
}
