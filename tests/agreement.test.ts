/**
 * The analyst's formula workbook (XLOOKUP + COUNTIFS in a real formula engine) and the engine
 * agree on every generated line, rule by rule; every difference has an explanation the formulas
 * cannot express (they count lines with errors and unpaid attempts). `npm run bench:compare`
 * runs the same check at larger sizes.
 */
import { dayFromISO, mapHeaders, validateRows } from "../src/engine";
import { compareWithFormulas } from "./bench/agreement";
import { computeFormulaWorkbook } from "./bench/formula-workbook";
import { generateClaims } from "./bench/generate-claims";

describe("agreement with the analyst's formula workbook", () => {
  jest.setTimeout(60_000);
  const { header, rows } = generateClaims(1000, 11); // a seed whose 1,000 rows trip every cross-row rule below
  const formula = computeFormulaWorkbook(header, rows);
  const verdicts = Array.from(
    validateRows(
      rows.map((cells, i) => ({ row: i + 2, cells })),
      mapHeaders(header),
      { asOf: dayFromISO("2027-12-31") as number },
    ).verdicts,
  );
  const results = compareWithFormulas(rows, verdicts, formula.values);

  it.each(results.map((r) => [r.rule, r] as const))("%s: no unexplained difference", (_rule, r) => {
    expect(r.unexplained).toEqual([]);
    expect(r.agree).toBeGreaterThan(0);
  });

  it("exercises the rules: some lines of each kind trip them", () => {
    const fired = (rule: string) => verdicts.filter((v) => v.findings.some((f) => f.rule === rule)).length;
    expect(fired("ECM-OUTREACH-30D")).toBeGreaterThan(0);
    expect(fired("ECM-PEPM-DUP")).toBeGreaterThan(0);
    expect(fired("ECM-ENGAGEMENT-DUP")).toBeGreaterThan(0);
  });
});
