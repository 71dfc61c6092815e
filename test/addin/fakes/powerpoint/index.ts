/**
 * A fake PowerPoint host: `PowerPoint.run` over an in-memory presentation with office.js batching
 * rules, and the requirement sets of an older client (below PowerPointApi 1.7 the custom
 * properties do not exist; below 1.10 neither pageSetup nor Shape.rotation do).
 *
 *   const ppt = createFakePowerPoint({ masters: [{ layouts: [{ name: "Title Slide" }] }] });
 *   globalThis.PowerPoint = ppt.PowerPoint as unknown as typeof PowerPoint;
 */
import { FakeHostRuntime, runBatch } from "../document/runtime";
import { type PresentationModel, type PresentationSpec, presentation } from "./model";
import { PowerPointRequestContext } from "./proxies";

export * from "./model";
export { PowerPointRequestContext } from "./proxies";

/** Office's own text for a call the client's PowerPoint does not have. */
export const API_NOT_FOUND =
  "The API you are trying to use could not be found. It may be available in a newer version of PowerPoint. Please refer to the documentation for more information.";

export interface FakePowerPoint {
  /** Assign to `globalThis.PowerPoint`. */
  PowerPoint: {
    run: (...args: unknown[]) => Promise<unknown>;
    RequestContext: new () => PowerPointRequestContext;
  };
  model: PresentationModel;
  runtime: FakeHostRuntime;
}

export interface FakePowerPointOptions {
  /** The client's highest PowerPointApi version (default "1.10"); keep the fake Office's in step. */
  powerPointApi?: string;
}

function below(version: string, wanted: number[]): boolean {
  const have = version.split(".").map(Number);
  for (let i = 0; i < wanted.length; i++) {
    if ((have[i] ?? 0) !== wanted[i]) return (have[i] ?? 0) < wanted[i];
  }
  return false;
}

export function createFakePowerPoint(
  spec: PresentationSpec | PresentationModel = {},
  options: FakePowerPointOptions = {},
): FakePowerPoint {
  const model = "nextId" in spec ? spec : presentation(spec);
  const runtime = new FakeHostRuntime();
  const version = options.powerPointApi ?? "1.10";
  if (below(version, [1, 7]))
    runtime.lacks(
      (c) => c.startsWith("PowerPoint.CustomProperty") || c.startsWith("PowerPoint.DocumentProperties"),
      API_NOT_FOUND,
    );
  if (below(version, [1, 10]))
    runtime.lacks(
      (c) => c.startsWith("PowerPoint.PageSetup") || c === "PowerPoint.Shape.rotation=",
      API_NOT_FOUND,
    );
  const makeContext = () => new PowerPointRequestContext(runtime, model);
  return {
    PowerPoint: {
      run: (...args: unknown[]) => runBatch(runtime, makeContext, args),
      RequestContext: class extends PowerPointRequestContext {
        constructor() {
          super(runtime, model);
        }
      },
    },
    model,
    runtime,
  };
}
