/** Worker-thread entry: scans the files the pool posts, with the settings it was started with. */
import { parentPort, workerData } from "node:worker_threads";
import { describeError } from "../ooxml/errors";
import { type ScanJob, type ScanSettings, jobRow, scanFile } from "./scanFile";

const settings = workerData as ScanSettings;

parentPort?.on("message", (msg: { id: number; job: ScanJob }) => {
  scanFile(msg.job, settings)
    .catch((err: unknown) => {
      const e = describeError(err);
      return {
        ...jobRow(msg.job),
        action: "error" as const,
        error: e.message,
        errorCode: e.code,
      };
    })
    .then((row) => parentPort?.postMessage({ id: msg.id, row }));
});
