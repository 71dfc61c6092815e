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

/** Office's own text for a call the client's Word does not have. */
export const API_NOT_FOUND =
  "The API you are trying to use could not be found. It may be available in a newer version of Word. Please refer to the documentation for more information.";

export interface FakeWordHostOptions {
  /**
   * The client's highest WordApi version (default "1.5"). Below 1.3 the document's custom
   * properties do not exist: every call on them fails with ApiNotFound (keep the fake Office's
   * requirementSets in step).
   */
  wordApi?: string;
  /**
   * The client's WordApiDesktop version, or null (default) for none — Word on the web, Mac before
   * it: then every Shape call fails with ApiNotFound (keep the fake Office's requirementSets in step).
   */
  wordApiDesktop?: string | null;
}

export function createFakeWord(
  spec: WordDocumentSpec | WordDocumentModel = {},
  host: FakeWordHostOptions = {},
): FakeWord {
  const model = "nextContentControlId" in spec ? spec : wordDocument(spec);
  const runtime = new FakeHostRuntime();
  const [major, minor] = (host.wordApi ?? "1.5").split(".").map(Number);
  if (major === 1 && minor < 3)
    runtime.lacks(
      (c) => c.startsWith("Word.CustomProperty") || c.startsWith("Word.DocumentProperties"),
      API_NOT_FOUND,
    );
  if ((host.wordApiDesktop ?? null) === null) runtime.lacks((c) => c.startsWith("Word.Shape"), API_NOT_FOUND);
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
