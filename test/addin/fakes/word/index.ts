/**
 * A fake Word host: `Word.run` over an in-memory document with office.js batching rules.
 *
 *   const word = createFakeWord({ sections: [{ headers: { Primary: ["Acme Ltd"] } }] });
 *   globalThis.Word = word.Word as unknown as typeof Word;
 *   ... word.runtime.stats.roundTrips, word.model.sections[0].headers.Primary ...
 */
import { FakeHostRuntime, runBatch } from "../document/runtime";
import { type WordDocumentModel, type WordDocumentSpec, wordDocument } from "./model";
import { WordRequestContext } from "./proxies";

export * from "./model";
export { WordRequestContext } from "./proxies";

export interface FakeWord {
  /** Assign to `globalThis.Word`. */
  Word: {
    run: (...args: unknown[]) => Promise<unknown>;
    RequestContext: new () => WordRequestContext;
    HeaderFooterType: { primary: "Primary"; firstPage: "FirstPage"; evenPages: "EvenPages" };
    InsertLocation: { start: "Start"; end: "End"; replace: "Replace"; before: "Before"; after: "After" };
    ContentControlAppearance: { boundingBox: "BoundingBox"; tags: "Tags"; hidden: "Hidden" };
  };
  model: WordDocumentModel;
  runtime: FakeHostRuntime;
}

export function createFakeWord(spec: WordDocumentSpec | WordDocumentModel = {}): FakeWord {
  const model = "nextContentControlId" in spec ? spec : wordDocument(spec);
  const runtime = new FakeHostRuntime();
  const makeContext = () => new WordRequestContext(runtime, model);
  return {
    Word: {
      run: (...args: unknown[]) => runBatch(runtime, makeContext, args),
      RequestContext: class extends WordRequestContext {
        constructor() {
          super(runtime, model);
        }
      },
      HeaderFooterType: { primary: "Primary", firstPage: "FirstPage", evenPages: "EvenPages" },
      InsertLocation: { start: "Start", end: "End", replace: "Replace", before: "Before", after: "After" },
      ContentControlAppearance: { boundingBox: "BoundingBox", tags: "Tags", hidden: "Hidden" },
    },
    model,
    runtime,
  };
}
