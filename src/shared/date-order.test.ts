import { dateOrderEvidence, dateOrderOf } from "./date-order";

describe("what a text date says about the order of day and month", () => {
  it.each([
    ["13/01/2026", "dmy"],
    ["31-12-26", "dmy"],
    ["02.01.2026", "dmy"], // dots: day first by convention, even when either order would be a date
    [" 28/02/2026 10:15 ", "dmy"],
    ["01/13/2026", "mdy"],
    ["12/31/26 11:59 PM", "mdy"],
    ["02/01/2026", undefined], // either order
    ["30/02/2026", undefined], // no date in either order
    ["2026-01-13", undefined], // ISO: no question
    ["13-Jan-26", undefined],
    ["13/01", undefined],
    ["TAR 13/01/2026", undefined],
    [46035, undefined],
    ["", undefined],
  ] as const)("%p: %p", (cell, order) => expect(dateOrderOf(cell)).toBe(order));

  it("finds the first cell of each kind, over every column, in sheet rows", () => {
    const grid = [
      ["Member ID", "DOS", "Notes"],
      ["A", "02/01/2026", "seen 14/01"],
      ["B", "02/01/2026", ""],
      ["C", "14/01/2026", "01/31/2026"],
      ["D", "15/01/2026", ""],
    ];
    expect(dateOrderEvidence(grid)).toEqual({
      dayFirst: { row: 4, column: 1, text: "14/01/2026" },
      monthFirst: { row: 4, column: 2, text: "01/31/2026" },
    });
    expect(dateOrderEvidence(grid.slice(0, 3), 10)).toEqual({});
    expect(dateOrderEvidence([[], ["x", "20/1/2026"]], 5)).toEqual({ dayFirst: { row: 6, column: 1, text: "20/1/2026" } });
  });
});
