import { hideMergedCells } from "./merged-cells";

describe("hideMergedCells", () => {
  it("empties every cell of a merged range but the top-left one, across rows and columns", () => {
    const grid = [
      ["Member ID", "DOS", "HCPCS"],
      ["90000001A", 46083, "G9008"],
      ["90000002B", 46084, "G9008"],
      ["90000003C", 46085, "G9012"],
    ];
    hideMergedCells(grid, ["A2:A4", "B3:C3"]);
    expect(grid).toEqual([
      ["Member ID", "DOS", "HCPCS"],
      ["90000001A", 46083, "G9008"],
      [null, 46084, null],
      [null, 46085, "G9012"],
    ]);
  });

  it("leaves rows the file skipped (one shared empty row) and ranges past the grid alone, and ignores what is not a range", () => {
    const empty = Object.freeze([]) as unknown as string[];
    const grid = [["a", "b"], empty, ["c", "d"]];
    hideMergedCells(grid, ["A1:B3", "C10:D20", "not a range", "A1"]);
    expect(grid).toEqual([["a", null], [], [null, null]]);
  });
});
