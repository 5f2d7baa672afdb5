import { isTotalsLabel, isTotalsRow } from "./totals-row";
import { validateGrid } from "./validate";
import { dayFromISO, mapHeaders, type Cell } from "./index";

const HEADER = ["Member ID", "Date of Service", "HCPCS", "Modifiers", "Units", "Billed Amount", "TAR"];
const mapping = mapHeaders(HEADER);
const AS_OF = dayFromISO("2026-06-30") as number;
const CLAIMS: Cell[][] = [
  ["91234567A", "2026-05-01", "G9008", "U1", 1, 400, "TAR1"],
  ["91234567B", "2026-05-01", "G9008", "U1", 1, 400, "TAR2"],
];

describe("totals labels", () => {
  it.each([
    "Total",
    "TOTAL",
    "Totals",
    "Grand Total",
    "grand total:",
    "Subtotal",
    "Sub-total",
    "91234567A Total",
    " Total ",
    "Total\u200b",
    // An export's footer that counts as it sums.
    "Total: 49 claims",
    "Total claims: 49",
    "Total Records: 49",
    "Grand Total: $4,367.50",
    "Totals: 3 lines",
  ])("%p is a totals label", (text) => expect(isTotalsLabel(text)).toBe(true));
  it.each([
    "",
    "Tot",
    "Totally",
    "Total care",
    "G9008",
    "91234567A",
    "totalling",
    `${"x".repeat(90)} Total`,
    "Totally: no",
    "Note: total 5",
  ])("%p is not", (text) => expect(isTotalsLabel(text)).toBe(false));
});

describe("totals rows", () => {
  it("a label with sums under the numbers (a Table's Total Row, Data > Subtotal, an export's footer)", () => {
    expect(isTotalsRow(["Total", "", "", "", 2, 800, ""], mapping)).toBe(true);
    expect(isTotalsRow(["Grand Total", null, null, null, "2", "$800.00"], mapping)).toBe(true);
    expect(isTotalsRow(["91234567A Total", undefined, undefined, undefined, undefined, 800], mapping)).toBe(true);
    expect(isTotalsRow(["", "", "Total", "", "", "800"], mapping)).toBe(true); // the label in another column
    expect(isTotalsRow(["Total claims: 49", "", "", "", "", "", ""], mapping)).toBe(true); // a footer alone
  });
  it("not when the row has a date of service, a code, a member or other text: then it is a claim line", () => {
    expect(isTotalsRow(["Total", "2026-05-01", "", "", 2, 800, ""], mapping)).toBe(false);
    expect(isTotalsRow(["Total", "", "G9008", "", 2, 800, ""], mapping)).toBe(false);
    expect(isTotalsRow(["91234567A", "", "Total", "", 2, 800, ""], mapping)).toBe(false);
    expect(isTotalsRow(["Total", "", "", "", 2, 800, "TAR1"], mapping)).toBe(false);
    expect(isTotalsRow(["", "", "", "", 2, 800, ""], mapping)).toBe(false); // no label
  });

  it("get no verdict, are not counted, and are listed in the summary", () => {
    const grid: Cell[][] = [
      HEADER,
      CLAIMS[0] as Cell[],
      ["91234567A Total", "", "", "", 1, 400, ""],
      CLAIMS[1] as Cell[],
      ["Grand Total", "", "", "", 2, 800, ""],
    ];
    const result = validateGrid(grid, { asOf: AS_OF });
    if (!result.ok) throw new Error(result.message);
    expect([...result.verdicts].map((v) => [v.row, v.status])).toEqual([
      [2, "OK"],
      [4, "OK"],
    ]);
    expect(result.summary).toMatchObject({ rows: 2, ok: 2, error: 0, expectedTotal: 800, totalsRows: [3, 5] });
    expect(result.summary.byMonth.map((m) => [m.month, m.lines, m.members])).toEqual([["2026-05", 2, 2]]);
  });

  it("a row that only looks like one is still checked as a claim line", () => {
    const grid: Cell[][] = [HEADER, CLAIMS[0] as Cell[], ["Total", "2026-05-02", "", "", 2, 800, ""]];
    const result = validateGrid(grid, { asOf: AS_OF });
    if (!result.ok) throw new Error(result.message);
    expect([...result.verdicts].map((v) => [v.row, v.status])).toEqual([
      [2, "OK"],
      [3, "ERROR"],
    ]);
    expect(result.summary.totalsRows).toEqual([]);
  });
});
