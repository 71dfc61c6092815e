import { resolveMarkingText, validateMarkingTemplate } from "../../../src/core/marking/template";
import type { MarkingContext, OfficeApp } from "../../../src/core/marking/types";

const base: MarkingContext = {
  app: "Word",
  labelDisplayName: "Confidential",
  itemName: "Q3 plan.docx",
  itemLocation: "https://contoso.sharepoint.com/sites/fin/Q3 plan.docx",
  userName: "Priya Patel",
  userPrincipalName: "priya@contoso.com",
  eventDateTime: "03/09/2026 14:05",
};
const inApp = (app: OfficeApp): MarkingContext => ({ ...base, app });

describe("resolveMarkingText: variables", () => {
  it.each([
    ["${Item.Label}", "Confidential"],
    ["${Item.Name}", "Q3 plan.docx"],
    ["${Item.Location}", "https://contoso.sharepoint.com/sites/fin/Q3 plan.docx"],
    ["${User.Name}", "Priya Patel"],
    ["${User.PrincipalName}", "priya@contoso.com"],
    ["${Event.DateTime}", "03/09/2026 14:05"],
    ["Internal — ${User.Name} (${Event.DateTime})", "Internal — Priya Patel (03/09/2026 14:05)"],
    ["${Item.Label}${Item.Label}", "ConfidentialConfidential"],
  ])("%s", (template, expected) => {
    expect(resolveMarkingText(template, base)).toBe(expected);
  });

  it.each([
    ["${item.label}", "${item.label}"],
    ["${Item.Labels}", "${Item.Labels}"],
    ["${ Item.Label }", "${ Item.Label }"],
    ["${}", "${}"],
    ["Cost ${5} for ${User.Name}", "Cost ${5} for Priya Patel"],
    ["${Consumer.PrincipalName}", "${Consumer.PrincipalName}"],
    ["${Item.Label", "${Item.Label"],
    ["a ${b ${User.Name}", "a ${b Priya Patel"],
    ["$${Item.Label}}", "$Confidential}"],
    ["100% {Item.Label} $Item.Label", "100% {Item.Label} $Item.Label"],
  ])("leaves %s raw where it is not a known variable", (template, expected) => {
    expect(resolveMarkingText(template, base)).toBe(expected);
  });

  it("does not expand variables inside substituted values", () => {
    const ctx = { ...base, itemName: "${User.Name}.docx", labelDisplayName: "${If.App.X}" };
    expect(resolveMarkingText("${Item.Name} ${Item.Label}x${If.End}", ctx)).toBe(
      "${User.Name}.docx ${If.App.X}x",
    );
  });
});

