import { validateRows } from "./validate";
import { dayFromISO, mapHeaders, type Cell, type Verdict } from "./index";

const HEADER = ["Member ID", "Date of Service", "HCPCS", "Modifiers", "Units", "Billed Amount", "TAR"];
const AS_OF = dayFromISO("2026-06-30") as number;
// Row 3 is blank and row 5 a totals row: neither gets a verdict, so verdict k is not input row k.
const ROWS: Cell[][] = [
  ["91234567A", "2026-05-01", "G9008", "U1", 1, 400, "TAR1"],
  [],
  ["91234567A", "2026-05-20", "G9008", "U1", 1, 400, "TAR1"],
  ["Total", "", "", "", "", 800, ""],
  ["91234567B", "2026-05-01", "G9012", "", 1, 150, "TAR2"],
  ["91234567C", "2026-05-01", "G9008", "U1", 1, 380, "TAR3"],
];
const run = () =>
  validateRows(
    ROWS.map((cells, i) => ({ row: i + 2, cells })),
    mapHeaders(HEADER),
    { asOf: AS_OF },
  );

describe("Verdicts (the run's verdicts kept as columns)", () => {
  it("gives one verdict per claim line, in input order, by index and by iteration alike", () => {
    const { verdicts } = run();
    expect(verdicts.length).toBe(4);
    const listed = Array.from(verdicts);
    expect(listed.map((v) => [v.row, v.status, v.expected])).toEqual([
      [2, "OK", 400],
      [4, "WARN", 0], // a second PEPM line in May pays nothing
      [6, "OK", 150],
      [7, "WARN", 380], // billed below the rate: lesser of billed and rate
    ]);
    expect(listed.map((v) => v.findings.map((f) => f.rule))).toEqual([[], ["ECM-PEPM-DUP"], [], ["ECM-CHARGE"]]);
    for (let k = 0; k < verdicts.length; k++) expect(verdicts.at(k)).toEqual(listed[k]);
  });

  it("answers undefined outside 0 ≤ k < length, as an array's missing index does", () => {
    const { verdicts } = run();
    expect([verdicts.at(-1), verdicts.at(4), verdicts.at(1.5)]).toEqual([undefined, undefined, undefined]);
  });

  it("shares one frozen empty list between the verdicts without findings", () => {
    const { verdicts } = run();
    const [first, , third] = Array.from(verdicts) as Verdict[];
    expect(first?.findings).toBe(third?.findings);
    expect(Object.isFrozen(first?.findings)).toBe(true);
  });

  it("is written by JSON.stringify as the array of verdicts, never as the run's store (member IDs stay out)", () => {
    const { verdicts } = run();
    const json = JSON.stringify(verdicts);
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(Array.from(verdicts))));
    expect(json).not.toMatch(/91234567/);
    expect((JSON.parse(json) as unknown[]).length).toBe(4);
  });

  it("numbers every line by its own row when every input row is a claim, consecutive or not", () => {
    const claims = ROWS.filter((cells) => cells.length > 0 && cells[0] !== "Total");
    const asRows = (rowOf: (k: number) => number) => claims.map((cells, k) => ({ row: rowOf(k), cells }));
    const rowsOf = (rows: { row: number; cells: Cell[] }[]) =>
      Array.from(validateRows(rows, mapHeaders(HEADER), { asOf: AS_OF }).verdicts, (v) => [v.row, v.status]);
    // Consecutive from row 10; then rows left out of the input (a reader that skips empty rows),
    // first after line 0 and then only after the last line: the store keeps the numbers from there on.
    expect(rowsOf(asRows((k) => 10 + k))).toEqual([
      [10, "OK"],
      [11, "WARN"],
      [12, "OK"],
      [13, "WARN"],
    ]);
    expect(rowsOf(asRows((k) => 10 + 3 * k))).toEqual([
      [10, "OK"],
      [13, "WARN"],
      [16, "OK"],
      [19, "WARN"],
    ]);
    expect(rowsOf(asRows((k) => (k === 3 ? 40 : 10 + k)))).toEqual([
      [10, "OK"],
      [11, "WARN"],
      [12, "OK"],
      [40, "WARN"],
    ]);
    // The evidence of a cross-row finding names the first line's row, kept or computed alike.
    const dup = Array.from(
      validateRows(
        asRows((k) => 10 + 3 * k),
        mapHeaders(HEADER),
        { asOf: AS_OF },
      ).verdicts,
    )[1];
    expect(dup?.findings[0]?.rows).toEqual([10]);
  });
});
