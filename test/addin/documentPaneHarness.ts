/**
 * The Word/Excel task pane's controller over a fake document host, with the services it really
 * uses (policy client, audit queue) speaking to an in-memory backend that serves `policy` and
 * collects the audit events posted. Shared by the pane's unit suites (documentPane, labelMappings).
 */
import type { AuditEvent } from "../../src/core/audit";
import type { EffectivePolicy } from "../../src/core/policy";
import type { DocumentLabelingHost } from "../../src/addin/hosts/documentHost";
import { en } from "../../src/addin/i18n/en";
import type { Strings } from "../../src/addin/i18n/types";
import type { HttpClient } from "../../src/addin/ports/http";
import { memoryStore } from "../../src/addin/ports/storage";
import { AuditQueue } from "../../src/addin/services/auditQueue";
import { defaultConfig } from "../../src/addin/services/config";
import { PolicyClient } from "../../src/addin/services/policyClient";
import { PaneController } from "../../src/addin/taskpane/controller";
import * as engine from "../../src/addin/taskpane/engine";
import * as labelState from "../../src/core/decide/labelState";
import { ExcelHost } from "../../src/addin/hosts/excel";
import { WordHost } from "../../src/addin/hosts/word";
import { createFakeExcel } from "./fakes/excel";
import { createFakeOffice } from "./fakes/document/office";
import { createFakeWord } from "./fakes/word";
import { OUR_TENANT } from "./documentSetup";

export const PRIYA = { name: "Priya Shah", principalName: "priya@contoso.com" };
const config = defaultConfig({ apiBase: "https://labels.example.com" });

export interface DocumentPane {
  controller: PaneController;
  /** Audit events the pane posted, in order. */
  audit: AuditEvent[];
  /** Lets the pane's background work (policy refresh, audit flush) finish. */
  settle: () => Promise<void>;
}

export async function documentPane(
  host: DocumentLabelingHost,
  policy: EffectivePolicy,
  strings: Strings = en,
  now = () => new Date("2026-11-29T10:15:30Z"),
): Promise<DocumentPane> {
  const store = memoryStore({ "labelbridge.devToken": "a.b.c" });
  const audit: AuditEvent[] = [];
  const http: HttpClient = async (req) => {
    if (req.method === "POST") {
      audit.push(...(JSON.parse(req.body!).events as AuditEvent[]));
      return { status: 202, header: () => null, text: async () => "{}" };
    }
    return { status: 200, header: () => null, text: async () => JSON.stringify(policy) };
  };
  const tokens = { kind: "dev", token: async () => "a.b.c" };
  let n = 0;
  const controller = new PaneController({
    host,
    strings,
    engine: async () => engine,
    labelState: async () => labelState,
    extras: { ensureOpensWithDocument: (on) => host.ensureOpensWithDocument(on) },
    policy: new PolicyClient({ config, store, tokens, http, user: PRIYA.principalName }),
    audit: new AuditQueue({ config, store, tokens, http }),
    store,
    now,
    newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`,
  });
  await controller.init();
  const settle = () => new Promise<void>((r) => setTimeout(r, 20));
  await settle();
  return { controller, audit, settle };
}

export function wordDocument(
  properties: Record<string, string> = {},
  settings: Record<string, unknown> = {},
) {
  const word = createFakeWord({
    sections: [{ body: ["Plan 2027"], headers: { Primary: ["Acme Ltd"] } }, { body: ["Appendix"] }],
    properties,
  });
  const office = createFakeOffice({
    host: "Word",
    url: "https://contoso.sharepoint.com/sites/fin/Plan%202027.docx",
    settings,
  });
  const host = new WordHost({
    office: office.Office as unknown as typeof Office,
    word: word.Word as unknown as typeof Word,
    user: () => PRIYA,
  });
  return { word, office, host };
}

export function workbook(properties: Record<string, string> = {}, clock = { ms: 0 }) {
  const excel = createFakeExcel({ sheets: [{ name: "Budget" }, { name: "Notes" }], properties });
  const office = createFakeOffice({ host: "Excel", url: "C:\\Users\\priya\\Budget.xlsx" });
  const host = new ExcelHost({
    office: office.Office as unknown as typeof Office,
    excel: excel.Excel as unknown as typeof Excel,
    user: () => PRIYA,
    now: () => clock.ms,
  });
  return { excel, office, host };
}

export function ourLabelIn(props: Record<string, string>): string | null {
  const found = Object.keys(props).find(
    (k) =>
      k.endsWith("_SiteId") && props[k] === OUR_TENANT && props[k.replace(/_SiteId$/, "_Enabled")] === "true",
  );
  return found ? found.slice("MSIP_Label_".length, -"_SiteId".length) : null;
}

export type Pane = DocumentPane;
export const pane = documentPane;
