/**
 * The rule registry: every rule declared in a family module is registered exactly once, in a phase
 * that matches its scope, and the catalogue is what the declarations say.
 */
import { FIELD_LABELS, FIELD_ORDER } from "../src/engine/columns";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { DECLARED, FAMILIES, MEMBER_PASSES, ROW_RULES, RULES, type Rule } from "../src/engine";
import { MAX_FILLED_FIELDS } from "../src/engine/store";

const RULES_DIR = join(__dirname, "../src/engine/rules");

/** Every object exported by the modules of src/engine/rules that looks like a rule declaration. */
async function exportedRules(): Promise<Map<string, Rule[]>> {
  const found = new Map<string, Rule[]>();
  for (const file of readdirSync(RULES_DIR).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))) {
    const mod = (await import(join(RULES_DIR, file))) as Record<string, unknown>;
    for (const value of Object.values(mod)) {
      if (typeof value === "object" && value !== null && "id" in value && "severity" in value && "scope" in value) {
        const rule = value as Rule;
        found.set(rule.id, [...(found.get(rule.id) ?? []), rule]);
      }
    }
  }
  return found;
}

describe("rule registry", () => {
  it("registers every declared rule exactly once: row rules in ROW_RULES, cross-row rules in one pass of MEMBER_PASSES", async () => {
    const exported = await exportedRules();
    expect(exported.size).toBeGreaterThanOrEqual(19);
    for (const [id, rules] of exported) {
      expect([id, rules.length]).toEqual([id, 1]); // one declaration per ID
      const rule = rules[0] as Rule;
      expect(DECLARED.filter((r) => r === rule)).toHaveLength(1); // listed in its family's RULES
      if (rule.scope === "row") {
        expect(ROW_RULES.filter((r) => r === rule)).toHaveLength(1);
        expect(MEMBER_PASSES.flatMap((p) => p.rules).filter((r) => r.id === id)).toHaveLength(0);
      } else {
        expect(MEMBER_PASSES.flatMap((p) => p.rules).filter((r) => r === rule)).toHaveLength(1);
        expect(ROW_RULES.filter((r) => r.id === id)).toHaveLength(0);
      }
    }
    expect(RULES.map((r) => r.id).sort()).toEqual([...exported.keys()].sort());
  });

  it("gives each row rule a phase of its scope and each family a RULES list of its own declarations", () => {
    for (const rule of ROW_RULES) expect(["line", "verdict"]).toContain(rule.phase);
    for (const pass of MEMBER_PASSES) for (const rule of pass.rules) expect(rule.scope).toBe("cross-row");
    const inFamilies = Object.values(FAMILIES).flatMap((f) => [...f.RULES]);
    expect(new Set(inFamilies).size).toBe(inFamilies.length);
  });

  it("lists row rules by severity (errors, warnings, information), then family order", () => {
    const rank = { error: 0, warning: 1, info: 2 };
    const ranks = ROW_RULES.map((r) => rank[r.severity]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(ROW_RULES.map((r) => r.id).slice(0, 4)).toEqual(["ECM-CELL-ERROR", "ECM-MEMBER", "ECM-DOS", "ECM-FUTURE"]);
  });

  it("asks the store about no more filled columns than it records", () => {
    const fields = new Set(RULES.flatMap((r) => r.asksFilled ?? []));
    expect(fields.size).toBeLessThanOrEqual(MAX_FILLED_FIELDS);
  });

  it("has a message template and a one-line 'when' for every rule", () => {
    for (const rule of RULES) {
      expect(typeof rule.message).toBe("function");
      expect(rule.when).toMatch(/^[^\n]{10,160}$/);
    }
  });
});

describe("FIELD_ORDER", () => {
  it("names every field once (ECM-CELL-ERROR looks at the cells of the fields it names)", () => {
    expect([...FIELD_ORDER].sort()).toEqual(Object.keys(FIELD_LABELS).sort());
  });
});
