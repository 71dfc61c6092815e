/** The task pane (controller.ts) on a Word document or an Excel workbook, against the fake hosts. */
import type { AuditEvent } from "../../src/core/audit";
import type { EffectivePolicy } from "../../src/core/policy";
import { ExcelHost } from "../../src/addin/hosts/excel";
import { WordHost } from "../../src/addin/hosts/word";
import { en } from "../../src/addin/i18n/en";
import { AuditQueue } from "../../src/addin/services/auditQueue";
import { defaultConfig } from "../../src/addin/services/config";
import type { HttpClient } from "../../src/addin/ports/http";
import { PolicyClient } from "../../src/addin/services/policyClient";
import { memoryStore } from "../../src/addin/ports/storage";
import * as engine from "../../src/addin/taskpane/engine";
import { PaneController } from "../../src/addin/taskpane/controller";
import { createFakeExcel } from "./fakes/excel";
import { createFakeOffice } from "./fakes/document/office";
import { createFakeWord } from "./fakes/word";
import { OUR_TENANT } from "./documentSetup";

const config = defaultConfig({ apiBase: "https://labels.example.com" });
export const PRIYA = { name: "Priya Shah", principalName: "priya@contoso.com" };

export interface Pane {
  controller: PaneController;
  audit: AuditEvent[];
  settle: () => Promise<void>;
}

export async function pane(
  host: WordHost | ExcelHost,
  policy: EffectivePolicy,
  strings = en,
  now = () => new Date("2026-11-29T10:15:30Z"),
): Promise<Pane> {
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
