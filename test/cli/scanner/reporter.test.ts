/**
 * How a node streams a unit's rows (src/cli/scanner/reporter.ts): a unit of small files goes in one
 * request, which finishes it; a bigger one in several, in order, the last saying done.
 */
import type { ScannerClient } from "../../../src/cli/scanner/client";
import { UnitReporter } from "../../../src/cli/scanner/reporter";
import { FILES_PER_UNIT, type FileResult } from "../../../src/server/scanJobs/wire";

function fakeClient(): { client: ScannerClient; posts: Array<{ rows: number; done: boolean }> } {
  const posts: Array<{ rows: number; done: boolean }> = [];
  const client = {
    results: async (_run: string, _unit: string, _claim: number, results: FileResult[], done: boolean) => {
      posts.push({ rows: results.length, done });
      return { stored: results.length, duplicates: 0 };
    },
  } as unknown as ScannerClient;
  return { client, posts };
}

const result = (i: number): FileResult => ({
  path: `/srv/f${i}.txt`,
  outcome: "unchanged",
  size: 1,
  mtimeMs: 1,
  hash: "h",
  row: null,
});

test("a full unit of small files is reported in one request that finishes it", async () => {
  const { client, posts } = fakeClient();
  const reporter = new UnitReporter(client, "run", "unit", 1, FILES_PER_UNIT);
  for (let i = 0; i < FILES_PER_UNIT; i++) reporter.add(result(i));
  await reporter.finish();
  expect(posts).toEqual([{ rows: FILES_PER_UNIT, done: true }]);
});

test("more rows than a request takes go in several, the last one saying done", async () => {
  const { client, posts } = fakeClient();
  const files = 2 * FILES_PER_UNIT + 1;
  const reporter = new UnitReporter(client, "run", "unit", 1, files);
  for (let i = 0; i < files; i++) reporter.add(result(i));
  await reporter.finish();
  expect(posts).toEqual([
    { rows: FILES_PER_UNIT, done: false },
    { rows: FILES_PER_UNIT, done: false },
    { rows: 1, done: true },
  ]);
});
