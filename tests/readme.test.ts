import { readFileSync } from "node:fs";
import { helpRuleTable, renderHelp, renderReadme, ruleTable } from "../src/dev/readme-tables";
import { RULES } from "../src/engine";

describe("README", () => {
  const readme = readFileSync("README.md", "utf8");
  it("has the rule and rate tables the engine's data renders (run `npm run rules-doc` after changing them)", () => {
    expect(renderReadme(readme)).toBe(readme);
  });
  it("lists every rule ID once", () => {
    for (const r of RULES) expect(ruleTable().split(`\`${r.id}\``)).toHaveLength(2);
  });
  it("help.html has the rule table the rule declarations render, every rule once", () => {
    const help = readFileSync("src/help/help.html", "utf8");
    expect(renderHelp(help)).toBe(help);
    for (const r of RULES) expect(helpRuleTable().split(`<td>${r.id}</td>`)).toHaveLength(2);
  });
  it("gives the two commands a new machine needs", () => {
    expect(readme).toContain("npm ci && npm run demo");
    expect(readme).toContain("npm test");
  });
});
