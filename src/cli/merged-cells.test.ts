import { clearOfMerges, hideMergedCells } from "./merged-cells";

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

describe("clearOfMerges (where four result columns go, from column J = 9, written from row 1 = 0 down)", () => {
  it("keeps the column when no merged range crosses the four columns on the rows written", () => {
    expect(clearOfMerges(9, 4, [], 0)).toBe(9);
    expect(clearOfMerges(9, 4, ["A2:I2", "N2:P9", "not a range", "J1"], 0)).toBe(9); // left of J, right of M, no range
    expect(clearOfMerges(9, 4, ["A1:Z1"], 1)).toBe(9); // a title above the header row (row 2 = 1) is not written to
  });

  it("moves right of each range the columns would fall in, and again when that lands in another", () => {
    expect(clearOfMerges(9, 4, ["I4:K4"], 0)).toBe(11); // L: right of K
    expect(clearOfMerges(9, 4, ["A6:M6"], 0)).toBe(13); // N
    expect(clearOfMerges(9, 4, ["M20:N21", "A6:K6", "O3:O3"], 0)).toBe(15); // L..O would hit M:N, then O..R hits O
    expect(clearOfMerges(9, 4, ["J1:K1"], 0)).toBe(11); // the header row is written to
  });
});
