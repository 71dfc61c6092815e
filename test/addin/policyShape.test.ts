/**
 * The event bundle checks a policy without zod (services/policyShape.ts), against a shape typed from
 * the core model. This proves the two cannot drift: the shape compiles against the model as it
 * is, and each planted change to the model — a new field, a renamed one, a changed type — makes
 * it fail to compile. Then the check itself: a real policy passes, damaged ones do not.
 */
import * as path from "node:path";
import ts from "typescript";
import { isEffectivePolicy } from "../../src/addin/services/policyShape";
import { defaultTenantPolicy, resolveEffectivePolicy, tenantPolicySchema } from "../../src/core/policy";
import { epmsPolicy } from "./outlook/setup";

const root = path.resolve(__dirname, "..", "..");
const shapeFile = path.join(root, "src", "addin", "services", "policyShape.ts");
const modelFile = path.join(root, "src", "core", "policy", "model.ts");
const effectiveFile = path.join(root, "src", "core", "policy", "effective.ts");

let previous: ts.Program | undefined;

/** Errors in policyShape.ts when the model's files read as `planted` says. */
function shapeErrors(planted: Record<string, (text: string) => string> = {}): string[] {
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    skipLibCheck: true,
    types: [],
    lib: ["lib.es2022.d.ts"],
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  host.readFile = (file) => {
    const text = readFile(file);
    const edit = planted[path.resolve(file)];
    if (text === undefined || !edit) return text;
    const changed = edit(text);
    if (changed === text) throw new Error(`the planted change did not apply to ${file}`);
    return changed;
  };
  const program = ts.createProgram([shapeFile], options, host, previous);
  previous = program;
  return ts
    .getPreEmitDiagnostics(program, program.getSourceFile(shapeFile))
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

describe("the event bundle's policy shape follows the core model", () => {
  jest.setTimeout(120_000);

  it("compiles against the model as it is", () => {
    expect(shapeErrors()).toEqual([]);
  });

  it.each([
    [
      "a new setting",
      modelFile,
      (t: string) =>
        t.replace(
          "auditEnabled: z.boolean().default(true),",
          "$&\n    retentionDays: z.number().default(30),",
        ),
      "retentionDays",
    ],
    [
      "a renamed label field",
      modelFile,
      (t: string) =>
        t.replace("isActive: z.boolean().default(true),", "isEnabled: z.boolean().default(true),"),
      "isEnabled",
    ],
    [
      "a setting that changes type",
      modelFile,
      (t: string) =>
        t.replace("mandatoryMail: z.boolean().default(false),", "mandatoryMail: z.string().default(''),"),
      `Type '"boolean"' is not assignable to type '"string" | "guid"'`,
    ],
    [
      "a new field of the effective policy",
      effectiveFile,
      (t: string) => t.replace("  tenantName: string;", "$&\n  region: string;"),
      "region",
    ],
  ])("fails to compile after %s in the model", (_what, file, edit, expected) => {
    const errors = shapeErrors({ [file]: edit });
    expect(errors.join("\n")).toContain(expected);
  });
});

describe("isEffectivePolicy", () => {
  const policy = resolveEffectivePolicy(tenantPolicySchema.parse(defaultTenantPolicy()), {
    id: "u",
    groups: [],
  });

  it("accepts the policies the backend serves (default taxonomy, au-epms markings)", () => {
    expect(isEffectivePolicy(policy)).toBe(true);
    expect(isEffectivePolicy(JSON.parse(JSON.stringify(epmsPolicy())))).toBe(true);
  });

  it.each([
    ["a proxy's HTML page", "<html><body>Sign in</body></html>"],
    ["a truncated entry without settings", { ...policy, settings: undefined }],
    ["a setting of the wrong kind", { ...policy, settings: { ...policy.settings, auditEnabled: "yes" } }],
    ["a site id that is not a GUID", { ...policy, siteId: "contoso" }],
    [
      "a label without its conditions",
      { ...policy, labels: [{ ...policy.labels[0], conditions: undefined }] },
    ],
    [
      "a catalog entry without a sensitivity",
      { ...policy, catalog: [{ ...policy.catalog[0], sensitivity: "1" }] },
    ],
  ])("refuses %s", (_what, value) => {
    expect(isEffectivePolicy(value)).toBe(false);
  });
});