describe("resolveMarkingText: ${If.App…} blocks", () => {
  const apps: OfficeApp[] = ["Word", "Excel", "PowerPoint", "Outlook"];
  it.each([
    ["Word", ["Word"]],
    ["Excel", ["Excel"]],
    ["PowerPoint", ["PowerPoint"]],
    ["Outlook", ["Outlook"]],
    ["W", ["Word"]],
    ["X", ["Excel"]],
    ["P", ["PowerPoint"]],
    ["O", ["Outlook"]],
    ["WXO", ["Word", "Excel", "Outlook"]],
    ["OXW", ["Word", "Excel", "Outlook"]],
    ["WP", ["Word", "PowerPoint"]],
    ["WXPO", ["Word", "Excel", "PowerPoint", "Outlook"]],
  ])("${If.App.%s} shows its text in %j only", (type, shownIn) => {
    for (const app of apps) {
      const expected = shownIn.includes(app) ? "A-in-B" : "A-B";
      expect(resolveMarkingText(`A-\${If.App.${type}}in-\${If.End}B`, inApp(app))).toBe(expected);
    }
  });

  it("follows Microsoft's documented examples", () => {
    const footer =
      "${If.App.WXO}This content is confidential.${If.End}${If.App.PowerPoint}This presentation is confidential.${If.End}";
    expect(resolveMarkingText(footer, inApp("Excel"))).toBe("This content is confidential.");
    expect(resolveMarkingText(footer, inApp("PowerPoint"))).toBe("This presentation is confidential.");
    const watermark = "${If.App.WP}This content is ${If.End}Confidential";
    expect(resolveMarkingText(watermark, inApp("Word"))).toBe("This content is Confidential");
    expect(resolveMarkingText(watermark, inApp("Excel"))).toBe("Confidential");
  });

  it("resolves variables inside a block only for its apps", () => {
    const t = "${Item.Label}${If.App.O} sent by ${User.PrincipalName}${If.End}";
    expect(resolveMarkingText(t, inApp("Outlook"))).toBe("Confidential sent by priya@contoso.com");
    expect(resolveMarkingText(t, inApp("Word"))).toBe("Confidential");
  });

  it.each([
    ["${If.App.word}x${If.End}y", "y"],
    ["${If.App.Visio}x${If.End}y", "y"],
    ["${If.App.WZ}x${If.End}y", "y"],
    ["${If.App.WW}x${If.End}y", "y"],
    ["${If.App.}x${If.End}y", "y"],
  ])("%s (invalid type) shows its text in no app", (template, expected) => {
    for (const app of apps) expect(resolveMarkingText(template, inApp(app))).toBe(expected);
  });

  it("runs an unterminated block to the end of the text", () => {
    expect(resolveMarkingText("All ${If.App.X}Excel only", inApp("Excel"))).toBe("All Excel only");
    expect(resolveMarkingText("All ${If.App.X}Excel only", inApp("Word"))).toBe("All ");
  });

  it("drops a stray ${If.End}", () => {
    expect(resolveMarkingText("a${If.End}b", base)).toBe("ab");
  });

  it("nests blocks: inner text shows only where every enclosing block matches", () => {
    const t = "0${If.App.WX}1${If.App.X}2${If.End}3${If.End}4";
    expect(resolveMarkingText(t, inApp("Excel"))).toBe("01234");
    expect(resolveMarkingText(t, inApp("Word"))).toBe("0134");
    expect(resolveMarkingText(t, inApp("Outlook"))).toBe("04");
    // An inner block for an app the outer one excludes never shows.
    expect(resolveMarkingText("${If.App.W}${If.App.O}x${If.End}${If.End}", inApp("Outlook"))).toBe("");
  });

  // Speed is measured in bench/core/hostile.ts; the timeout only stops a hang.
  it("resolves and validates 1 MB hostile templates", () => {
    // [template, what it resolves to, the rule its issues name (capped at 50 and a last one)]
    const hostile: Array<[string, string, string]> = [
      ["${".repeat(350_000), "${".repeat(350_000), "unclosed-variable"],
      ["${If.App.W}".repeat(90_000), "", "nested-if"],
      ["${If.End}".repeat(110_000), "", "stray-if-end"],
      ["${x".repeat(330_000), "${x".repeat(330_000), "unclosed-variable"],
    ];
    for (const [template, resolved, rule] of hostile) {
      expect(resolveMarkingText(template, base) === resolved).toBe(true);
      const issues = validateMarkingTemplate(template, "p").map((i) => i.rule);
      expect(issues).toEqual([...Array(50).fill(rule), "too-many-issues"]);
    }
    expect(resolveMarkingText("${".repeat(1000), base)).toBe("${".repeat(1000));
  }, 30_000);
});

