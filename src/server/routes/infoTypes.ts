/**
 * Admin API for custom sensitive information types: the tenant's types as a part of the versioned
 * configuration, Purview rule-package import (a per-entity report; saved as a new version only
 * when the whole configuration still validates) and export, and the console's test box.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type {
  InfoTypeExportQuery,
  InfoTypeExportWarningsHeader,
  InfoTypeImportReport,
  InfoTypeImportResponse,
  InfoTypeList,
  InfoTypeTestRequest,
  InfoTypeTestResult,
} from "../../contracts/adminApi";
import { testInfoType } from "../../core/detect/custom/testInfoType";
import { encodeUtf16le } from "../../core/detect/rulePackage/decode";
import { exportRulePackage } from "../../core/detect/rulePackage/export";
import { importRulePackage } from "../../core/detect/rulePackage/import";
import { RulePackageError } from "../../core/detect/rulePackage/parse";
import { HttpError } from "../errors";
import type { PolicyVersion, Store } from "../storage/store";
import { currentOrNotFound, precondition, sendVersioned, storeDocument } from "./policyWrites";

const WARNINGS_HEADER: InfoTypeExportWarningsHeader = "x-labelbridge-warnings";

const admin = (summary: string, extra: Record<string, unknown> = {}) => ({
  schema: { tags: ["admin"], summary, security: [{ bearer: [] }], ...extra },
});

/** A version's types, with its ETag. */
function sendTypes(reply: FastifyReply, version: PolicyVersion) {
  const types: InfoTypeList = version.document.infoTypes;
  return sendVersioned(reply, version, types);
}

/** Types are part of a configuration: an edit names the version it starts from. */
function editOfExisting(request: FastifyRequest): { version: number } {
  const pre = precondition(request);
  if ("create" in pre)
    throw new HttpError(
      400,
      "create-whole-policy",
      "create the configuration with PUT /policy first, then its infoTypes",
    );
  return pre;
}

export default async function infoTypeRoutes(app: FastifyInstance, options: { store: Store }): Promise<void> {
  const { store } = options;

  /** The configuration as it is now, with its types made from the current ones, saved as a new version. */
  const saveTypes = async (
    request: FastifyRequest,
    pre: { version: number },
    kind: "replace" | "import",
    typesFrom: (current: InfoTypeList) => unknown,
  ) => {
    const current = await currentOrNotFound(store, request.principal!.tenantId);
    const infoTypes = typesFrom(current.document.infoTypes);
    return storeDocument(store, request.principal!, { ...current.document, infoTypes }, pre, kind);
  };

  // A rule package is posted as it was exported: XML bytes, often UTF-16 (decoded in core).
  app.addContentTypeParser(
    ["application/xml", "text/xml", "application/octet-stream"],
    { parseAs: "buffer" },
    (_request, body, done) => done(null, body),
  );

  app.get(
    "/info-types",
    admin("The tenant's custom information types (ETag = configuration version)"),
    async (request, reply) => sendTypes(reply, await currentOrNotFound(store, request.principal!.tenantId)),
  );

  app.put(
    "/info-types",
    admin("Replace the tenant's custom information types", {
      description:
        "If-Match required. A pattern that can backtrack catastrophically is refused (400 names type, pattern, reason).",
    }),
    async (request, reply) =>
      sendTypes(reply, await saveTypes(request, editOfExisting(request), "replace", () => request.body)),
  );

  app.post(
    "/info-types/import",
    admin("Import a Purview rule package (XML body) into the custom types, as a new version", {
      description:
        "Body: the rule package bytes (application/xml or application/octet-stream; UTF-16 or UTF-8). If-Match required. " +
        "Types with the same id are replaced. The reply reports, per entity, what was mapped and what was not.",
    }),
    async (request, reply) => {
      const pre = editOfExisting(request);
      if (!Buffer.isBuffer(request.body))
        throw new HttpError(
          415,
          "unsupported-media-type",
          "send the rule package as application/xml or application/octet-stream",
        );
      let result;
      try {
        result = importRulePackage(new Uint8Array(request.body));
      } catch (error) {
        if (error instanceof RulePackageError)
          throw new HttpError(400, "invalid-rule-package", error.message);
        throw error;
      }
      const report: InfoTypeImportReport = {
        rulePack: result.rulePack,
        entities: result.entities,
        problems: result.problems,
      };
      if (result.infoTypes.length === 0)
        throw new HttpError(
          400,
          "nothing-importable",
          "no entity of the rule package could be imported; nothing was saved",
          report,
        );
      const ids = new Set(result.infoTypes.map((t) => t.id));
      const saved = await saveTypes(request, pre, "import", (current) => [
        ...current.filter((t) => !ids.has(t.id)),
        ...result.infoTypes,
      ]);
      const answer: InfoTypeImportResponse = {
        version: saved.version,
        ...report,
        infoTypes: saved.document.infoTypes,
      };
      return sendVersioned(reply, saved, answer);
    },
  );

  app.get(
    "/info-types/export",
    admin("The custom types as a Purview rule package (UTF-16LE XML with BOM, as Purview exports)", {
      querystring: {
        type: "object",
        properties: {
          rulePackId: { type: "string", format: "uuid" },
          publisherId: { type: "string", format: "uuid" },
          publisher: { type: "string", maxLength: 256 },
          name: { type: "string", maxLength: 256 },
        },
        additionalProperties: false,
      },
    }),
    async (request, reply) => {
      const current = await currentOrNotFound(store, request.principal!.tenantId);
      const q = request.query as InfoTypeExportQuery;
      const tenant = current.document.siteId;
      // The tenant id keeps the package id stable from one export to the next.
      const { xml, warnings } = exportRulePackage(current.document.infoTypes, {
        id: q.rulePackId ?? tenant,
        publisherId: q.publisherId ?? tenant,
        publisherName: q.publisher ?? current.document.name,
        name: q.name ?? `${current.document.name} information types`,
      });
      return reply
        .header("content-type", "application/xml; charset=utf-16")
        .header("content-disposition", 'attachment; filename="labelbridge-info-types.xml"')
        .header(WARNINGS_HEADER, encodeURIComponent(JSON.stringify(warnings)))
        .header("etag", `"${current.version}"`)
        .header("cache-control", "no-store")
        .send(Buffer.from(encodeUtf16le(xml)));
    },
  );

  app.post(
    "/info-types/test",
    admin(
      "Run a (possibly unsaved) custom type on sample text: matches with confidence, or why it cannot be saved",
      {
        body: {
          type: "object",
          required: ["type", "text"],
          properties: { type: { type: "object" }, text: { type: "string", maxLength: 1_000_000 } },
          additionalProperties: false,
        },
      },
    ),
    async (request): Promise<InfoTypeTestResult> => {
      const { type, text } = request.body as InfoTypeTestRequest;
      return testInfoType(type, text);
    },
  );
}
