/** The generated dist/functions.json (npm test builds it first) and the bundle around it. */
import { existsSync, readdirSync, readFileSync } from "node:fs";

interface Param {
  name: string;
  dimensionality?: string;
  optional?: boolean;
  type?: string;
  description?: string;
}
interface Fn {
  id: string;
  name: string;
  description: string;
  helpUrl?: string;
  parameters: Param[];
  result: { dimensionality?: string };
}

function load(): { functions: Fn[]; allowErrorForDataTypeAny?: boolean } {
  if (!existsSync("dist/functions.json")) throw new Error("dist/functions.json is missing: run `npm run build` (npm test does)");
  return JSON.parse(readFileSync("dist/functions.json", "utf8")) as { functions: Fn[]; allowErrorForDataTypeAny?: boolean };
}

describe("dist/functions.json", () => {
  const { functions, allowErrorForDataTypeAny } = load();

  it("lets error values in a range reach the functions (allowErrorForDataTypeAny, which the JSDoc generator cannot emit)", () => {
    expect(allowErrorForDataTypeAny).toBe(true);
    expect(functions.every((f) => f.parameters.filter((p) => p.dimensionality === "matrix").every((p) => p.type === "any"))).toBe(true);
  });
  const byId = new Map(functions.map((f) => [f.id, f]));

  it("declares exactly RATE and VALIDATE (ids and names)", () => {
    expect(functions.map((f) => [f.id, f.name])).toEqual([
      ["RATE", "RATE"],
      ["VALIDATE", "VALIDATE"],
    ]);
  });

  it("takes ranges as matrices, marks optional parameters, and spills a matrix", () => {
    const rate = byId.get("RATE") as Fn;
    expect(rate.parameters.map((p) => [p.name, p.dimensionality, p.optional ?? false])).toEqual([
      ["code", "matrix", false],
      ["modifiers", "matrix", true],
      ["date", "matrix", true],
      ["plan", "matrix", true],
      ["rates", "matrix", true],
    ]);
    expect(rate.result.dimensionality).toBe("matrix");
    const validate = byId.get("VALIDATE") as Fn;
    expect(validate.parameters.map((p) => [p.name, p.dimensionality, p.optional ?? false, p.type])).toEqual([
      ["claims", "matrix", false, "any"],
      ["detail", undefined, true, "boolean"],
      ["as_of", undefined, true, "any"],
      ["members", "matrix", true, "any"],
      ["rates", "matrix", true, "any"],
      ["limits", "matrix", true, "any"],
    ]);
    expect(validate.result.dimensionality).toBe("matrix");
  });

  it("describes every function and parameter for analysts, with a help link to an existing section", () => {
    const help = readFileSync("dist/help.html", "utf8");
    for (const f of functions) {
      expect(f.description.length).toBeGreaterThan(40);
      for (const p of f.parameters) expect((p.description ?? "").length).toBeGreaterThan(30);
      const anchor = /#([\w-]+)$/.exec(f.helpUrl ?? "")?.[1];
      expect(anchor).toBeDefined();
      expect(help).toMatch(new RegExp(`id="?${anchor}"?[ >]`));
    }
  });

  it("is bound to the functions in the bundle by the generated associate calls", () => {
    const engine = readdirSync("dist").find((f) => /^engine\.[0-9a-f]{8}\.js$/.test(f)) as string;
    const bundle = readFileSync("dist/functions.js", "utf8") + readFileSync(`dist/${engine}`, "utf8");
    expect(bundle).toContain('CustomFunctions.associate("RATE"');
    expect(bundle).toContain('CustomFunctions.associate("VALIDATE"');
  });
});