describe("validateMarkingTemplate", () => {
  const rules = (t: string): string[] =>
    validateMarkingTemplate(t, "labels[3].marking.header.text").map((i) => i.rule);

  it.each([
    "",
    "Confidential",
    "${Item.Label} ${Item.Name} ${Item.Location} ${User.Name} ${User.PrincipalName} ${Event.DateTime}",
    "${If.App.WXO}a${If.End}${If.App.PowerPoint}b${If.End}",
    "${If.App.Word}${If.End}${If.App.Excel}${If.End}${If.App.Outlook}${If.End}${If.App.WXPO}${If.End}",
    "$5 {not a variable} $",
  ])("accepts %j", (t) => {
    expect(validateMarkingTemplate(t, "x")).toEqual([]);
  });

  it("names the path, the variable, its position and the case-sensitive fix", () => {
    expect(validateMarkingTemplate("By ${user.name}", "labels[3].marking.header.text")).toEqual([
      {
        path: "labels[3].marking.header.text",
        rule: "unknown-variable",
        message:
          "labels[3].marking.header.text: unknown variable ${user.name} at character 4 would be printed as is — names are case-sensitive: did you mean ${User.Name}?",
      },
    ]);
  });

  it("lists the known variables for a name it cannot guess", () => {
    const [issue] = validateMarkingTemplate("${Foo}", "p");
    expect(issue.message).toBe(
      "p: unknown variable ${Foo} at character 1 would be printed as is; known variables: ${Item.Label}, ${Item.Name}, ${Item.Location}, ${User.Name}, ${User.PrincipalName}, ${Event.DateTime}",
    );
  });

  it("explains dynamic-watermark variables instead of calling them typos", () => {
    const [issue] = validateMarkingTemplate("${Consumer.PrincipalName}", "w");
    expect(issue.rule).toBe("unknown-variable");
    expect(issue.message).toBe(
      "w: ${Consumer.PrincipalName} at character 1 is a dynamic-watermark variable that only Purview fills in for encrypted content; Labelbridge would print it as is",
    );
  });

  it.each([
    ["${If.App.word}x${If.End}", ["unknown-app"]],
    ["${If.App.Visio}x${If.End}", ["unknown-app"]],
    ["${If.App.}x${If.End}", ["unknown-app"]],
    ["${If.App.WZ}x${If.End}", ["bad-app-letters"]],
    ["${If.App.WXW}x${If.End}", ["bad-app-letters"]],
    ["${If.App.W}never closed", ["unterminated-if"]],
    ["${If.App.W}a${If.App.X}b${If.End}", ["nested-if", "unterminated-if"]],
    ["${If.App.W}a${If.App.X}b${If.End}c${If.End}", ["nested-if"]],
    ["a${If.End}", ["stray-if-end"]],
    ["${Item.Label", ["unclosed-variable"]],
    ["${if.app.W}x${if.end}", ["unknown-variable", "unknown-variable"]],
    ["${If.App}x", ["unknown-variable"]],
  ])("%s → %j", (t, expected) => {
    expect(rules(t)).toEqual(expected);
  });

  it("stops listing after 50 problems and counts the rest", () => {
    const issues = validateMarkingTemplate("${x}".repeat(60), "t");
    expect(issues).toHaveLength(51);
    expect(issues[49].message).toMatch(/^t: unknown variable \$\{x\} at character 197 /);
    expect(issues[50]).toEqual({
      path: "t",
      rule: "too-many-issues",
      message: "t: 10 more problems like the above",
    });
  });

  it("gives exact messages for block problems", () => {
    expect(validateMarkingTemplate("${If.App.WZ}x${If.End}${If.App.W}y", "t").map((i) => i.message)).toEqual([
      't: ${If.App.WZ} at character 1: "Z" is not an app letter (W, X, P, O); its text would show in no app',
      "t: the ${If.App…} block at character 23 has no ${If.End}; its text would run to the end",
    ]);
    expect(validateMarkingTemplate("${If.App.WXW}", "t")[0].message).toBe(
      't: ${If.App.WXW} at character 1: "W" appears twice; its text would show in no app',
    );
    expect(
      validateMarkingTemplate("${If.App.Word}${If.App.X}${If.End}${If.End}${If.End}", "t").map(
        (i) => i.message,
      ),
    ).toEqual([
      "t: ${If.App.X} at character 15 opens inside the block opened at character 1; close that block with ${If.End} first",
      "t: ${If.End} at character 44 closes no ${If.App…} block",
    ]);
    expect(validateMarkingTemplate("${if.end}", "t")[0].message).toBe(
      "t: unknown variable ${if.end} at character 1 would be printed as is — names are case-sensitive: did you mean ${If.End}?",
    );
    expect(validateMarkingTemplate("${if.app.W}", "t")[0].message).toBe(
      "t: unknown variable ${if.app.W} at character 1 would be printed as is — write it as ${If.App.<type>} (case-sensitive)",
    );
    expect(validateMarkingTemplate("x ${Item.Label", "t")[0].message).toBe(
      't: "${" at character 3 has no closing "}"',
    );
  });
});
